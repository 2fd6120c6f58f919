import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SetPasswordInput, SignInInput } from '@/lib/auth/schemas';
import { DomainError, NotFoundError, ValidationError, validationFromZod, zodFieldErrors } from '@/lib/errors';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected the value to be invalid');
  return result.error.issues;
};

describe('zodFieldErrors', () => {
  it('collects every issue of a field, not only the first', () => {
    const schema = z.object({
      password: z.string().min(8, { message: 'errors.passwordTooShort' }).regex(/\d/, { message: 'errors.passwordNeedsDigit' }),
    });
    expect(zodFieldErrors(issuesOf(schema, { password: 'abc' }))).toEqual({ password: ['errors.passwordTooShort', 'errors.passwordNeedsDigit'] });
  });

  it('reports every invalid field of a form', () => {
    expect(zodFieldErrors(issuesOf(SignInInput, { email: 'nope', password: '' }))).toEqual({
      email: ['errors.invalidEmail'],
      password: ['errors.required'],
    });
    expect(zodFieldErrors(issuesOf(SetPasswordInput, { token: 't', password: 'short', confirm: 'other' }))).toMatchObject({
      password: ['errors.passwordTooShort'],
    });
  });

  it("keeps a feature's own message keys, such as the users form's phone rule", async () => {
    const { MobileField } = await import('@/lib/users/schemas');
    expect(zodFieldErrors(issuesOf(z.object({ mobile: MobileField }), { mobile: 'call me' }))).toEqual({ mobile: ['users.errors.invalidPhone'] });
  });

  it('maps messages that are not i18n keys to generic keys by issue code', () => {
    const schema = z.object({
      name: z.string().min(1),
      code: z.string().max(3),
      email: z.email(),
      age: z.number(),
      kind: z.enum(['a', 'b']),
    });
    expect(zodFieldErrors(issuesOf(schema, { name: '', code: 'abcd', email: 'x', age: 'old', kind: 'c' }))).toEqual({
      name: ['errors.required'],
      code: ['errors.tooLong'],
      email: ['errors.invalidFormat'],
      age: ['errors.invalid'],
      kind: ['errors.invalid'],
    });
  });

  it('names nested fields by their path and form-level issues as _form', () => {
    const schema = z.object({ address: z.object({ city: z.string().min(1, { message: 'errors.required' }) }), lines: z.array(z.string().max(2)) });
    const issues = issuesOf(schema, { address: { city: '' }, lines: ['ok', 'too long'] });
    expect(zodFieldErrors(issues)).toEqual({ 'address.city': ['errors.required'], 'lines.1': ['errors.tooLong'] });
    const form = z.string().refine(() => false, { message: 'errors.formInvalid' });
    expect(zodFieldErrors(issuesOf(form, 'x'))).toEqual({ _form: ['errors.formInvalid'] });
  });

  it('lists a repeated message once per field', () => {
    const issues = [
      { code: 'custom', path: ['email'], message: 'errors.taken' },
      { code: 'custom', path: ['email'], message: 'errors.taken' },
      { code: 'too_small', path: ['email'], message: 'Too small' },
      { code: 'too_small', path: ['email'], message: 'Still too small' },
    ];
    expect(zodFieldErrors(issues)).toEqual({ email: ['errors.taken', 'errors.required'] });
  });

  it('answers no field errors for no issues', () => {
    expect(zodFieldErrors([])).toEqual({});
  });
});

describe('validationFromZod', () => {
  it('turns a zod error into a 400 ValidationError with the field errors', () => {
    const result = SignInInput.safeParse({ email: 'x', password: 'p' });
    if (result.success) throw new Error('expected failure');
    const error = validationFromZod(result.error);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ status: 400, messageKey: 'errors.validation', name: 'ValidationError', fieldErrors: { email: ['errors.invalidEmail'] } });
  });

  it('keeps the domain error kinds apart', () => {
    expect(new NotFoundError()).toMatchObject({ status: 404, messageKey: 'errors.notFound', name: 'NotFoundError' });
    expect(new NotFoundError()).not.toBeInstanceOf(ValidationError);
  });
});
