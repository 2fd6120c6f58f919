import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractLinks, waitForMail } from '../../simulators/smtp/client.mjs';
import { startSmtpSimulator, type SmtpSimulator } from '../../simulators/smtp/index.mjs';

const SUBJECT = 'Vervollständigen Sie Ihr Konto – café';
const LONG_URL =
  'https://portal.example.test/onboarding/complete-account?token=' +
  'aZ09-_'.repeat(20) +
  '&lang=de&redirect=%2Fdashboard%3Ftab%3Dprofile%26x%3D1';

describe('SMTP simulator (MAIL-2)', () => {
  let sim: SmtpSimulator;

  beforeAll(async () => {
    sim = await startSmtpSimulator({ host: '127.0.0.1', smtpPort: 0, httpPort: 0 });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  function transport() {
    return nodemailer.createTransport({ host: '127.0.0.1', port: sim.smtpPort, secure: false, ignoreTLS: true });
  }

  it('listens on free ports and answers /health', async () => {
    expect(sim.smtpPort).toBeGreaterThan(0);
    expect(sim.httpPort).toBeGreaterThan(0);
    expect(sim.url).toBe(`smtp://127.0.0.1:${sim.smtpPort}`);
    const res = await fetch(`${sim.apiUrl}/health`);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('captures real nodemailer mails with UTF-8 subject, multipart body and intact long URL', async () => {
    expect(LONG_URL.length).toBeGreaterThan(100);
    const t = transport();
    await t.sendMail({
      from: '"Portal Ñoreply" <noreply@example.test>',
      to: 'Jürgen Müller <Juergen@Example.test>',
      subject: SUBJECT,
      text: `Hallo Jürgen,\n\nbitte öffnen Sie diesen Link:\n${LONG_URL}\n\nGrüße – Ihr Team`,
      html: `<p>Hallo Jürgen,</p><p><a href="${LONG_URL.replace(/&/g, '&amp;')}">Konto vervollständigen</a></p>`,
    });
    await t.sendMail({
      from: 'noreply@example.test',
      to: 'other@example.test',
      subject: 'Second mail',
      text: 'Nothing to see here.',
    });
    t.close();

    const all = sim.messages();
    expect(all).toHaveLength(2);
    const [first, second] = all;
    expect(first?.subject).toBe(SUBJECT);
    expect(first?.from).toBe('noreply@example.test');
    expect(first?.to.map((a) => a.toLowerCase())).toEqual(['juergen@example.test']); // nodemailer lower-cases the domain
    expect(first?.headerFrom).toBe('Portal Ñoreply <noreply@example.test>');
    expect(first?.headerTo).toHaveLength(1);
    expect(first?.headerTo[0]?.name).toBe('Jürgen Müller');
    expect(first?.headerTo[0]?.address.toLowerCase()).toBe('juergen@example.test');
    expect(first?.text).toBe(`Hallo Jürgen,\n\nbitte öffnen Sie diesen Link:\n${LONG_URL}\n\nGrüße – Ihr Team`);
    expect(first?.html).toContain('<a href="');
    expect(first?.html).toContain(LONG_URL.replace(/&/g, '&amp;'));
    expect(first?.headers['content-type']).toMatch(/^multipart\/alternative/);
    expect(first?.messageId).toMatch(/@example\.test$/);
    expect(Number.isNaN(Date.parse(first?.date ?? ''))).toBe(false);
    expect(second?.subject).toBe('Second mail');
    expect(second?.text).toBe('Nothing to see here.');
    expect(second?.html).toBeNull();

    // The raw source really was quoted-printable with soft breaks inside the URL.
    const raw = await (await fetch(`${sim.apiUrl}/messages/${first?.id}/raw`)).text();
    expect(raw).toContain('Content-Transfer-Encoding: quoted-printable');
    expect(raw).toMatch(/=\r\n/);
    expect(raw).not.toContain(LONG_URL);
    expect(sim.raw(first?.id ?? '')).toBe(raw);

    // Links come back intact, deduplicated, from text and html.
    expect(extractLinks(first!)).toEqual([LONG_URL]);
  });

  it('filters by recipient (case-insensitive) over HTTP', async () => {
    const res = await fetch(`${sim.apiUrl}/messages?to=${encodeURIComponent('juergen@EXAMPLE.test')}`);
    const list = (await res.json()) as Array<{ subject: string; to: string[] }>;
    expect(list.map((m) => m.subject)).toEqual([SUBJECT]);
    expect(sim.messages({ to: 'OTHER@example.test' }).map((m) => m.subject)).toEqual(['Second mail']);
    expect(sim.messages({ to: 'nobody@example.test' })).toEqual([]);
    const missing = await fetch(`${sim.apiUrl}/messages/does-not-exist/raw`);
    expect(missing.status).toBe(404);
  });

  it('waitForMail resolves on a later delivery and times out clearly', async () => {
    const pending = waitForMail(sim.apiUrl, { to: 'late@example.test', subjectIncludes: 'Passwort', timeoutMs: 5000 });
    setTimeout(() => {
      const t = transport();
      void t
        .sendMail({ from: 'noreply@example.test', to: 'late@example.test', subject: 'Passwort zurücksetzen', text: 'https://x.test/r?a=1.' })
        .finally(() => t.close());
    }, 200);
    const mail = await pending;
    expect(mail.subject).toBe('Passwort zurücksetzen');
    expect(extractLinks(mail)).toEqual(['https://x.test/r?a=1']);

    await expect(waitForMail(sim.apiUrl, { to: 'nobody@example.test', timeoutMs: 300 })).rejects.toThrow(
      /waitForMail: no mail to <nobody@example\.test> arrived within 300ms/,
    );
  });

  it('clear() and DELETE /messages empty the mailbox', async () => {
    expect(sim.messages().length).toBeGreaterThan(0);
    sim.clear();
    expect(sim.messages()).toEqual([]);
    const t = transport();
    await t.sendMail({ from: 'a@example.test', to: 'b@example.test', subject: 'again', text: 'x' });
    t.close();
    expect(sim.messages()).toHaveLength(1);
    const del = await fetch(`${sim.apiUrl}/messages`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(await (await fetch(`${sim.apiUrl}/messages`)).json()).toEqual([]);
  });
});

describe('SMTP simulator CLI', () => {
  let child: ChildProcess | undefined;

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('starts as a child process, prints its ports as JSON and stops on SIGTERM', async () => {
    const script = path.resolve(import.meta.dirname, '../../simulators/smtp/server.mjs');
    child = spawn(process.execPath, [script, '--smtp-port', '0', '--http-port', '0', '--host', '127.0.0.1'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout! });
    const exitedEarly = once(child, 'exit').then(([code]) => {
      throw new Error(`simulator exited early with ${code}`);
    });
    exitedEarly.catch(() => {}); // only relevant while racing against the first line
    const [line] = (await Promise.race([once(lines, 'line'), exitedEarly])) as [string];
    const ports = JSON.parse(line) as { smtp: number; http: number };
    expect(Object.keys(ports).sort()).toEqual(['http', 'smtp']);
    expect(ports.smtp).toBeGreaterThan(0);
    expect(ports.http).toBeGreaterThan(0);

    const health = await fetch(`http://127.0.0.1:${ports.http}/health`);
    expect(await health.json()).toEqual({ ok: true });

    const t = nodemailer.createTransport({ host: '127.0.0.1', port: ports.smtp, secure: false, ignoreTLS: true });
    await t.sendMail({ from: 'cli@example.test', to: 'cli-rcpt@example.test', subject: 'Über CLI', text: 'hi' });
    t.close();
    const mail = await waitForMail(`http://127.0.0.1:${ports.http}/`, { to: 'cli-rcpt@example.test', timeoutMs: 3000 });
    expect(mail.subject).toBe('Über CLI');

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });
});
