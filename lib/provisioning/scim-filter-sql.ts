import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { users } from '@/db/schema';
import { ScimError } from '@/lib/scim/errors';
import type { Filter, FilterValue } from '@/lib/scim/filter';
import type { AttrPath } from '@/lib/scim/schema';

type Column = { expr: SQL; kind: 'text' | 'ci' | 'bool' | 'time' };

const ci = (column: SQL): Column => ({ expr: column, kind: 'ci' });

/** The attributes a filter may name (SCIM-2/3), as the portal's columns. */
function column(path: AttrPath, valueFilterType?: string): Column | null {
  const key = path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute;
  switch (key) {
    case 'id':
      return { expr: sql`${users.id}::text`, kind: 'text' };
    case 'externalId':
      return { expr: sql`${users.externalId}`, kind: 'text' };
    case 'userName':
      return ci(sql`coalesce(${users.loginId}, ${users.email})`);
    case 'displayName':
      return ci(sql`${users.displayName}`);
    case 'name.givenName':
      return ci(sql`${users.firstName}`);
    case 'name.familyName':
      return ci(sql`${users.lastName}`);
    case 'emails':
    case 'emails.value':
      return valueFilterType === undefined || valueFilterType === 'work' ? ci(sql`${users.email}`) : null;
    case 'phoneNumbers':
    case 'phoneNumbers.value':
      if (valueFilterType === 'mobile') return { expr: sql`${users.mobile}`, kind: 'text' };
      if (valueFilterType === 'work') return { expr: sql`${users.phone}`, kind: 'text' };
      return null;
    case 'active':
      return { expr: sql`(not ${users.inactive})`, kind: 'bool' };
    case 'meta.created':
      return { expr: sql`${users.createdAt}`, kind: 'time' };
    case 'meta.lastModified':
      return { expr: sql`${users.updatedAt}`, kind: 'time' };
    default:
      return null;
  }
}

const likeEscape = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

function compare(col: Column, op: Exclude<Filter['op'], 'and' | 'or' | 'not' | 'valuePath'>, value: FilterValue | undefined, where: string): SQL {
  if (op === 'pr') return col.kind === 'bool' ? sql`true` : sql`(${col.expr} is not null and ${col.expr}::text <> '')`;
  if (col.kind === 'bool') {
    if (typeof value !== 'boolean' || (op !== 'eq' && op !== 'ne')) throw new ScimError(400, 'invalidFilter', `"${where}" compares with true or false, using eq or ne`);
    return op === 'eq' ? sql`${col.expr} = ${value}` : sql`${col.expr} <> ${value}`;
  }
  if (value === null) {
    if (op === 'eq') return sql`${col.expr} is null`;
    if (op === 'ne') return sql`${col.expr} is not null`;
  }
  if (typeof value !== 'string') throw new ScimError(400, 'invalidFilter', `"${where}" compares with a string`);
  if (col.kind === 'time') {
    if (Number.isNaN(Date.parse(value))) throw new ScimError(400, 'invalidFilter', `"${where}" compares with a dateTime`);
    const at = new Date(value);
    const ops = { eq: sql`=`, ne: sql`<>`, gt: sql`>`, ge: sql`>=`, lt: sql`<`, le: sql`<=` } as const;
    if (!(op in ops)) throw new ScimError(400, 'invalidFilter', `"${op}" does not apply to the dateTime "${where}"`);
    return sql`${col.expr} ${ops[op as keyof typeof ops]} ${at}`;
  }
  // Case-insensitive attributes compare lower-cased; eq on them can use the lower(…) indexes.
  const left = col.kind === 'ci' ? sql`lower(${col.expr})` : col.expr;
  const v = col.kind === 'ci' ? value.toLowerCase() : value;
  switch (op) {
    case 'eq':
      return sql`${left} = ${v}`;
    case 'ne':
      return sql`(${left} is null or ${left} <> ${v})`;
    case 'co':
      return sql`${left} like ${`%${likeEscape(v)}%`}`;
    case 'sw':
      return sql`${left} like ${`${likeEscape(v)}%`}`;
    case 'ew':
      return sql`${left} like ${`%${likeEscape(v)}`}`;
    case 'gt':
      return sql`${left} > ${v}`;
    case 'ge':
      return sql`${left} >= ${v}`;
    case 'lt':
      return sql`${left} < ${v}`;
    case 'le':
      return sql`${left} <= ${v}`;
  }
}

/** The `type eq "…"` of a value filter such as `emails[type eq "work"]`, the only kind we can map to a column. */
function valueFilterType(filter: Filter): string | null {
  if (filter.op === 'eq' && filter.path.attribute === 'type' && typeof filter.value === 'string') return filter.value.toLowerCase();
  return null;
}

/**
 * A parsed SCIM filter as a WHERE condition on users (SCIM-2: eq ne co sw ew pr gt ge lt le, and,
 * or, not, value filters on emails and phoneNumbers by type). An attribute the portal cannot search
 * is an invalidFilter naming it, never a silent "no match".
 */
export function filterToSql(filter: Filter): SQL {
  switch (filter.op) {
    case 'and':
      return sql`(${filterToSql(filter.left)} and ${filterToSql(filter.right)})`;
    case 'or':
      return sql`(${filterToSql(filter.left)} or ${filterToSql(filter.right)})`;
    case 'not':
      return sql`(not coalesce(${filterToSql(filter.filter)}, false))`;
    case 'valuePath': {
      const type = valueFilterType(filter.filter);
      const where = `${filter.path.attribute}[…]`;
      if (type === null) throw new ScimError(400, 'invalidFilter', `Only value filters of the form ${filter.path.attribute}[type eq "…"] are supported`);
      const col = column({ attribute: filter.path.attribute }, type);
      if (!col) throw new ScimError(400, 'invalidFilter', `Filtering on "${where}" with type "${type}" is not supported`);
      return sql`(${col.expr} is not null)`;
    }
    default: {
      const path = filter.path;
      const where = path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute;
      // `emails.value` and `emails` mean the work e-mail; phone numbers need a type.
      // Entra ID probes `userName eq "…"` before every create: answered from the unique indexes.
      if (where === 'userName' && filter.op === 'eq' && typeof filter.value === 'string') {
        const v = filter.value.toLowerCase();
        return sql`(lower(${users.loginId}) = ${v} or (${users.loginId} is null and lower(${users.email}) = ${v}))`;
      }
      const col = column(path, path.attribute === 'emails' ? 'work' : undefined);
      if (!col) throw new ScimError(400, 'invalidFilter', `Filtering on "${where}" is not supported`);
      return compare(col, filter.op, 'value' in filter ? filter.value : undefined, where);
    }
  }
}
