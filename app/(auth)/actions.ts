'use server';

import { runAction } from '@/lib/actions/run-action';
import { setPasswordWithToken } from '@/lib/auth/complete-registration';
import { completeSsoRegistration } from '@/lib/auth/complete-sso-registration';
import { requestPasswordReset } from '@/lib/auth/request-password-reset';

export async function forgotPasswordAction(input: { email: string }) {
  return runAction(() => requestPasswordReset(input));
}

export async function completeRegistrationAction(input: { token: string; password: string; confirm: string }) {
  return runAction(() => setPasswordWithToken('welcome', input));
}

export async function resetPasswordAction(input: { token: string; password: string; confirm: string }) {
  return runAction(() => setPasswordWithToken('reset', input));
}

export async function completeSsoRegistrationAction(input: { token: string }) {
  return runAction(() => completeSsoRegistration(input));
}
