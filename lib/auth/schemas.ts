import { z } from 'zod';

/** Form schemas shared by the browser (react-hook-form) and the server (commands): one rule, one place. */
export const PasswordSchema = z
  .string()
  .min(8, { message: 'errors.passwordTooShort' })
  .max(128, { message: 'errors.passwordTooLong' });

export const SignInInput = z.object({
  email: z.email({ message: 'errors.invalidEmail' }).max(254, { message: 'errors.tooLong' }),
  password: z.string().min(1, { message: 'errors.required' }).max(128, { message: 'errors.tooLong' }),
});

export const ForgotPasswordInput = z.object({
  email: z.email({ message: 'errors.invalidEmail' }).max(254, { message: 'errors.tooLong' }),
});

const newPassword = { password: PasswordSchema, confirm: z.string() };
const samePassword = (v: { password: string; confirm: string }) => v.password === v.confirm;

export const SetPasswordInput = z
  .object({ token: z.string().min(1).max(200), ...newPassword })
  .refine(samePassword, { path: ['confirm'], message: 'errors.passwordsDiffer' });

export const ChangePasswordInput = z
  .object({ current: z.string().min(1, { message: 'errors.required' }).max(128), ...newPassword })
  .refine(samePassword, { path: ['confirm'], message: 'errors.passwordsDiffer' });
