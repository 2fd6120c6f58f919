// The emulated Entra ID directory: tenants, app registrations (with secrets and admin consent) and users.
// Everything is keyed by id in Maps, so lookups stay O(1) with 10,000 users.
import { randomBytes } from 'node:crypto';
import { controlError, uuid } from './util.mjs';

const SECRET_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.~';
const DEFAULT_SECRET_DAYS = 180;
export const DEFAULT_PASSWORD = 'Passw0rd!';

/** A client secret value shaped like Entra's (`xyz8Q~` + 34 characters). */
function secretValue() {
  const bytes = randomBytes(37);
  const chars = Array.from(bytes, (b) => SECRET_ALPHABET[b % SECRET_ALPHABET.length]);
  return `${chars.slice(0, 3).join('')}8Q~${chars.slice(3).join('')}`;
}

const lower = (s) => String(s).toLowerCase();

function titleCase(localPart) {
  return localPart.replace(/[._-]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
}

export class Directory {
  constructor() {
    this.reset();
  }

  reset() {
    /** @type {Map<string, any>} */ this.tenants = new Map();
    this.tenantsByDomain = new Map();
    /** App registrations by appId (an app lives in its home tenant; multi-tenant ones can be consented elsewhere). */
    this.apps = new Map();
    this.usersById = new Map();
    this.usersByUpn = new Map();
    this.consentLog = [];
  }

  createTenant({ tenantId, domain, displayName } = {}) {
    const id = lower(tenantId ?? uuid());
    if (this.tenants.has(id)) throw controlError(409, `tenant ${id} exists`);
    const dom = lower(domain ?? `${id.slice(0, 8)}.onmicrosoft.example`);
    if (this.tenantsByDomain.has(dom)) throw controlError(409, `domain ${dom} is taken`);
    const tenant = {
      id,
      domain: dom,
      displayName: displayName ?? dom,
      users: new Map(),
      byUpn: new Map(),
      byMail: new Map(),
      userList: [],
      consents: new Map(), // appId -> { at, by }
      rateLimit: null, // { perSecond, windowStart, count }
    };
    this.tenants.set(id, tenant);
    this.tenantsByDomain.set(dom, tenant);
    return tenant;
  }

  /** A tenant by id or verified domain (case-insensitive), or undefined. */
  tenant(key) {
    if (key === undefined || key === null) return undefined;
    const k = lower(key);
    return this.tenants.get(k) ?? this.tenantsByDomain.get(k);
  }

  requireTenant(key) {
    const tenant = this.tenant(key);
    if (!tenant) throw controlError(404, `unknown tenant ${key}`);
    return tenant;
  }

  createApp(tenantKey, spec = {}) {
    const tenant = this.requireTenant(tenantKey);
    const appId = lower(spec.appId ?? uuid());
    if (this.apps.has(appId)) throw controlError(409, `app ${appId} exists`);
    const app = {
      appId,
      id: uuid(), // the application object's id
      displayName: spec.displayName ?? 'Presence connector',
      homeTenantId: tenant.id,
      multiTenant: Boolean(spec.multiTenant),
      permissions: normalisePermissions(spec.permissions),
      redirectUris: [...(spec.redirectUris ?? [])],
      secrets: [],
    };
    this.apps.set(appId, app);
    const secrets = (spec.secrets ?? [{}]).map((s) => this.addSecret(tenant.id, appId, s));
    if (spec.consented) tenant.consents.set(appId, { at: new Date().toISOString(), by: 'control' });
    return { app, secrets };
  }

  /** The app registration, when registered in `tenantKey` (or the app is multi-tenant), else undefined. */
  app(tenantKey, appId) {
    const app = this.apps.get(lower(appId ?? ''));
    const tenant = this.tenant(tenantKey);
    if (!app || !tenant) return undefined;
    return app.homeTenantId === tenant.id || app.multiTenant ? app : undefined;
  }

  requireApp(tenantKey, appId) {
    const app = this.app(tenantKey, appId);
    if (!app) throw controlError(404, `unknown app ${appId} in tenant ${tenantKey}`);
    return app;
  }

  /** The app has a service principal in the tenant: its home tenant, or one where it was consented. */
  appVisibleIn(app, tenant) {
    return app.homeTenantId === tenant.id || (app.multiTenant && tenant.consents.has(app.appId));
  }

  isConsented(app, tenant) {
    return tenant.consents.has(app.appId);
  }

  consent(app, tenant, by) {
    const at = new Date().toISOString();
    tenant.consents.set(app.appId, { at, by });
    this.consentLog.push({ tenantId: tenant.id, appId: app.appId, at, by });
  }

  updateApp(tenantKey, appId, patch = {}) {
    const tenant = this.requireTenant(tenantKey);
    const app = this.requireApp(tenant.id, appId);
    if (patch.consented === true) tenant.consents.set(app.appId, { at: new Date().toISOString(), by: 'control' });
    if (patch.consented === false) tenant.consents.delete(app.appId);
    if (patch.permissions) app.permissions = normalisePermissions({ ...app.permissions, ...patch.permissions });
    if (patch.redirectUris) app.redirectUris = [...patch.redirectUris];
    if (patch.displayName) app.displayName = patch.displayName;
    if (patch.multiTenant !== undefined) app.multiTenant = Boolean(patch.multiTenant);
    return { appId: app.appId };
  }

  addSecret(tenantKey, appId, { value, description, endDateTime } = {}) {
    const app = this.requireApp(tenantKey, appId);
    const end = endDateTime ? new Date(endDateTime) : new Date(Date.now() + DEFAULT_SECRET_DAYS * 86_400_000);
    if (Number.isNaN(end.getTime())) throw controlError(400, 'endDateTime is not a date');
    const secret = {
      keyId: uuid(),
      value: value ?? secretValue(),
      displayName: description ?? null,
      startDateTime: new Date().toISOString(),
      endDateTime: end.toISOString(),
    };
    app.secrets.push(secret);
    return { keyId: secret.keyId, value: secret.value, endDateTime: secret.endDateTime };
  }

  removeSecret(tenantKey, appId, keyId) {
    const app = this.requireApp(tenantKey, appId);
    const index = app.secrets.findIndex((s) => s.keyId === keyId);
    if (index < 0) throw controlError(404, `unknown secret ${keyId}`);
    app.secrets.splice(index, 1);
    return { keyId };
  }

  /** `{users:[…]}` one by one, or `{count, domain?, prefix?, password?, start?}` in bulk. */
  createUsers(tenantKey, spec = {}) {
    const tenant = this.requireTenant(tenantKey);
    let specs = spec.users;
    if (!specs) {
      const count = Number(spec.count);
      if (!Number.isInteger(count) || count < 0 || count > 100_000) throw controlError(400, 'count must be an integer 0..100000');
      const domain = spec.domain ?? tenant.domain;
      const prefix = spec.prefix ?? 'user';
      const start = spec.start ?? 1;
      specs = new Array(count);
      for (let i = 0; i < count; i++) {
        const n = start + i;
        specs[i] = { userPrincipalName: `${prefix}${n}@${domain}`, displayName: `${titleCase(prefix)} ${n}`, password: spec.password };
      }
    }
    if (!Array.isArray(specs)) throw controlError(400, 'users must be an array');
    for (const s of specs) {
      if (!s || typeof s.userPrincipalName !== 'string' || !s.userPrincipalName.includes('@')) throw controlError(400, 'every user needs a userPrincipalName');
      if (this.usersByUpn.has(lower(s.userPrincipalName))) throw controlError(409, `user ${s.userPrincipalName} exists`);
    }
    return specs.map((s) => this.#addUser(tenant, s));
  }

  #addUser(tenant, s) {
    const upn = s.userPrincipalName;
    const displayName = s.displayName ?? titleCase(upn.split('@')[0]);
    const [givenName, ...rest] = displayName.split(' ');
    const user = {
      id: s.id ?? uuid(),
      tenantId: tenant.id,
      userPrincipalName: upn,
      mail: s.mail === undefined ? upn : s.mail,
      displayName,
      givenName: s.givenName ?? givenName ?? null,
      surname: s.surname ?? (rest.length ? rest.join(' ') : null),
      jobTitle: s.jobTitle ?? null,
      password: s.password ?? DEFAULT_PASSWORD,
      passwordVersion: 0,
      tokensValidFrom: 0,
      isAdmin: Boolean(s.isAdmin),
      contacts: [],
      // presence (see presence.mjs)
      client: 'Offline',
      preferred: null,
      preferredExpiresAt: null,
      sessions: new Map(), // appId -> { availability, activity, expiresAt }
      last: null,
      timer: null,
    };
    tenant.users.set(user.id, user);
    tenant.byUpn.set(lower(upn), user);
    if (user.mail) tenant.byMail.set(lower(user.mail), user);
    tenant.userList.push(user);
    this.usersById.set(user.id, user);
    this.usersByUpn.set(lower(upn), user);
    return user;
  }

  /** A user of the tenant by id or UPN (case-insensitive), or undefined. */
  user(tenant, idOrUpn) {
    if (!tenant || !idOrUpn) return undefined;
    return tenant.users.get(idOrUpn) ?? tenant.users.get(lower(idOrUpn)) ?? tenant.byUpn.get(lower(idOrUpn));
  }

  requireUser(tenantKey, idOrUpn) {
    const tenant = this.requireTenant(tenantKey);
    const user = this.user(tenant, idOrUpn);
    if (!user) throw controlError(404, `unknown user ${idOrUpn} in tenant ${tenant.id}`);
    return user;
  }

  userByUpnAnywhere(upn) {
    return this.usersByUpn.get(lower(upn ?? ''));
  }

  updateUser(tenantKey, idOrUpn, patch = {}) {
    const user = this.requireUser(tenantKey, idOrUpn);
    if (patch.password !== undefined && patch.password !== user.password) {
      user.password = String(patch.password);
      user.passwordVersion += 1;
      user.tokensValidFrom = Date.now();
    }
    if (patch.isAdmin !== undefined) user.isAdmin = Boolean(patch.isAdmin);
    if (patch.displayName !== undefined) user.displayName = patch.displayName;
    return { id: user.id, userPrincipalName: user.userPrincipalName };
  }

  addContacts(tenantKey, idOrUpn, { contacts } = {}) {
    const user = this.requireUser(tenantKey, idOrUpn);
    if (!Array.isArray(contacts)) throw controlError(400, 'contacts must be an array');
    const added = contacts.map((c) => {
      const [givenName, ...rest] = String(c.displayName ?? '').split(' ');
      const contact = {
        id: uuid(),
        displayName: c.displayName ?? null,
        givenName: c.givenName ?? (givenName || null),
        surname: c.surname ?? (rest.length ? rest.join(' ') : null),
        emailAddresses: (c.emailAddresses ?? []).map((e) => (typeof e === 'string' ? { name: c.displayName ?? e, address: e } : e)),
        businessPhones: c.businessPhones ?? [],
        mobilePhone: c.mobilePhone ?? null,
        homePhones: c.homePhones ?? [],
        companyName: c.companyName ?? null,
      };
      user.contacts.push(contact);
      return contact;
    });
    return { contacts: added.map((c) => ({ id: c.id, displayName: c.displayName })) };
  }
}

function normalisePermissions(p = {}) {
  const list = (v) => (Array.isArray(v) ? v.map(String) : []);
  return { application: list(p.application), delegated: list(p.delegated) };
}
