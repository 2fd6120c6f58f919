// Microsoft Graph + Entra ID emulator (TEAMS): one HTTPS server for login (token, authorize, admin consent)
// and Graph /v1.0 (users, presence, $batch, subscriptions with change notifications, applications), and a
// plain-HTTP JSON control API. node:https + node:http; presence aggregation from lib/presence. See README.md.
import http from 'node:http';
import https from 'node:https';
import { createControl } from './control.mjs';
import { createCalls, createFaults } from './faults.mjs';
import { createGraph } from './graph-routes.mjs';
import { createLogin } from './login-routes.mjs';
import { createPresence } from './presence.mjs';
import { Directory } from './state.mjs';
import { createSubscriptions } from './subscriptions.mjs';
import { generateCertificate } from './tls.mjs';
import { createTokens } from './tokens.mjs';
import { graphError, sendJson, sendResult } from './util.mjs';

export { seedDemoTenant, DEMO } from './demo.mjs';

const hostForUrl = (host) => {
  const h = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return h.includes(':') ? `[${h}]` : h;
};

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

/**
 * Start the Graph emulator.
 * @param {import('./index.d.mts').GraphEmulatorOptions} [options]
 * @returns {Promise<import('./index.d.mts').StartedGraphEmulator>}
 */
export async function startGraphEmulator({ host = '127.0.0.1', port = 0, controlPort = 0, tokenLifetimeSeconds = 3599, validationTimeoutMs = 10_000 } = {}) {
  const defaults = {
    tokenLifetimeSeconds,
    validationTimeoutMs,
    notificationBatchMs: 50,
    deliveryRetries: 3,
    deliveryBackoffMs: 200,
    deliveryTimeoutMs: 5000,
    reauthorizationLeadMs: null,
  };
  const { cert, key } = await generateCertificate({ names: host !== '127.0.0.1' && !host.includes(':') && host !== '0.0.0.0' ? [host] : [] });

  const ctx = { settings: { ...defaults }, dir: new Directory(), calls: createCalls() };
  ctx.tokens = createTokens(ctx);
  ctx.subs = createSubscriptions(ctx);
  ctx.presence = createPresence(ctx);
  ctx.faults = createFaults(ctx);
  const login = createLogin(ctx);
  const graph = createGraph(ctx);
  const { control, handle: controlHandle } = createControl(ctx);

  let stopped = false;
  let isDown = false;
  let downTimer = null;
  let actualPort = 0;

  const server = https.createServer({ key, cert }, (req, res) => {
    const url = new URL(req.url || '/', 'https://localhost');
    const isGraph = url.pathname === '/v1.0' || url.pathname.startsWith('/v1.0/');
    (isGraph ? graph.handle(req, res, url) : login.handle(req, res, url)).catch((err) => {
      if (res.headersSent) return void res.destroy();
      const status = err?.status ?? 500;
      if (isGraph) sendResult(res, graphError(status, status === 500 ? 'InternalServerError' : 'BadRequest', String(err?.message ?? err)));
      else sendJson(res, status, { error: status === 500 ? 'server_error' : 'invalid_request', error_description: String(err?.message ?? err) });
    });
  });
  server.keepAliveTimeout = 5000;

  ctx.listener = {
    /** Refuse TCP connections: close the HTTPS listener (and its connections) for `durationMs` or until up(). */
    down(durationMs, faultId) {
      clearTimeout(downTimer);
      downTimer = null;
      if (!isDown) {
        isDown = true;
        server.close();
        server.closeAllConnections();
      }
      if (durationMs) {
        downTimer = setTimeout(() => {
          ctx.faults.downEnded(faultId);
          ctx.listener.up();
        }, durationMs);
      }
    },
    up() {
      clearTimeout(downTimer);
      downTimer = null;
      if (!isDown || stopped) return;
      isDown = false;
      const again = () => {
        if (stopped || isDown) return;
        server.once('error', () => setTimeout(again, 50));
        server.listen(actualPort, host);
      };
      again();
    },
  };
  ctx.hostPort = () => `${hostForUrl(host)}:${actualPort}`;
  ctx.reset = () => {
    ctx.presence.stop();
    ctx.subs.reset();
    ctx.dir.reset();
    ctx.tokens.reset();
    login.reset();
    ctx.faults.clear();
    ctx.calls.clear();
    Object.assign(ctx.settings, defaults);
  };

  const controlServer = http.createServer((req, res) => void controlHandle(req, res));

  actualPort = await listen(server, port, host);
  let actualControlPort;
  try {
    actualControlPort = await listen(controlServer, controlPort, host);
  } catch (err) {
    server.close();
    throw err;
  }

  let closing = null;
  const close = () => {
    closing ??= (async () => {
      stopped = true;
      clearTimeout(downTimer);
      ctx.presence.stop();
      ctx.subs.stop();
      const done = (s) =>
        new Promise((resolve) => {
          if (!s.listening) return resolve();
          s.close(() => resolve());
          s.closeAllConnections();
        });
      await Promise.all([done(server), done(controlServer)]);
    })();
    return closing;
  };

  return {
    url: `https://${hostForUrl(host)}:${actualPort}`,
    controlUrl: `http://${hostForUrl(host)}:${actualControlPort}`,
    ca: cert,
    port: actualPort,
    controlPort: actualControlPort,
    close,
    control,
  };
}
