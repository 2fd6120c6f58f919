import 'server-only';

export const SUPPORTED_VERSIONS = ['v1'] as const;

export type ProtocolErrorCode =
  | 'unsupported_version'
  | 'invalid_request'
  | 'payload_too_large'
  | 'unauthorized'
  | 'not_claimed'
  | 'hardware_id_taken'
  | 'link_code_taken'
  | 'unknown_command'
  | 'not_found'
  | 'method_not_allowed';

/** A refusal of the gateway protocol: its HTTP status, code and English message (protocol "General rules"). */
export class ProtocolError extends Error {
  constructor(
    readonly status: number,
    readonly code: ProtocolErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

export function protocolErrorResponse(e: ProtocolError): Response {
  return Response.json({ error: { code: e.code, message: e.message, ...e.extra } }, { status: e.status, headers: { 'cache-control': 'no-store' } });
}

export const unauthorized = () => new ProtocolError(401, 'unauthorized', 'The gateway credential is missing or not valid.');
