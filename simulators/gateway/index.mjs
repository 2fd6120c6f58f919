// Programmatic API of the CloudLink gateway simulator: a gateway with a PBX behind it that talks
// to the portal only through docs/gateway-protocol.md (v1). See README.md.
import { createContext } from './context.mjs';
import { startControlServer } from './control.mjs';
import { createRandomEvents, eventFromInput } from './events.mjs';
import { mergeFaults, normalizeOptions } from './options.mjs';
import { buildUser, displayLinkCode, PBX_VERSIONS } from './pbx.mjs';
import { createRunner } from './runner.mjs';

const TICK_MS = 250;
const notFound = (id) => Object.assign(new Error(`No user ${id} on the PBX.`), { status: 404 });

/**
 * Start a gateway simulator.
 * @param {import('./index.d.mts').GatewaySimulatorOptions} options
 * @returns {Promise<import('./index.d.mts').GatewaySimulator>}
 */
export async function startGatewaySimulator(options) {
  const opts = normalizeOptions(options);
  const ctx = await createContext(opts);
  const { store } = ctx;

  const roleUsers = () => ctx.state.users.filter((u) => u.cloudlinkRole).length;
  const userChanged = (pbxUserId, change) => {
    if (ctx.state.credential) ctx.queue.push('userChanged', { pbxUserId, change });
  };
  const findUser = (id) => {
    const index = ctx.state.users.findIndex((u) => u.pbxUserId === id);
    if (index < 0) throw notFound(id);
    return index;
  };
  const userCtx = (extra) => ({ users: ctx.state.users, pbxType: ctx.state.pbxType, emailDomain: opts.emailDomain, ...extra });

  const view = () => {
    const s = ctx.state;
    return {
      hardwareId: s.hardwareId,
      linkCode: displayLinkCode(s.linkCode),
      gatewayId: s.gatewayId,
      claimed: Boolean(s.credential),
      online: ctx.status.online,
      restarting: ctx.status.restarting,
      accountName: s.accountName,
      platform: s.platform,
      model: s.model,
      pbxType: s.pbxType,
      pbxVersion: PBX_VERSIONS[s.pbxType],
      softwareVersion: s.softwareVersion,
      availableVersion: opts.availableVersion,
      scheduledUpdate: s.scheduledUpdate ? { ...s.scheduledUpdate } : null,
      site: s.site ? structuredClone(s.site) : null,
      pbx: { type: s.pbx?.type ?? s.pbxType, address: s.pbx?.address ?? null, configured: Boolean(s.pbx) },
      users: s.users.length,
      roleUsers: roleUsers(),
      eventRate: ctx.eventRate,
      faults: { ...ctx.faults },
      stats: { ...ctx.stats, pending: ctx.queue.pending() },
      recentCommands: ctx.recentCommands.map((c) => ({ ...c })),
    };
  };

  const runner = createRunner(ctx);
  const random = createRandomEvents(ctx);
  const eventsDone = ctx.queue.run(ctx.stopSignal);
  const ticker = setInterval(() => {
    // Random traffic and due updates while claimed and running (also offline: events keep queueing).
    if (!ctx.state.credential || !ctx.generation || ctx.status.restarting) return;
    random.tick(TICK_MS);
    const due = ctx.state.scheduledUpdate;
    if (due && Date.parse(due.at) <= Date.now()) {
      ctx.log('system', `Scheduled update to ${due.version} is due; updating and restarting`);
      ctx.state.softwareVersion = due.version;
      ctx.state.scheduledUpdate = null;
      ctx.persist();
      void runner.restart();
    }
  }, TICK_MS);

  let stopping = null;
  let control = null;
  const waiters = new Set(); // pending waitFor()s, rejected by stop()
  /** @type {import('./index.d.mts').GatewaySimulator} */
  const sim = {
    hardwareId: ctx.state.hardwareId,
    controlUrl: null,
    linkCode: () => displayLinkCode(ctx.state.linkCode),
    state: view,
    users: () => structuredClone(ctx.state.users),
    addUser(input) {
      const n = ctx.state.nextUserNumber;
      const user = buildUser(input, null, userCtx({ pbxUserId: `u-${n}`, n }));
      ctx.state.nextUserNumber = n + 1;
      ctx.state.users.push(user);
      ctx.persist();
      userChanged(user.pbxUserId, 'added');
      ctx.notify();
      return structuredClone(user);
    },
    updateUser(id, patch) {
      const index = findUser(id);
      const user = buildUser(patch, ctx.state.users[index], userCtx({ pbxUserId: id, n: 0 }));
      ctx.state.users[index] = user;
      ctx.persist();
      userChanged(id, 'updated');
      ctx.notify();
      return structuredClone(user);
    },
    removeUser(id) {
      ctx.state.users.splice(findUser(id), 1);
      ctx.lineStates.delete(id);
      ctx.persist();
      userChanged(id, 'removed');
      ctx.notify();
    },
    emit(input) {
      const { type, data, at } = eventFromInput(ctx, input);
      const id = ctx.queue.push(type, data, at);
      ctx.notify();
      return id;
    },
    setEventRate(perSecond) {
      if (typeof perSecond !== 'number' || !(perSecond >= 0) || perSecond > 100_000) {
        throw Object.assign(new Error('perSecond must be a number 0-100000.'), { status: 400 });
      }
      ctx.eventRate = perSecond;
      ctx.notify();
    },
    setFaults(patch) {
      const before = ctx.faults.offline;
      ctx.faults = mergeFaults(ctx.faults, patch);
      if (before !== ctx.faults.offline) ctx.setOffline(ctx.faults.offline);
      ctx.notify();
      return { ...ctx.faults };
    },
    micollabPresence(since = 0) {
      return { current: [...ctx.micollab.presence.values()], received: ctx.micollab.received.filter((e) => e.at > since) };
    },
    restart: () => runner.restart(),
    async flush() {
      const deadline = Date.now() + 10_000;
      while (ctx.queue.pending() > 0 && Date.now() < deadline && !ctx.stopSignal.aborted) {
        ctx.queue.wake();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return view().stats;
    },
    async rotateCredential() {
      const s = ctx.state;
      if (!s.credential) throw Object.assign(new Error('The gateway is not claimed.'), { status: 409 });
      const res = await ctx.client.rotateCredential(s.credential, ctx.requestSignal());
      if (res.status !== 200 || typeof res.body?.credential !== 'string') {
        throw Object.assign(new Error(`The portal refused the rotation (${res.status}).`), { status: 502 });
      }
      s.credential = res.body.credential;
      await store.saveNow(); // persisted before it is used
      ctx.log('cloudConnection', 'Credential rotated');
      return true;
    },
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          let current;
          try {
            current = view();
            if (!predicate(current)) return;
          } catch (err) {
            finish();
            return reject(err);
          }
          finish();
          resolve(current);
        };
        const finish = () => {
          clearInterval(poll);
          clearTimeout(timer);
          ctx.listeners.delete(check);
          waiters.delete(abandon);
        };
        const abandon = () => {
          finish();
          reject(new Error('waitFor: the simulator was stopped'));
        };
        waiters.add(abandon);
        const poll = setInterval(check, 20);
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`waitFor: condition not met within ${timeoutMs} ms; state: ${JSON.stringify({ ...view(), recentCommands: undefined })}`));
        }, timeoutMs);
        ctx.listeners.add(check);
        check();
      });
    },
    stop: () => (stopping ??= doStop()),
  };

  async function doStop() {
    ctx.abortAll();
    clearInterval(ticker);
    await Promise.all([runner.done(), eventsDone]);
    if (control) await control.close();
    await store.saveNow();
    ctx.client.close();
    ctx.listeners.clear();
    for (const abandon of [...waiters]) abandon();
  }

  if (opts.controlPort !== null) {
    try {
      control = await startControlServer(sim, { host: opts.host, port: opts.controlPort });
    } catch (err) {
      await sim.stop();
      throw err;
    }
    const host = opts.host.includes(':') && !opts.host.startsWith('[') ? `[${opts.host}]` : opts.host;
    sim.controlUrl = `http://${host}:${control.port}`;
  }
  runner.start();
  return sim;
}
