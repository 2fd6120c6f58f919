import { z } from 'zod';

/*
 * zod 4 compiles object schemas with `new Function` when it may, and finds out by trying once.
 * Under the portal's Content-Security-Policy (no 'unsafe-eval') that try is blocked: harmless,
 * zod falls back, but the browser reports a violation on every page with a form, which would
 * hide real ones. Imported for this side effect by the root layout's client provider, so it runs
 * before any form validates. Only client-component bundles load it (the browser's, and the server
 * rendering of client components): server actions, route handlers and jobs run with their own
 * copy of zod and keep the compiled parsers.
 */
z.config({ jitless: true });
