import type { FieldErrors } from '@/lib/errors';

/**
 * Puts a failed action's field errors on the form's fields and returns the message for the top of
 * the form: the action's own, or a generic one when an error names a field the form lacks.
 */
export function applyServerErrors(
  res: { fieldErrors: FieldErrors; formError: string | null },
  fields: readonly string[],
  setFieldError: (field: string, key: string) => void,
): string | null {
  let unplaced = false;
  for (const [field, keys] of Object.entries(res.fieldErrors)) {
    if (fields.includes(field) && keys[0]) setFieldError(field, keys[0]);
    else unplaced = true;
  }
  return res.formError ?? (unplaced ? 'errors.validation' : null);
}
