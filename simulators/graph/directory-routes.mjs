// Graph directory reads: /users (list, $filter, $select, paging), /users/{id|upn}, /me, personal contacts
// and /applications (the app registrations of the caller's tenant).
import { GRAPH_APP_ID } from './tokens.mjs';
import { decodeSkip, equalityKeys, evaluate, page, parseFilter, parseSelect, parseTop, pick } from './odata.mjs';
import { graphError } from './util.mjs';

export const USER_PROPS = [
  'id', 'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName',
  'accountEnabled', 'userType', 'department', 'companyName', 'usageLocation', 'otherMails', 'proxyAddresses',
];
const DEFAULT_USER_PROPS = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];
const USER_FILTERABLE = ['id', 'userPrincipalName', 'mail', 'displayName', 'givenName', 'surname', 'accountEnabled', 'jobTitle', 'userType'];
const CONTACT_PROPS = ['id', 'displayName', 'givenName', 'surname', 'emailAddresses', 'businessPhones', 'mobilePhone', 'homePhones', 'companyName'];

export function notFound(key) {
  return graphError(404, 'Request_ResourceNotFound', `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`);
}

export function userJson(u) {
  return {
    id: u.id,
    businessPhones: [],
    displayName: u.displayName,
    givenName: u.givenName,
    jobTitle: u.jobTitle,
    mail: u.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: u.surname,
    userPrincipalName: u.userPrincipalName,
    accountEnabled: true,
    userType: 'Member',
    department: null,
    companyName: null,
    usageLocation: null,
    otherMails: [],
    proxyAddresses: u.mail ? [`SMTP:${u.mail}`] : [],
  };
}

function filteredUsers(tenant, filter) {
  if (!filter) return tenant.userList;
  const ast = parseFilter(filter);
  const keys = equalityKeys(ast);
  const index = keys && { id: tenant.users, userPrincipalName: tenant.byUpn, mail: tenant.byMail }[keys.field];
  if (index) {
    const seen = new Set();
    const out = [];
    for (const v of keys.values) {
      const u = index.get(String(v).toLowerCase());
      if (u && !seen.has(u)) {
        seen.add(u);
        out.push(u);
      }
    }
    return out;
  }
  return tenant.userList.filter((u) => evaluate(ast, userJson(u), USER_FILTERABLE));
}

export function createDirectoryRoutes(ctx) {
  function listUsers(auth, r) {
    const top = parseTop(r.query);
    const select = parseSelect(r.query, USER_PROPS, 'user') ?? DEFAULT_USER_PROPS;
    const users = filteredUsers(auth.tenant, r.query.get('$filter'));
    const offset = decodeSkip(r.query);
    const body = page(users, { query: r.query, base: r.base, path: '/users', top, offset, map: (u) => pick(userJson(u), select) });
    return { status: 200, body: { '@odata.context': `${r.base}/v1.0/$metadata#users`, ...body } };
  }

  function getUser(auth, r, key) {
    const user = ctx.dir.user(auth.tenant, key);
    if (!user) return notFound(key);
    const select = parseSelect(r.query, USER_PROPS, 'user') ?? DEFAULT_USER_PROPS;
    return { status: 200, body: { '@odata.context': `${r.base}/v1.0/$metadata#users/$entity`, ...pick(userJson(user), select) } };
  }

  function listContacts(auth, r, user) {
    const top = parseTop(r.query, { max: 1000, fallback: 10 });
    const select = parseSelect(r.query, CONTACT_PROPS, 'contact') ?? CONTACT_PROPS;
    const offset = decodeSkip(r.query);
    const path = `/users/${user.id}/contacts`;
    const body = page(user.contacts, { query: r.query, base: r.base, path, top, offset, map: (c) => pick(c, select) });
    return { status: 200, body: { '@odata.context': `${r.base}/v1.0/$metadata#users('${user.id}')/contacts`, ...body } };
  }

  function applicationJson(app) {
    return {
      id: app.id,
      appId: app.appId,
      displayName: app.displayName,
      signInAudience: app.multiTenant ? 'AzureADMultipleOrgs' : 'AzureADMyOrg',
      passwordCredentials: app.secrets.map((s) => ({
        customKeyIdentifier: null,
        displayName: s.displayName,
        endDateTime: s.endDateTime,
        hint: s.value.slice(0, 3),
        keyId: s.keyId,
        secretText: null,
        startDateTime: s.startDateTime,
      })),
      requiredResourceAccess: [
        {
          resourceAppId: GRAPH_APP_ID,
          resourceAccess: [
            ...app.permissions.application.map((id) => ({ id, type: 'Role' })),
            ...app.permissions.delegated.map((id) => ({ id, type: 'Scope' })),
          ],
        },
      ],
      web: { redirectUris: [...app.redirectUris] },
    };
  }

  const tenantApps = (tenant) => [...ctx.dir.apps.values()].filter((a) => a.homeTenantId === tenant.id);

  function listApplications(auth, r) {
    const filter = r.query.get('$filter');
    let apps = tenantApps(auth.tenant);
    if (filter) {
      const ast = parseFilter(filter);
      apps = apps.filter((a) => evaluate(ast, { id: a.id, appId: a.appId, displayName: a.displayName }, ['id', 'appId', 'displayName']));
    }
    const top = parseTop(r.query);
    const body = page(apps, { query: r.query, base: r.base, path: '/applications', top, offset: decodeSkip(r.query), map: applicationJson });
    return { status: 200, body: { '@odata.context': `${r.base}/v1.0/$metadata#applications`, ...body } };
  }

  function getApplication(auth, r, { appId, id }) {
    const app = tenantApps(auth.tenant).find((a) => (appId ? a.appId === appId.toLowerCase() : a.id === id));
    if (!app) return notFound(appId ?? id);
    return { status: 200, body: { '@odata.context': `${r.base}/v1.0/$metadata#applications/$entity`, ...applicationJson(app) } };
  }

  return { listUsers, getUser, listContacts, listApplications, getApplication };
}
