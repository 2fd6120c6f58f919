// The simulated PBX behind the gateway: deterministic user generator, user validation,
// link codes, hardware ids and generated call records. Pure functions, no I/O.
import { createHash, randomInt } from 'node:crypto';

export const PBX_TYPES = Object.freeze(['mivo400', 'mv5000', 'mxone', 'mivb']);
export const PBX_VERSIONS = Object.freeze({ mivo400: '7.2 HF3', mv5000: '8.1 SP2', mxone: '7.6.1', mivb: '10.1 SP1 PR1' });
export const PBX_LABELS = Object.freeze({
  mivo400: 'MiVoice Office 400',
  mv5000: 'MiVoice 5000',
  mxone: 'MX-ONE',
  mivb: 'MiVoice Business',
});

const FIRST_NAMES = [
  'Anna', 'Ben', 'Chloé', 'Daan', 'Emma', 'Finn', 'Greta', 'Hugo', 'Isabel', 'Jonas', 'Katja', 'Lars', 'Maya',
  'Noah', 'Olivia', 'Pieter', 'Quinn', 'Rosa', 'Sven', 'Tessa', 'Umar', 'Vera', 'Willem', 'Xenia', 'Yusuf',
  'Zoë', 'Amélie', 'Björn', 'Carmen', 'Diego', 'Elif', 'Felix', 'Hanna', 'Ivan', 'Julia', 'Kofi', 'Lena',
  'Mateo', 'Nora', 'Oskar', 'Priya', 'Rafael', 'Sofia', 'Tomás', 'Ulla', 'Victor', 'Wen', 'Yara', 'Jürgen', 'Ángel',
];
const LAST_NAMES = [
  'de Vries', 'Jansen', 'Müller', 'Schmidt', 'García', 'Rossi', 'Dubois', 'Novak', 'Kowalski', 'Andersson',
  'Nielsen', 'Virtanen', "O'Brien", 'Smith', 'Bakker', 'Visser', 'Meijer', 'Bos', 'Mulder', 'de Jong',
  'van Dijk', 'Lefèvre', 'Martin', 'Bernard', 'Fischer', 'Weber', 'Wagner', 'Becker', 'Hoffmann', 'Schulz',
  'Romano', 'Ricci', 'Silva', 'Santos', 'Pereira', 'Costa', 'Horvat', 'Kovač', 'Nowak', 'Wiśniewski',
  'Dvořák', 'Svoboda', 'Eriksson', 'Larsen', 'Hansen', 'Johansson', 'Yilmaz', 'Kaya', 'Tanaka', 'Chen',
];

const LINK_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from any parts. */
export function hash32(...parts) {
  return createHash('sha256').update(parts.join(':')).digest().readUInt32BE(0);
}

const pick = (rng, list) => list[Math.floor(rng() * list.length)];

