// Minimal, dependency-free RFC 5322 / MIME parser for the SMTP simulator.
// Handles what our mailers (nodemailer) produce: folded headers, RFC 2047
// encoded-words (B and Q), multipart/* trees, quoted-printable and base64.
// Bodies are handled as latin1 strings (1 char == 1 byte) until the final
// charset decode, so multi-byte sequences split by QP soft breaks survive.

/** Decode bytes with a MIME charset name, falling back to UTF-8. */
export function decodeCharset(bytes, charset = 'utf-8') {
  const name = String(charset || 'utf-8').trim().toLowerCase().replace(/^"|"$/g, '');
  if (name === 'utf-8' || name === 'utf8' || name === 'us-ascii' || name === 'ascii') {
    return Buffer.from(bytes).toString('utf8');
  }
  try {
    return new TextDecoder(name).decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('utf8');
  }
}

/** Quoted-printable (latin1 string in) -> Buffer. Soft line breaks are removed. */
export function decodeQuotedPrintable(input) {
  const s = input.replace(/[ \t]+(?=\r?\n)/g, '').replace(/=\r?\n/g, '').replace(/=$/, '');
  const out = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out.push(s.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(out);
}

function decodeTransfer(body, encoding) {
  const enc = String(encoding || '7bit').trim().toLowerCase();
  if (enc === 'quoted-printable') return decodeQuotedPrintable(body);
  if (enc === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  return Buffer.from(body, 'latin1');
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/** Decode RFC 2047 encoded-words; adjacent words (whitespace between) are joined. */
export function decodeEncodedWords(value) {
  const pieces = []; // { text } or { charset, bytes }
  let last = 0;
  for (const m of value.matchAll(ENCODED_WORD)) {
    const between = value.slice(last, m.index);
    const prev = pieces[pieces.length - 1];
    if (!(prev && prev.bytes && /^\s*$/.test(between))) {
      if (between) pieces.push({ text: between });
    }
    const charset = m[1].split('*')[0].toLowerCase();
    const bytes = m[2].toUpperCase() === 'B'
      ? Buffer.from(m[3], 'base64')
      : decodeQuotedPrintable(m[3].replace(/_/g, ' '));
    const tail = pieces[pieces.length - 1];
    if (tail && tail.bytes && tail.charset === charset) tail.bytes = Buffer.concat([tail.bytes, bytes]);
    else pieces.push({ charset, bytes });
    last = m.index + m[0].length;
  }
  if (last < value.length) pieces.push({ text: value.slice(last) });
  return pieces.map((p) => (p.bytes ? decodeCharset(p.bytes, p.charset) : p.text)).join('');
}

/**
 * Split a latin1 message string into [headerBlock, body] and parse headers.
 * Returns { list: [[lowerName, rawValue]...], body }. Raw values are unfolded
 * but not yet decoded.
 */
function splitHeaders(src) {
  const m = /^\r?\n/.test(src) ? /^\r?\n/.exec(src) : /\r?\n\r?\n/.exec(src);
  const head = m ? src.slice(0, m.index) : src;
  const body = m ? src.slice(m.index + m[0].length) : '';
  const list = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && list.length) {
      list[list.length - 1][1] += ' ' + line.trim();
    } else {
      const idx = line.indexOf(':');
      if (idx > 0) list.push([line.slice(0, idx).trim().toLowerCase(), line.slice(idx + 1).trim()]);
    }
  }
  return { list, body };
}

/** Header value (latin1 raw) -> readable string (8-bit UTF-8 + encoded-words). */
function headerText(raw) {
  return decodeEncodedWords(Buffer.from(raw, 'latin1').toString('utf8'));
}

/** Parse "type/subtype; a=b; c=\"d\"" into { value, params }. */
export function parseStructured(raw = '') {
  const parts = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '\\' && quoted) { cur += raw[++i] ?? ''; continue; }
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) { parts.push(cur); cur = ''; continue; }
    cur += ch;
  }
  parts.push(cur);
  const params = {};
  for (const p of parts.slice(1)) {
    const idx = p.indexOf('=');
    if (idx < 0) continue;
    const key = p.slice(0, idx).trim().toLowerCase();
    params[key] = p.slice(idx + 1).trim().replace(/^"(.*)"$/s, '$1');
  }
  return { value: (parts[0] || '').trim().toLowerCase(), params };
}

