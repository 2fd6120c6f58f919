import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ChangePasswordForm } from '@/components/auth/change-password-form';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('password.title') };
}

/** AUTH-7: hidden for partners who sign in through the partner identity provider. */
export default async function PasswordPage() {
  const user = await requireUser();
  if (!user.isPasswordUser) notFound();
  const t = translator(await currentLocale());
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t('password.title')}</h1>
      <ChangePasswordForm />
    </div>
  );
}
