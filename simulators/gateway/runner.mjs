// The gateway's life cycle: announce -> wait to be claimed -> long-poll commands, post results;
// a simulated restart between "generations"; back to announcing when the credential is refused
// or after a factory reset. Network errors, 5xx and 429 are retried with backoff; the offline
// fault parks every request until it is cleared.
import { executeCommand } from './commands.mjs';
import { displayLinkCode, makeLinkCode } from './pbx.mjs';
import { backoffMs, errorCode, isAbort, retryAfterMs, sleep } from './portal-client.mjs';
import { rememberResult, resultsMap } from './state.mjs';

const ok2xx = (res) => res.status >= 200 && res.status < 300;

/** @param {object} ctx the simulator's internals (see index.mjs) */
export function createRunner(ctx) {
  const { opts } = ctx;
  let driverDone = null;
  let restartRequested = false;
  let upWaiters = [];

  /**
   * A request through the network: parks while offline, retries network errors, 5xx and 429.
   * Resolves with the answer, or null when the generation ends.
   */
  async function call(signal, what, send) {
    for (let attempt = 1; ; attempt++) {
      await ctx.waitOnline(signal);
      if (signal.aborted) return null;
      const reqSignal = ctx.requestSignal();
      let wait;
      try {
        const res = await send(reqSignal);
        if (res.status < 500 && res.status !== 429) return res;
        wait = retryAfterMs(res) ?? backoffMs(attempt);
        ctx.log('cloudConnection', `${what}: portal answered ${res.status}; retrying in ${wait} ms`, 'WARN');
      } catch (err) {
        if (signal.aborted) return null;
        if (isAbort(err) && reqSignal.aborted) {
          attempt = 0; // went offline: not a failure
          continue;
        }
        wait = backoffMs(attempt);
        ctx.log('cloudConnection', `${what}: ${err.message}; retrying in ${wait} ms`, 'WARN');
      }
      ctx.setOnline(false);
      await sleep(wait, signal);
    }
  }

  /** @returns {Promise<boolean>} true when claimed, false to announce again */
  async function waitForClaim(signal, pollAfterSeconds) {
    let after = pollAfterSeconds;
    for (let attempt = 1; !signal.aborted; ) {
      await sleep(opts.claimPollMs ?? Math.min(Number(after) || 5, 5) * 1000, signal);
      const s = ctx.state;
      const res = await call(signal, 'claim-status', (sig) => ctx.client.claimStatus(s.pollToken, sig));
      if (!res) return false;
      const status = res.body?.status;
      if (res.status === 200 && status === 'waiting') {
        after = res.body.pollAfterSeconds ?? after;
        continue;
      }
      if (res.status === 200 && status === 'claimed' && typeof res.body.credential === 'string') {
        s.credential = res.body.credential;
        s.gatewayId = res.body.credential.split('.')[0] || s.gatewayId;
        s.accountName = res.body.accountName ?? null;
        await ctx.store.saveNow(); // persisted before it is used
        ctx.log('cloudConnection', `Claimed by "${s.accountName ?? '?'}" as gateway ${s.gatewayId}`);
        ctx.emitStatus({ type: 'claimed', gatewayId: s.gatewayId, accountName: s.accountName });
        ctx.notify();
        return true;
      }
      if (res.status === 200 && status === 'collected') {
        ctx.log('cloudConnection', 'The portal says the credential was already collected, but it is not in the state file. Remove the gateway in the portal; announcing again with a new link code.', 'ERROR');
        s.linkCode = makeLinkCode();
        ctx.persist();
        await sleep(backoffMs(6, 30_000), signal);
        return false;
      }
      if (res.status === 401 || res.status === 404) {
        ctx.log('cloudConnection', `claim-status refused (${res.status} ${errorCode(res) ?? ''}); announcing again`, 'WARN');
        return false;
      }
      ctx.log('cloudConnection', `claim-status: unexpected ${res.status} ${JSON.stringify(res.body)}`, 'ERROR');
      await sleep(backoffMs(attempt++, 30_000), signal);
    }
    return false;
  }

  async function announceUntilClaimed(signal) {
    for (let attempt = 1; !signal.aborted && !ctx.state.credential; ) {
      const s = ctx.state;
      const announcement = {
        hardwareId: s.hardwareId,
        linkCode: displayLinkCode(s.linkCode),
        model: s.model,
        platform: s.platform,
        softwareVersion: s.softwareVersion,
      };
      const res = await call(signal, 'announce', (sig) => ctx.client.announce(announcement, s.pollToken, sig));
      if (!res) return;
      const code = errorCode(res);
      if ((res.status === 200 || res.status === 201) && res.body?.pollToken) {
        s.gatewayId = res.body.gatewayId ?? s.gatewayId;
        s.pollToken = res.body.pollToken;
        await ctx.store.saveNow();
        ctx.log('cloudConnection', `Announced ${s.hardwareId} with link code ${announcement.linkCode} (${res.status})`);
        ctx.announced(announcement.linkCode);
        attempt = 1;
        if (await waitForClaim(signal, res.body.pollAfterSeconds)) return;
      } else if (res.status === 409 && code === 'link_code_taken') {
        ctx.log('cloudConnection', `Link code ${announcement.linkCode} is taken; making a new one`, 'WARN');
        s.linkCode = makeLinkCode();
        ctx.persist();
      } else if (res.status === 401 && s.pollToken) {
        ctx.log('cloudConnection', 'The portal refused the stored poll token; announcing without it', 'WARN');
        s.pollToken = null;
        ctx.persist();
      } else {
        const wait = backoffMs(attempt++, 30_000);
        ctx.log('cloudConnection', `announce refused: ${res.status} ${code ?? ''} ${res.body?.error?.message ?? ''}; trying again in ${wait} ms`, 'ERROR');
        await sleep(wait, signal);
      }
    }
  }

  /** One command: replayed from the results it already has, else carried out; then the result is posted. */
  async function handleCommand(command, signal) {
    if (!command || typeof command.id !== 'string' || typeof command.type !== 'string') return null;
    let entry = ctx.results.get(command.id);
    let after = null;
    if (entry) {
      ctx.stats.commandsReplayed++;
      ctx.log('cloudConnection', `Command ${command.type} ${command.id} delivered again; sending the same result`);
    } else {
      if (ctx.faults.slowMs > 0) await sleep(ctx.faults.slowMs, signal);
      if (signal.aborted) return 'aborted';
      const { outcome, after: next } = executeCommand(ctx, command);
      after = next ?? null;
      const record = { id: command.id, type: command.type, at: new Date().toISOString(), ...outcome };
      rememberResult(ctx.results, record);
      entry = ctx.results.get(command.id);
      ctx.stats.commandsExecuted++;
      ctx.recentCommands.push({ id: record.id, type: record.type, status: record.status, at: record.at });
      if (ctx.recentCommands.length > 50) ctx.recentCommands.shift();
      const detail = record.status === 'ok' ? 'ok' : `error ${record.error.code}`;
      ctx.log('cloudConnection', `Command ${command.type} ${command.id}: ${detail}`, record.status === 'ok' ? 'INFO' : 'WARN');
      ctx.persist();
      ctx.notify();
    }
    const { status, result, error } = entry.record;
    const body = status === 'ok' ? { status, result } : { status, error };
    const res = await call(signal, `result of ${command.id}`, (sig) => ctx.client.postResult(ctx.state.credential, command.id, body, sig));
    if (!res) return 'aborted';
    if (res.status === 401) return 'unauthorized';
    if (!ok2xx(res)) ctx.log('cloudConnection', `Result of ${command.id} refused: ${res.status} ${errorCode(res) ?? ''}`, 'ERROR');
    if (after === 'restart') return 'restart';
    if (after === 'factoryReset') return 'reset';
    return null;
  }

  async function commandLoop(signal) {
    for (let attempt = 1; !signal.aborted; ) {
      // Online while a poll is out (a long-poll answers only when there is something to say).
      const sent = () => ctx.setOnline(true);
      const res = await call(signal, 'commands', (sig) => ctx.client.commands(ctx.state.credential, opts.pollWait, sig, sent));
      if (!res) return 'aborted';
      if (res.status === 401 || (res.status === 409 && errorCode(res) === 'not_claimed')) return 'unauthorized';
      if (res.status !== 200) {
        ctx.setOnline(false);
        const wait = backoffMs(attempt++, 30_000);
        ctx.log('cloudConnection', `commands: unexpected ${res.status} ${errorCode(res) ?? ''}; trying again in ${wait} ms`, 'ERROR');
        await sleep(wait, signal);
        continue;
      }
      attempt = 1;
      ctx.setOnline(true);
      for (const command of Array.isArray(res.body?.commands) ? res.body.commands : []) {
        const next = await handleCommand(command, signal);
        if (next) return next;
      }
    }
    return 'aborted';
  }

  async function generation(signal) {
    while (!signal.aborted) {
      if (!ctx.state.credential) {
        await announceUntilClaimed(signal);
        continue;
      }
      const outcome = await commandLoop(signal);
      if (outcome === 'restart') return 'restart';
      if (outcome === 'unauthorized') ctx.forgetIdentity(false);
      if (outcome === 'reset') ctx.forgetIdentity(true);
    }
    return restartRequested ? 'restart' : 'aborted';
  }

  /** Restart: loops down for restartDelayMs, snapshots dropped, everything reloaded from the state. */
  async function simulateRestart() {
    ctx.setOnline(false);
    ctx.status.restarting = true;
    ctx.notify();
    ctx.log('system', 'Restarting');
    await ctx.store.flush();
    await sleep(opts.restartDelayMs, ctx.stopSignal);
    ctx.snapshots.clear();
    ctx.lineStates.clear();
    const loaded = ctx.store.load(opts);
    if (loaded) {
      ctx.results = resultsMap(loaded);
      ctx.state = loaded;
    }
    ctx.bootLog();
  }

  async function driver() {
    while (!ctx.stopSignal.aborted) {
      const controller = new AbortController();
      ctx.beginGeneration(controller);
      restartRequested = false;
      ctx.status.restarting = false;
      for (const resolve of upWaiters.splice(0)) resolve();
      ctx.notify();
      const reason = await generation(controller.signal);
      ctx.generation = null;
      ctx.setOnline(false);
      if (ctx.stopSignal.aborted || reason !== 'restart') break;
      await simulateRestart();
    }
    for (const resolve of upWaiters.splice(0)) resolve();
  }

  return {
    start() {
      driverDone = driver();
    },
    /** Simulated restart; resolves when the gateway is running again. */
    restart() {
      const up = new Promise((resolve) => upWaiters.push(resolve));
      if (ctx.generation && !restartRequested) {
        restartRequested = true;
        ctx.generation.abort();
      }
      return up;
    },
    /** Resolves once the driver has finished (after ctx.stopSignal was aborted). */
    done: () => driverDone ?? Promise.resolve(),
  };
}
