import { describe, expect, it } from 'vitest';
import { databaseDown, markDatabaseDown, markDatabaseUp } from '@/lib/db/health';
import { RETRY_AFTER_SECONDS, unavailableResponse } from '@/lib/http/unavailable-page';

describe('the "reconnecting" page (database unreachable)', () => {
  it('is a 503 with Retry-After that reloads itself, without any script', async () => {
    const response = unavailableResponse(new Headers());
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    const html = await response.text();
    expect(html).toContain(`<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}">`);
    expect(html).toContain('The portal is reconnecting');
    expect(html).not.toContain('<script');
  });

  it("speaks the visitor's language: the language cookie first, else the browser's", async () => {
    const fromCookie = await unavailableResponse(new Headers({ cookie: 'a=b; portal_lang=de', 'accept-language': 'fr-FR' })).text();
    expect(fromCookie).toContain('<html lang="de">');
    expect(fromCookie).toContain('Das Portal verbindet sich neu');
    const fromBrowser = await unavailableResponse(new Headers({ 'accept-language': 'nl-BE,nl;q=0.9' })).text();
    expect(fromBrowser).toContain('De portal maakt opnieuw verbinding');
  });
});

describe('database health state', () => {
  it('is marked down once until marked up again', () => {
    markDatabaseUp();
    expect(databaseDown()).toBe(false);
    expect(markDatabaseDown()).toBe(true);
    expect(markDatabaseDown()).toBe(false);
    expect(databaseDown()).toBe(true);
    markDatabaseUp();
    expect(databaseDown()).toBe(false);
  });
});
