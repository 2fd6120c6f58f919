// Outgoing HTTP of the subscriptions: the validation handshake and notification deliveries (retried with
// exponential backoff), every attempt recorded in a bounded log (GET /notifications).
import { preciseNow, Ring, sleep, uuid } from './util.mjs';

export function createDelivery(ctx) {
  const log = new Ring(50_000);
  let abort = new AbortController();
  let stopped = false;

  function record(entry) {
    log.push({ id: uuid(), at: preciseNow(), ...entry });
  }

  async function post(url, init, timeoutMs) {
    const signal = AbortSignal.any([abort.signal, AbortSignal.timeout(timeoutMs)]);
    const res = await fetch(url, { ...init, method: 'POST', signal, redirect: 'manual' });
    return { res, text: await res.text() };
  }

  /** POST {url}?validationToken=…; true when answered 200 text/plain with exactly the token. */
  async function validate(url, sub, which) {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${uuid()}`;
    const target = new URL(url);
    target.searchParams.set('validationToken', token);
    let status = null;
    let error;
    let okay = false;
    try {
      const { res, text } = await post(target, { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '' }, ctx.settings.validationTimeoutMs);
      status = res.status;
      okay = status === 200 && /^text\/plain\b/i.test(res.headers.get('content-type') ?? '') && text === token;
      if (!okay) error = status === 200 ? 'the answer was not the validation token as text/plain' : `answered ${status}`;
    } catch (e) {
      error = e?.name === 'TimeoutError' ? `no answer within ${ctx.settings.validationTimeoutMs} ms` : String(e?.cause?.message ?? e?.message ?? e);
    }
    record({ kind: 'validation', which, subscriptionId: null, tenantId: sub.tenantId, url: target.href, validationToken: token, body: null, status, ok: okay, error, attempt: 0 });
    return { okay, error };
  }

  /** Deliver a notification body, retrying with exponential backoff. */
  async function deliver(sub, kind, url, body) {
    const { deliveryRetries, deliveryBackoffMs, deliveryTimeoutMs } = ctx.settings;
    for (let attempt = 0; attempt <= deliveryRetries && !stopped && !sub.cancelled; attempt++) {
      let status = null;
      let error;
      try {
        ({ res: { status } } = await post(url, { headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) }, deliveryTimeoutMs));
      } catch (e) {
        if (stopped || sub.cancelled) return false;
        error = String(e?.cause?.message ?? e?.message ?? e);
      }
      const okay = status !== null && status >= 200 && status < 300;
      record({ kind, subscriptionId: sub.id, tenantId: sub.tenantId, url, body, status, ok: okay, error, attempt });
      if (okay) {
        sub.deliveries += 1;
        return true;
      }
      if (attempt < deliveryRetries) await sleep(deliveryBackoffMs * 2 ** attempt);
    }
    return false;
  }

  return {
    validate,
    deliver,
    log: () => [...log],
    clear: () => log.clear(),
    stopped: () => stopped,
    reset() {
      log.clear();
      abort.abort();
      abort = new AbortController();
    },
    stop() {
      stopped = true;
      abort.abort();
    },
  };
}
