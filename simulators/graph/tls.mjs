// The emulator's TLS certificate: a fresh self-signed P-256 certificate for 127.0.0.1 / localhost
// (SAN IP + DNS), generated at every start with selfsigned 5. Clients trust it as their CA.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const selfsigned = require('selfsigned');

/** → { cert, key } (PEM). `names`: extra DNS names for the SAN. */
export async function generateCertificate({ names = [], validDays = 30 } = {}) {
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + validDays * 86_400_000);
  const dns = [...new Set(['localhost', ...names])];
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'Microsoft Graph emulator' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...dns.map((value) => ({ type: 2, value })), { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