/** Parse an address list ("A <a@x>, \"B, C\" <b@x>, c@x") into [{name, address}]. */
export function parseAddressList(value = '') {
  const items = [];
  let cur = '';
  let quoted = false;
  let angle = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\' && quoted) { cur += ch + (value[++i] ?? ''); continue; }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '<') angle++;
    else if (!quoted && ch === '>') angle = Math.max(0, angle - 1);
    if ((ch === ',' || ch === ';') && !quoted && angle === 0) { items.push(cur); cur = ''; continue; }
    cur += ch;
  }
  items.push(cur);
  const result = [];
  for (let item of items) {
    item = item.replace(/^[^"<]*:/, '').trim(); // strip "group:" prefix
    if (!item) continue;
    const angled = /<([^>]*)>/.exec(item);
    if (angled) {
      const name = item.replace(angled[0], '').trim().replace(/^"(.*)"$/s, '$1').replace(/\\(.)/g, '$1');
      result.push({ name: decodeEncodedWords(name), address: angled[1].trim() });
    } else {
      const address = item.replace(/\([^)]*\)/g, '').trim();
      if (address) result.push({ name: '', address });
    }
  }
  return result;
}

/** Walk a MIME entity and collect the first inline text/plain and text/html parts. */
function walk(src, out, depth = 0) {
  const { list, body } = splitHeaders(src);
  const get = (name) => list.find(([k]) => k === name)?.[1] ?? '';
  const ct = parseStructured(get('content-type') || 'text/plain; charset=us-ascii');
  const disposition = parseStructured(get('content-disposition')).value;
  if (ct.value.startsWith('multipart/') && ct.params.boundary && depth < 20) {
    for (const part of splitMultipart(body, ct.params.boundary)) walk(part, out, depth + 1);
    return;
  }
  if (disposition === 'attachment') return;
  const slot = ct.value === 'text/plain' ? 'text' : ct.value === 'text/html' ? 'html' : null;
  if (!slot || out[slot] !== null) return;
  const text = decodeCharset(decodeTransfer(body, get('content-transfer-encoding')), ct.params.charset);
  out[slot] = text.replace(/\r\n/g, '\n');
}

/** Split a multipart body (latin1) on its boundary; preamble/epilogue dropped. */
function splitMultipart(body, boundary) {
  const parts = [];
  let current = null;
  for (const line of body.split(/\r?\n/)) {
    const trimmed = line.replace(/[ \t]+$/, '');
    if (trimmed === `--${boundary}--`) {
      if (current) parts.push(current.join('\r\n'));
      return parts;
    }
    if (trimmed === `--${boundary}`) {
      if (current) parts.push(current.join('\r\n'));
      current = [];
    } else if (current) {
      current.push(line);
    }
  }
  if (current) parts.push(current.join('\r\n')); // unterminated multipart
  return parts;
}

/**
 * Parse a raw RFC 5322 message (Buffer or string).
 * @returns {{headers: Record<string,string>, subject: string, from: string,
 *   to: {name:string,address:string}[], cc: {name:string,address:string}[],
 *   date: string|null, messageId: string|null, text: string|null, html: string|null}}
 */
export function parseMessage(raw) {
  const src = Buffer.isBuffer(raw) ? raw.toString('latin1') : Buffer.from(String(raw), 'utf8').toString('latin1');
  const { list } = splitHeaders(src);
  const headers = {};
  const rawUtf8 = (name) => Buffer.from(list.filter(([k]) => k === name).map(([, v]) => v).join(', '), 'latin1').toString('utf8');
  for (const [name, value] of list) {
    const decoded = headerText(value);
    headers[name] = name in headers ? `${headers[name]}\n${decoded}` : decoded;
  }
  const out = { text: null, html: null };
  walk(src, out);
  // The CRLF before the final "." belongs to the SMTP transport; drop it for single-part bodies.
  for (const key of ['text', 'html']) if (out[key] !== null && !/^multipart\//i.test(headers['content-type'] || '')) out[key] = out[key].replace(/\n$/, '');
  const parsedDate = headers.date ? new Date(headers.date) : null;
  return {
    headers,
    subject: headers.subject ?? '',
    from: headers.from ?? '',
    to: parseAddressList(rawUtf8('to')),
    cc: parseAddressList(rawUtf8('cc')),
    date: parsedDate && !Number.isNaN(parsedDate.getTime()) ? parsedDate.toISOString() : null,
    messageId: headers['message-id'] ? headers['message-id'].replace(/^<|>$/g, '') : null,
    text: out.text,
    html: out.html,
  };
}
