import { ConflictError, DomainError, ForbiddenError, LimitExceededError, NotFoundError, UnauthenticatedError, ValidationError } from '@/lib/errors';
import { ERROR_URN } from './urns';

/** RFC 7644 §3.12 scimType values (only meaningful with status 400, except uniqueness with 409). */
export type ScimErrorType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/**
 * An error a SCIM client should see as-is. `detail` is written for the IdP administrator reading
 * the provisioning log, so it names the attribute, operation or filter position at fault.
 */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: ScimErrorType | undefined,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ScimError';
  }
}

export interface ScimErrorBody {
  schemas: [typeof ERROR_URN];
  /** A string: RFC 7644 §3.12 defines `status` as the HTTP status code in string form. */
  status: string;
  scimType?: ScimErrorType;
  detail: string;
}

export function scimErrorBody(error: ScimError): ScimErrorBody {
  const body: ScimErrorBody = { schemas: [ERROR_URN], status: String(error.status), detail: error.detail };
  if (error.scimType) body.scimType = error.scimType;
  return body;
}

/**
 * The one place where the portal's domain errors (thrown by the user commands the SCIM route
 * calls) become SCIM errors. Anything unexpected becomes a bare 500 so internals never leak.
 */
export function toScimError(error: unknown): ScimError {
  if (error instanceof ScimError) return error;
  if (error instanceof NotFoundError) return new ScimError(404, undefined, 'Resource not found');
  if (error instanceof ConflictError) return new ScimError(409, 'uniqueness', conflictDetail(error));
  if (error instanceof ValidationError) return new ScimError(400, 'invalidValue', validationDetail(error));
  if (error instanceof UnauthenticatedError) return new ScimError(401, undefined, 'Authentication required');
  if (error instanceof ForbiddenError) return new ScimError(403, undefined, 'Not permitted');
  if (error instanceof LimitExceededError) return new ScimError(429, undefined, 'Too many requests');
  if (error instanceof DomainError && error.status === 503) return new ScimError(503, undefined, 'Service temporarily unavailable');
  return new ScimError(500, undefined, 'Internal error');
}

function conflictDetail(error: ConflictError): string {
  const fields = Object.keys(error.fieldErrors);
  return fields.length > 0 ? `A resource with this ${fields.join(', ')} already exists` : 'A resource with these values already exists';
}

function validationDetail(error: ValidationError): string {
  const parts = Object.entries(error.fieldErrors).map(([field, keys]) => `${field}: ${keys.join(', ')}`);
  return parts.length > 0 ? `Invalid value (${parts.join('; ')})` : 'Invalid value';
}
