// The slice of OData query options the emulator understands: $filter (eq, ne, in, startswith, and, or,
// parentheses), $select, $top and opaque $skiptoken paging with absolute @odata.nextLink URLs.
import { graphError } from './util.mjs';

const bad = (message) => graphError(400, 'BadRequest', message);

function tokenize(text) {
  const tokens = [];
  const re = /\s*(?:'((?:[^']|'')*)'|(\()|(\))|(,)|(true|false)\b|([A-Za-z_][\w/.]*))/gy;
  let m;
  let last = 0;
  while ((m = re.exec(text))) {
    last = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ t: 'str', v: m[1].replace(/''/g, "'") });
    else if (m[2]) tokens.push({ t: '(' });
    else if (m[3]) tokens.push({ t: ')' });
    else if (m[4]) tokens.push({ t: ',' });
    else if (m[5]) tokens.push({ t: 'bool', v: m[5] === 'true' });
    else tokens.push({ t: 'id', v: m[6] });
  }
  if (text.slice(last).trim()) return null;
  return tokens;
}

/** Parse a $filter into an AST, or throw a 400 result. Nodes: {op:'eq'|'ne'|'in'|'startswith', field, value(s)} | {op:'and'|'or', l, r}. */
export function parseFilter(text) {
  const tokens = tokenize(text);
  const fail = () => {
    throw bad(`Invalid filter clause: ${text}`);
  };
  if (!tokens || tokens.length === 0) fail();
  let i = 0;
  const peek = () => tokens[i];
  const take = (t) => (tokens[i]?.t === t ? tokens[i++] : fail());
  const literal = () => (peek()?.t === 'str' || peek()?.t === 'bool' ? tokens[i++].v : fail());
  const word = (w) => peek()?.t === 'id' && peek().v.toLowerCase() === w;

  function primary() {
    if (peek()?.t === '(') {
      i++;
      const e = or();
      take(')');
      return e;
    }
    if (word('startswith')) {
      i++;
      take('(');
      const field = take('id').v;
      take(',');
      const value = literal();
      take(')');
      return { op: 'startswith', field, value };
    }
    const field = take('id').v;
    const op = peek()?.t === 'id' ? tokens[i++].v.toLowerCase() : fail();
    if (op === 'eq' || op === 'ne') return { op, field, value: literal() };
    if (op === 'in') {
      take('(');
      const values = [literal()];
      while (peek()?.t === ',') {
        i++;
        values.push(literal());
      }
      take(')');
      return { op, field, values };
    }
    return fail();
  }
  function and() {
    let l = primary();
    while (word('and')) {
      i++;
      l = { op: 'and', l, r: primary() };
    }
    return l;
  }
  function or() {
    let l = and();
    while (word('or')) {
      i++;
      l = { op: 'or', l, r: and() };
    }
    return l;
  }
  const ast = or();
  if (i !== tokens.length) fail();
  return ast;
}

const norm = (v) => (typeof v === 'string' ? v.toLowerCase() : v);

/** Evaluate an AST against an object; `fields` lists the filterable properties. */
export function evaluate(ast, obj, fields) {
  switch (ast.op) {
    case 'and':
      return evaluate(ast.l, obj, fields) && evaluate(ast.r, obj, fields);
    case 'or':
      return evaluate(ast.l, obj, fields) || evaluate(ast.r, obj, fields);
    default: {
      if (!fields.includes(ast.field)) throw bad(`Property '${ast.field}' does not support filtering.`);
      const v = norm(obj[ast.field]);
      if (ast.op === 'eq') return v === norm(ast.value);
      if (ast.op === 'ne') return v !== norm(ast.value);
      if (ast.op === 'in') return ast.values.some((x) => norm(x) === v);
      return typeof v === 'string' && v.startsWith(norm(ast.value));
    }
  }
}

/** The values an AST can only match by equality on one field (for index lookups), or null. */
export function equalityKeys(ast) {
  if (ast.op === 'eq') return { field: ast.field, values: [ast.value] };
  if (ast.op === 'in') return { field: ast.field, values: ast.values };
  return null;
}

export function parseTop(query, { max = 999, fallback = 100 } = {}) {
  const raw = query.get('$top');
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw bad(`Invalid page size specified: '${raw}'. Must be between 1 and ${max} inclusive.`);
  return n;
}

export function parseSelect(query, known, type) {
  const raw = query.get('$select');
  if (!raw) return null;
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) if (!known.includes(n)) throw bad(`Could not find a property named '${n}' on type 'microsoft.graph.${type}'.`);
  return names;
}

export function pick(obj, names) {
  const out = {};
  for (const n of names) out[n] = obj[n] ?? null;
  return out;
}

export const encodeSkip = (offset) => Buffer.from(`X'${offset}'`).toString('base64url');
export function decodeSkip(query) {
  const raw = query.get('$skiptoken');
  if (raw === null) return 0;
  const m = /^X'(\d+)'$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  if (!m) throw bad('The $skiptoken is not valid.');
  return Number(m[1]);
}

/** Page `items`: `{ value, '@odata.nextLink'? }` (absolute link with the same query and a $skiptoken). */
export function page(items, { query, base, path, top, offset, map }) {
  const slice = items.slice(offset, offset + top).map(map);
  const body = {};
  if (offset + top < items.length) {
    const next = new URLSearchParams(query);
    next.delete('$skiptoken');
    next.set('$skiptoken', encodeSkip(offset + top));
    body['@odata.nextLink'] = `${base}/v1.0${path}?${next.toString().replace(/%24/g, '$')}`;
  }
  body.value = slice;
  return body;
}