/** Lower-case ASCII letters and digits only ("Wiśniewski" -> "wisniewski", "de Vries" -> "devries"). */
export function asciiSlug(s) {
  return String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function emailFor(firstName, lastName, n, domain) {
  return `${asciiSlug(firstName) || 'user'}.${asciiSlug(lastName) || 'user'}.${n}@${domain}`;
}

/** A fresh link code, 8 characters without the dash. */
export function makeLinkCode() {
  let code = '';
  for (let i = 0; i < 8; i++) code += LINK_ALPHABET[randomInt(LINK_ALPHABET.length)];
  return code;
}

/** "K7QMTXP4" -> "K7QM-TXP4". */
export const displayLinkCode = (code) => (code ? `${code.slice(0, 4)}-${code.slice(4)}` : null);

/** Default hardware id: stable for a PBX type and seed. */
export function defaultHardwareId(pbxType, seed) {
  return `SIM-${pbxType}-${createHash('sha256').update(`gateway-sim:${pbxType}:${seed}`).digest('hex').slice(0, 12)}`;
}

/**
 * The PBX's users, deterministic from the seed.
 * @param {{count: number, seed: number, emailDomain: string, missingEmailEvery: number, roleUsers: number|null, pbxType: string}} o
 */
export function generateUsers({ count, seed, emailDomain, missingEmailEvery, roleUsers, pbxType }) {
  const rng = prng(hash32('users', seed));
  const roles = roleUsers ?? count;
  const users = [];
  for (let n = 1; n <= count; n++) {
    const firstName = pick(rng, FIRST_NAMES);
    const lastName = pick(rng, LAST_NAMES);
    const extensions = [String(999 + n)];
    if (n % 10 === 0) extensions.push(String(999 + count + n / 10));
    users.push({
      pbxUserId: `u-${n}`,
      firstName,
      lastName,
      email: missingEmailEvery > 0 && n % missingEmailEvery === 0 ? null : emailFor(firstName, lastName, n, emailDomain),
      extensions,
      cloudlinkRole: pbxType === 'mivo400' || n <= roles,
      devices: n % 10 === 0 ? 2 : 1,
    });
  }
  return users;
}

class UserInputError extends Error {
  constructor(message, status = 400) {
    super(message);
    this.status = status;
    this.code = status === 409 ? 'conflict' : 'invalid_request';
  }
}

/**
 * Validate a user created or patched through the control API. Returns the complete user.
 * Throws an Error with `status` 400/409 on bad input.
 * @param {object} input fields to set
 * @param {object|null} current the user being patched, or null for a new one
 * @param {{users: object[], pbxType: string, pbxUserId: string, n: number, emailDomain: string}} ctx
 */
export function buildUser(input, current, { users, pbxType, pbxUserId, n, emailDomain }) {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new UserInputError('The body must be a JSON object.');
  const out = current ? { ...current, extensions: [...current.extensions] } : { pbxUserId };
  for (const key of ['firstName', 'lastName']) {
    if (input[key] !== undefined || !current) {
      const v = input[key];
      if (typeof v !== 'string' || !v.trim() || v.length > 100) throw new UserInputError(`${key} must be a non-empty string.`);
      out[key] = v.trim();
    }
  }
  const others = users.filter((u) => u.pbxUserId !== out.pbxUserId);
  if (input.email !== undefined) {
    if (input.email !== null && (typeof input.email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(input.email))) {
      throw new UserInputError('email must be an e-mail address or null.');
    }
    out.email = input.email;
  } else if (!current) {
    out.email = emailFor(out.firstName, out.lastName, n, emailDomain);
  }
  if (out.email && others.some((u) => u.email && u.email.toLowerCase() === out.email.toLowerCase())) {
    throw new UserInputError(`Another user already has the e-mail address ${out.email}.`, 409);
  }
  if (input.extensions !== undefined) {
    const ok = Array.isArray(input.extensions) && input.extensions.every((e) => typeof e === 'string' && /^[0-9*#+]{1,20}$/.test(e));
    if (!ok) throw new UserInputError('extensions must be an array of dial strings.');
    out.extensions = [...new Set(input.extensions)];
  } else if (!current) {
    const used = new Set(users.flatMap((u) => u.extensions));
    let next = 1000;
    while (used.has(String(next))) next++;
    out.extensions = [String(next)];
  }
  const taken = new Set(others.flatMap((u) => u.extensions));
  const clash = out.extensions.find((e) => taken.has(e));
  if (clash) throw new UserInputError(`Extension ${clash} belongs to another user.`, 409);
  if (input.cloudlinkRole !== undefined && typeof input.cloudlinkRole !== 'boolean') throw new UserInputError('cloudlinkRole must be a boolean.');
  out.cloudlinkRole = pbxType === 'mivo400' ? true : (input.cloudlinkRole ?? out.cloudlinkRole ?? true);
  if (input.devices !== undefined && !(Number.isInteger(input.devices) && input.devices >= 0 && input.devices <= 20)) {
    throw new UserInputError('devices must be an integer 0-20.');
  }
  out.devices = input.devices ?? out.devices ?? 1;
  return {
    pbxUserId: out.pbxUserId,
    firstName: out.firstName,
    lastName: out.lastName,
    email: out.email,
    extensions: out.extensions,
    cloudlinkRole: out.cloudlinkRole,
    devices: out.devices,
  };
}

const SLOT_MS = 15 * 60_000;
const MAX_LOOKBACK_MS = 7 * 24 * 3600_000;

function externalNumber(rng) {
  return `+3120${String(Math.floor(rng() * 1e7)).padStart(7, '0')}`;
}

/**
 * Call records the PBX "made" between since and until: 0-3 calls per 15 minutes, stable ids,
 * only finished calls. At most one week back.
 */
export function generatedCallRecords({ seed, users, since, until, limit }) {
  const role = users.filter((u) => u.cloudlinkRole && u.extensions.length);
  if (!role.length || limit <= 0) return [];
  const from = Math.max(since, until - MAX_LOOKBACK_MS);
  const out = [];
  for (let slot = Math.floor(from / SLOT_MS); slot * SLOT_MS <= until && out.length < limit; slot++) {
    const rng = prng(hash32('calls', seed, slot));
    const calls = Math.floor(rng() * 4);
    for (let k = 0; k < calls; k++) {
      const user = pick(rng, role);
      const other = pick(rng, role);
      const started = slot * SLOT_MS + Math.floor(rng() * SLOT_MS);
      const durationSeconds = 5 + Math.floor(rng() * 900);
      const direction = pick(rng, ['in', 'out', 'out', 'internal']);
      const external = externalNumber(rng);
      if (started < since || started + durationSeconds * 1000 > until) continue;
      const ext = user.extensions[0];
      const [fromNo, toNo] =
        direction === 'in' ? [external, ext] : direction === 'out' ? [ext, external] : [ext, other.extensions[0]];
      out.push({
        id: `cr-${seed}-${slot}-${k}`,
        startedAt: new Date(started).toISOString(),
        durationSeconds,
        direction,
        from: fromNo,
        to: toNo,
        pbxUserId: user.pbxUserId,
      });
      if (out.length >= limit) break;
    }
  }
  return out;
}
