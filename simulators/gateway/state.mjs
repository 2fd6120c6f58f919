// Persistence of the gateway simulator: one JSON file, written atomically (tmp + rename),
// debounced, and flushed on stop. With no file the "file" is a JSON string in memory, so a
// simulated restart still reloads exactly what was persisted.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateUsers, makeLinkCode } from './pbx.mjs';

export const STATE_FORMAT = 1;
/** Executed command results kept for replay. */
export const MAX_RESULTS = 500;
/** Results bigger than this (JSON) are kept in memory only; after a restart such a command runs again. */
export const MAX_PERSISTED_RESULT = 16 * 1024;
const MAX_CALL_RECORDS = 5000;
const DEBOUNCE_MS = 250;

/** A brand-new gateway: identity, an unclaimed link code and the generated PBX users. */
export function freshState(opts) {
  const users = generateUsers({
    count: opts.users,
    seed: opts.seed,
    emailDomain: opts.emailDomain,
    missingEmailEvery: opts.missingEmailEvery,
    roleUsers: opts.roleUsers,
    pbxType: opts.pbx,
  });
  return {
    format: STATE_FORMAT,
    hardwareId: opts.hardwareId,
    linkCode: makeLinkCode(),
    pollToken: null,
    gatewayId: null,
    credential: null,
    accountName: null,
    platform: opts.platform,
    model: opts.model,
    pbxType: opts.pbx,
    softwareVersion: opts.softwareVersion,
    scheduledUpdate: null,
    site: null,
    pbx: null,
    users,
    nextUserNumber: opts.users + 1,
    callRecords: [],
    results: [],
  };
}

/** Fill fields a (possibly older) state file lacks. */
function revive(raw, opts) {
  const base = freshState({ ...opts, users: 0 });
  const state = { ...base, ...raw };
  if (!Array.isArray(raw.users)) {
    const generated = freshState(opts);
    state.users = generated.users;
    state.nextUserNumber = generated.nextUserNumber;
  }
  state.nextUserNumber ??= state.users.length + 1;
  if (!Array.isArray(state.results)) state.results = [];
  if (!Array.isArray(state.callRecords)) state.callRecords = [];
  if (!state.linkCode) state.linkCode = makeLinkCode();
  return state;
}

/** What is written: the state plus the replayable command results. */
function serialize(state, results) {
  const kept = [];
  for (const entry of results.values()) {
    if (entry.persist) kept.push(entry.record);
  }
  return JSON.stringify({ ...state, callRecords: state.callRecords.slice(-MAX_CALL_RECORDS), results: kept.slice(-MAX_RESULTS) });
}

/**
 * @param {string|null} file
 * @param {() => {state: object, results: Map<string, {record: object, persist: boolean}>}} snapshot current data
 */
export function createStateStore(file, snapshot) {
  let memory = null; // the in-memory "file" when file is null
  let timer = null;
  let chain = Promise.resolve();
  let dirty = false;

  const write = () => {
    dirty = false;
    const { state, results } = snapshot();
    const text = serialize(state, results);
    if (!file) {
      memory = text;
      return Promise.resolve();
    }
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    return writeFile(tmp, text, { mode: 0o600 })
      .then(() => renameSync(tmp, file))
      .catch((err) => {
        rmSync(tmp, { force: true });
        process.stderr.write(`gateway simulator: could not write ${file}: ${err.message}\n`);
      });
  };

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (dirty) chain = chain.then(write);
    return chain;
  };

  return {
    file,
    /** The persisted state, or null when there is none yet. */
    load(opts) {
      let text = memory;
      if (file) {
        mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
        text = existsSync(file) ? readFileSync(file, 'utf8') : null;
      }
      if (!text) return null;
      let raw;
      try {
        raw = JSON.parse(text);
      } catch (err) {
        throw new Error(`gateway simulator: state file ${file} is not valid JSON (${err.message})`, { cause: err });
      }
      return revive(raw, opts);
    },
    /** Schedule a write (debounced). */
    save() {
      dirty = true;
      if (!timer) {
        timer = setTimeout(() => {
          timer = null;
          void flush();
        }, DEBOUNCE_MS);
      }
    },
    /** Write now if anything changed; resolves when on disk. */
    flush,
    /** Write now, unconditionally (credentials: persist before use). */
    saveNow() {
      dirty = true;
      return flush();
    },
  };
}

/** Results list from a loaded state -> the replay map. */
export function resultsMap(state) {
  const map = new Map();
  for (const record of state.results ?? []) map.set(record.id, { record, persist: true });
  state.results = [];
  return map;
}

/** Remember a command's outcome for replay (last MAX_RESULTS). */
export function rememberResult(map, record) {
  const persist = JSON.stringify(record).length <= MAX_PERSISTED_RESULT;
  map.set(record.id, { record, persist });
  while (map.size > MAX_RESULTS) map.delete(map.keys().next().value);
}

export { MAX_CALL_RECORDS };
