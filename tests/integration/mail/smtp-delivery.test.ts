import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractLinks, waitForMail } from '../../../simulators/smtp/client.mjs';
import { startSmtpSimulator, type SmtpSimulator } from '../../../simulators/smtp/index.mjs';

/*
 * MAIL-1 over real SMTP. lib/env caches its values, so SMTP_URL is set before any app module is
 * loaded; app modules are imported dynamically afterwards (this file runs in its own process).
 */
let sim: SmtpSimulator;
let app: {
  db: typeof import('@/db/client').db;
  schema: typeof import('@/db/schema');
  drizzle: typeof import('drizzle-orm');
  requestPasswordReset: typeof import('@/lib/auth/request-password-reset').requestPasswordReset;
  setPasswordWithToken: typeof import('@/lib/auth/complete-registration').setPasswordWithToken;
  verifyCredentials: typeof import('@/lib/auth/verify-credentials').verifyCredentials;
};

beforeAll(async () => {
  sim = await startSmtpSimulator({ host: '127.0.0.1' });
  process.env.SMTP_URL = sim.url;
  process.env.MAIL_FROM = 'Partner Portal <no-reply@portal.example.test>';
  const [{ db }, schema, drizzle, reset, registration, credentials, workers, { seed }] = await Promise.all([
    import('@/db/client'),
    import('@/db/schema'),
    import('drizzle-orm'),
    import('@/lib/auth/request-password-reset'),
    import('@/lib/auth/complete-registration'),
    import('@/lib/auth/verify-credentials'),
    import('@/lib/jobs/workers'),
    import('../helpers'),
  ]);
  app = {
    db,
    schema,
    drizzle,
    requestPasswordReset: reset.requestPasswordReset,
    setPasswordWithToken: registration.setPasswordWithToken,
    verifyCredentials: credentials.verifyCredentials,
  };
  await seed();
  await workers.startWorkers();
});

afterAll(async () => {
  await sim?.stop();
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
});

async function outbox(to: string, template: string) {
  const { mailOutbox } = app.schema;
  const { and, eq } = app.drizzle;
  return app.db().select().from(mailOutbox).where(and(eq(mailOutbox.toAddress, to), eq(mailOutbox.template, template)));
}

async function waitForStatus(to: string, template: string, status: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await outbox(to, template);
    if (rows.length > 0 && rows.every((r) => r.status === status)) return rows;
    if (Date.now() > deadline) throw new Error(`outbox for ${to}: ${JSON.stringify(rows.map((r) => r.status))}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('mail delivery over SMTP (MAIL-1)', () => {
  it('delivers a password reset mail with a working link and marks the outbox row sent', async () => {
    const to = 'alice.admin@contoso.example';
    await app.requestPasswordReset({ email: to });

    const message = await waitForMail(sim.apiUrl, { to, subjectIncludes: 'Reset your password', timeoutMs: 20_000 });
    expect(message.subject).toBe('Reset your password');
    expect(message.headerFrom).toContain('no-reply@portal.example.test');
    expect(message.headerTo.map((a) => a.address)).toEqual([to]);
    expect(message.text).toContain('Hello Alice Admin,');
    const links = extractLinks(message);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(/^http:\/\/localhost:3000\/reset-password\/[A-Za-z0-9_-]{40,}$/);
    expect(message.html).toContain('Reset password');

    const [row] = await waitForStatus(to, 'reset', 'sent');
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(row?.sentAt).toBeInstanceOf(Date);

    // The delivered link sets a new password.
    const token = links[0]!.split('/').at(-1)!;
    await app.setPasswordWithToken('reset', { token, password: 'alice-smtp-pass', confirm: 'alice-smtp-pass' });
    expect(await app.verifyCredentials({ email: to, password: 'alice-smtp-pass' }, 'ip')).toMatchObject({ ok: true });
  });

  it('queues instead of capturing, and also delivers the welcome mails of the seed', async () => {
    const to = 'daan.jansen@fabrikam.example';
    const message = await waitForMail(sim.apiUrl, { to, timeoutMs: 20_000 });
    expect(extractLinks(message)[0]).toMatch(/^http:\/\/localhost:3000\/welcome\/[A-Za-z0-9_-]{40,}$/);
    const rows = await waitForStatus(to, 'welcome', 'sent');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.locale).toBe('nl');
  });

  it('sends nothing for an unknown address', async () => {
    await app.requestPasswordReset({ email: 'nobody@contoso.example' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(sim.messages({ to: 'nobody@contoso.example' })).toEqual([]);
  });
});
