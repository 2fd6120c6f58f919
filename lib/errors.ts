/**
 * Typed domain errors. Commands throw these; each boundary (server action,
 * route handler, SCIM, job) maps them in one place.
 * `messageKey` is an i18n key under `errors.` in messages/<locale>.json.
 */
export type FieldErrors = Record<string, string[]>;

export class DomainError extends Error {
  constructor(
    readonly messageKey: string,
    readonly status: number,
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(messageKey = 'errors.notFound') {
    super(messageKey, 404);
  }
}

export class ForbiddenError extends DomainError {
  constructor(messageKey = 'errors.forbidden') {
    super(messageKey, 403);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(messageKey = 'errors.unauthenticated') {
    super(messageKey, 401);
  }
}

export class ConflictError extends DomainError {
  constructor(messageKey = 'errors.conflict', readonly fieldErrors: FieldErrors = {}) {
    super(messageKey, 409);
  }
}

export class ValidationError extends DomainError {
  constructor(readonly fieldErrors: FieldErrors, messageKey = 'errors.validation') {
    super(messageKey, 400);
  }
}

/** The database cannot be reached for the moment (see lib/db/unavailable): try again shortly. */
export class UnavailableError extends DomainError {
  constructor() {
    super('errors.unavailable', 503);
  }
}

export class LimitExceededError extends DomainError {
  constructor(messageKey: string, params: Record<string, string | number> = {}, readonly retryAfterSeconds?: number) {
    super(messageKey, 429, params);
  }
}

interface ZodLikeIssue {
  code: string;
  path: PropertyKey[];
  message: string;
}

/** A message our schemas set is an i18n key ("users.errors.invalidPhone"); zod's own are prose. */
const I18N_KEY = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/;

/** Zod issues as field errors whose messages are i18n keys (every issue, not only the first). */
export function zodFieldErrors(issues: readonly ZodLikeIssue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path.map(String).join('.') || '_form';
    const key = I18N_KEY.test(issue.message) ? issue.message : genericKey(issue.code);
    const list = (out[field] ??= []);
    if (!list.includes(key)) list.push(key);
  }
  return out;
}

function genericKey(code: string): string {
  switch (code) {
    case 'too_small':
      return 'errors.required';
    case 'too_big':
      return 'errors.tooLong';
    case 'invalid_format':
      return 'errors.invalidFormat';
    default:
      return 'errors.invalid';
  }
}

export function validationFromZod(error: { issues: readonly ZodLikeIssue[] }): ValidationError {
  return new ValidationError(zodFieldErrors(error.issues));
}
