/**
 * The code a gateway shows locally until an account claims it (docs/gateway-protocol.md §1):
 * 8 characters without look-alikes (no 0/O, 1/I), shown as XXXX-XXXX. Pure, so both sides agree.
 */
export const LINK_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

const CODE = /^[A-HJ-NP-Z2-9]{8}$/;

/** The code as stored and compared: upper case, without spaces and dashes; null when it cannot be a code. */
export function normaliseLinkCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  return CODE.test(code) ? code : null;
}

export function formatLinkCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
