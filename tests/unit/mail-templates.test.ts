import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/lib/i18n/config';
import { renderMail, type MailTemplate } from '@/lib/mail/templates';

const LINK = 'https://portal.example.test/welcome/AbC-123_xyz?lang=nl&from=mail';
const TEMPLATES: MailTemplate[] = ['welcome', 'reset'];
const params = { name: 'Jürgen Müller', link: LINK, accountName: 'Contoso Ltd' };

describe('renderMail (MAIL-1)', () => {
  describe.each(LOCALES)('in %s', (locale) => {
    it.each(TEMPLATES)('renders the %s mail with subject, text and html around the link', (template) => {
      const mail = renderMail(template, locale, params);
      expect(mail.subject.trim()).not.toBe('');
      expect(mail.subject).not.toContain('\n');
      for (const part of [mail.subject, mail.text, mail.html]) {
        // Every placeholder is filled in and no translation key leaks.
        expect(part).not.toMatch(/\{\{|\}\}/);
        expect(part).not.toMatch(/\bmail\.(welcome|reset|greeting|signature)\b/);
      }
      // The link stands on its own line in the text part, unchanged, so mail clients make it clickable.
      expect(mail.text.split('\n')).toContain(LINK);
      expect(mail.text).toContain('Jürgen Müller');
      expect(mail.html).toContain(`lang="${locale}"`);
      expect(mail.html).toContain(`href="${LINK.replace('&', '&amp;')}"`);
      expect(mail.html).toContain('Jürgen Müller');
    });
  });

  it('names the account in the welcome mail', () => {
    const mail = renderMail('welcome', 'en', params);
    expect(mail.text).toContain('Contoso Ltd');
    expect(mail.html).toContain('Contoso Ltd');
  });

  it('renders the English texts', () => {
    expect(renderMail('welcome', 'en', params).subject).toBe('Complete your account creation');
    const reset = renderMail('reset', 'en', params);
    expect(reset.subject).toBe('Reset your password');
    expect(reset.text.startsWith('Hello Jürgen Müller,\n')).toBe(true);
    expect(reset.text).toContain('1 hour');
    expect(renderMail('welcome', 'en', params).text).toContain('7 days');
  });

  it('differs between the welcome and the reset mail', () => {
    for (const locale of LOCALES) {
      expect(renderMail('welcome', locale, params).subject).not.toBe(renderMail('reset', locale, params).subject);
    }
  });

  it('escapes names and links in the HTML part, but keeps the text part plain', () => {
    const evil = { name: '<script>alert("x")</script> & Co', link: 'https://x.test/"><img src=x onerror=alert(1)>', accountName: "O'Brien <b>" };
    for (const template of TEMPLATES) {
      const mail = renderMail(template, 'en', evil);
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).not.toContain('<img');
      expect(mail.html).not.toContain('<b>');
      expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
      expect(mail.html).toContain('href="https://x.test/&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
      expect(mail.text).toContain('<script>alert("x")</script> & Co');
    }
    expect(renderMail('welcome', 'en', evil).html).toContain('O&#39;Brien &lt;b&gt;');
  });

  it('leaves no empty placeholder when the account name is missing', () => {
    const mail = renderMail('reset', 'en', { name: 'Pat', link: LINK });
    expect(mail.text).not.toContain('undefined');
    expect(mail.html).not.toContain('undefined');
  });
});
