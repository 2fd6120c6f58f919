#!/usr/bin/env node
// Fails when a locale lacks a key, a key is empty or loses a placeholder, the code uses a key
// that en.json lacks, or en.json holds a key nothing uses. Dynamic keys count through their
// static prefix (t(`account.status.${s}`) uses every key under account.status.).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const LOCALES = ['en', 'nl', 'fr', 'it', 'de', 'es'];
const SOURCE_DIRS = ['app', 'components', 'lib'];
const EXCLUDE = [path.join('lib', 'authz')]; // permission ids look like keys but are not

const flat = (o, pre = '') =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? flat(v, `${pre}${k}.`) : [[`${pre}${k}`, v]]));
const messages = Object.fromEntries(LOCALES.map((l) => [l, new Map(flat(JSON.parse(readFileSync(`messages/${l}.json`, 'utf8'))))]));
const en = messages.en;
const problems = [];
// {{max, number}} is the placeholder max with i18next's locale-aware number format.
const placeholders = (s) => [...String(s).matchAll(/\{\{\s*(\w+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]).sort().join(',');

for (const l of LOCALES) {
  for (const [key, value] of en) {
    const v = messages[l].get(key);
    if (v === undefined) problems.push(`${l}.json lacks ${key}`);
    else if (typeof v !== 'string' || v.trim() === '') problems.push(`${l}.json has an empty ${key}`);
    else if (placeholders(v) !== placeholders(value)) problems.push(`${l}.json ${key} has placeholders {${placeholders(v)}}, en has {${placeholders(value)}}`);
  }
  for (const key of messages[l].keys()) if (!en.has(key)) problems.push(`${l}.json has ${key}, which en.json lacks`);
}

const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (EXCLUDE.includes(p)) continue;
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(ts|tsx)$/.test(name)) files.push(p);
  }
};
SOURCE_DIRS.forEach(walk);

const namespaces = new Set([...en.keys()].map((k) => k.split('.')[0]));
const pluralBase = (k) => k.replace(/_(zero|one|two|few|many|other)$/, '');
const leafBases = new Set([...en.keys()].map(pluralBase));
const used = new Set();
const prefixes = new Set();
for (const file of files) {
  const src = readFileSync(file, 'utf8');
  for (const m of src.matchAll(/['"`]([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_]+)+)['"`]/g)) {
    const key = m[1];
    if (!namespaces.has(key.split('.')[0])) continue;
    const isPrefix = [...en.keys()].some((k) => k.startsWith(`${key}.`));
    if (leafBases.has(key)) used.add(key);
    else if (isPrefix) prefixes.add(`${key}.`);
    else problems.push(`${file} uses ${key}, which en.json lacks`);
  }
  for (const m of src.matchAll(/`([a-z][A-Za-z0-9]*\.[A-Za-z0-9_.]*)\$\{/g)) {
    if (namespaces.has(m[1].split('.')[0])) prefixes.add(m[1]);
  }
}
for (const key of en.keys()) {
  const base = pluralBase(key);
  if (!used.has(base) && ![...prefixes].some((p) => base.startsWith(p))) problems.push(`en.json ${key} is not used`);
}

if (problems.length) {
  console.error(`i18n check: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`i18n check: ${en.size} keys in ${LOCALES.length} locales, all present and used`);
