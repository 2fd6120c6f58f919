/**
 * What the browser may know about a stored secret: whether it is set and since when.
 * The value (sealed or plain) is never part of it, so a status can be passed to client
 * components and serialised freely. Write-only fields show "set on <date>" from it.
 * Free of `server-only` and node:crypto so client components can import the type.
 */
export interface SecretStatus {
  set: boolean;
  /** ISO 8601 timestamp of the last write, or null when not set. */
  setAt: string | null;
}

/** The status of a stored (sealed) secret; an empty or missing value counts as not set. */
export function secretStatus(sealed: string | null | undefined, setAt: Date | string | null | undefined): SecretStatus {
  if (!sealed) return { set: false, setAt: null };
  const at = setAt == null ? null : new Date(setAt);
  return { set: true, setAt: at && !Number.isNaN(at.getTime()) ? at.toISOString() : null };
}
