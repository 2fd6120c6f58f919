// Tiny client helpers for the SMTP simulator's HTTP API (usable from vitest
// and Playwright alike; only needs global fetch).

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Poll GET /messages until a message for `to` (optionally with a subject
 * containing `subjectIncludes` and passing `predicate`) arrives.
 * Returns the most recent matching message; throws on timeout.
 */
export async function waitForMail(apiUrl, { to, subjectIncludes, predicate, timeoutMs = 10000, intervalMs = 100 } = {}) {
  if (!to) throw new Error('waitForMail: the "to" option is required');
  const base = String(apiUrl).replace(/\/+$/, '');
  const url = `${base}/messages?to=${encodeURIComponent(to)}`;
  const deadline = Date.now() + timeoutMs;
  let seen = [];
  let lastError;
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(Math.max(1000, Math.min(timeoutMs, 5000))) });
      if (!res.ok) throw new Error(`GET ${url} -> HTTP ${res.status}`);
      seen = await res.json();
      lastError = undefined;
      const matches = seen.filter(
        (m) => (!subjectIncludes || (m.subject ?? '').includes(subjectIncludes)) && (!predicate || predicate(m)),
      );
      if (matches.length) return matches[matches.length - 1];
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) break;
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
  const wanted = `to <${to}>${subjectIncludes ? ` with subject containing ${JSON.stringify(subjectIncludes)}` : ''}`;
  const got = seen.length
    ? ` Mails to that address: ${seen.map((m) => JSON.stringify(m.subject)).join(', ')}.`
    : ' No mail to that address was captured.';
  const cause = lastError ? ` Last error: ${lastError instanceof Error ? lastError.message : String(lastError)}.` : '';
  throw new Error(`waitForMail: no mail ${wanted} arrived within ${timeoutMs}ms (${base}).${got}${cause}`);
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

function decodeEntities(value) {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function trimUrl(url) {
  let out = url.replace(/[.,;:!?'"*]+$/, '');
  // Drop an unbalanced closing bracket: "(see https://x.test/a)".
  while (/[)\]]$/.test(out)) {
    const close = out.at(-1);
    const open = close === ')' ? '(' : '[';
    if (out.split(open).length >= out.split(close).length) break;
    out = out.slice(0, -1).replace(/[.,;:!?'"*]+$/, '');
  }
  return out;
}

/** http(s) URLs from the text body and from href attributes in the HTML body, deduplicated, in order. */
export function extractLinks(message) {
  const links = [];
  const add = (url) => {
    if (url && /^https?:\/\//i.test(url) && !links.includes(url)) links.push(url);
  };
  for (const m of (message?.text ?? '').matchAll(/https?:\/\/[^\s<>"']+/gi)) add(trimUrl(m[0]));
  for (const m of (message?.html ?? '').matchAll(/\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    add(decodeEntities((m[1] ?? m[2] ?? m[3] ?? '').trim()));
  }
  return links;
}
