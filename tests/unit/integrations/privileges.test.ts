import { describe, it, expect } from 'vitest';
import { INTEGRATION_IDS, PRIVILEGES, defaultIntegrations, type IntegrationId, type Privilege } from '../../../lib/integrations/catalogue';
import {
  NO_PRIVILEGES,
  addIntegration,
  canAdd,
  canRemove,
  changedPrivileges,
  missingPrivileges,
  privilegesAfterAdd,
  privilegesAfterRemove,
  removeIntegration,
  type IntegrationsState,
  type PrivilegeState,
} from '../../../lib/integrations/privileges';

// Seed table 2424-2446, kept apart from the catalogue so the rules are checked against the seed.
const SEED_NEEDS: Partial<Record<IntegrationId, Privilege[]>> = {
  mitelOne: ['guestAccess'],
  micontactCenter: ['delegatedAuthentication', 'guestAccess'],
  miteamMeetings: ['guestAccess'],
  micollab: ['delegatedAuthentication'],
};
const WITH_PRIVILEGES = Object.keys(SEED_NEEDS) as IntegrationId[];

const customer = (integrations: IntegrationId[] = defaultIntegrations(), privileges: PrivilegeState = NO_PRIVILEGES): IntegrationsState => ({
  isPartnerOrganisation: false,
  integrations,
  privileges,
});

/** What the seed implies when nobody toggled a privilege by hand: exactly what present integrations need. */
const neededBy = (integrations: readonly IntegrationId[]): PrivilegeState => {
  const p = { delegatedAuthentication: false, guestAccess: false };
  for (const i of integrations) for (const priv of SEED_NEEDS[i] ?? []) p[priv] = true;
  return p;
};

const add = (s: IntegrationsState, id: IntegrationId) => {
  const r = addIntegration(s, id);
  if (!r.ok) throw new Error(`adding ${id} refused: ${r.reason}`);
  return r.state;
};
const remove = (s: IntegrationsState, id: IntegrationId) => {
  const r = removeIntegration(s, id);
  if (!r.ok) throw new Error(`removing ${id} refused: ${r.reason}`);
  return r.state;
};

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe('the issue story', () => {
  it('keeps guest access on while MiTeam Meetings still needs it', () => {
    let s = customer();
    s = add(s, 'mitelOne');
    expect(s.privileges.guestAccess).toBe(true);
    s = add(s, 'miteamMeetings');
    expect(s.privileges.guestAccess).toBe(true);
    s = remove(s, 'mitelOne');
    expect(s.privileges.guestAccess).toBe(true);
    s = remove(s, 'miteamMeetings');
    expect(s.privileges).toEqual(NO_PRIVILEGES);
    expect(s.integrations).toEqual(['chat']);
  });

  it('refuses Voice Assist without the gateway, and accepts it once the gateway is there', () => {
    const s = customer();
    expect(canAdd(s, 'voiceAssist')).toEqual({ ok: false, reason: 'needsGateway' });
    expect(canAdd(add(s, 'cloudlinkGateway'), 'voiceAssist')).toEqual({ ok: true });
  });
});

describe('every add order, then every remove order, of the integrations with privileges', () => {
  const orders = permutations(WITH_PRIVILEGES);
  it('has 24 orders of 4 integrations', () => expect(orders).toHaveLength(24));

  it.each(orders.map((o) => [o.join(' → '), o] as const))('adding %s', (_, addOrder) => {
    let afterAdds = customer();
    for (const id of addOrder) {
      afterAdds = add(afterAdds, id);
      expect(afterAdds.privileges).toEqual(neededBy(afterAdds.integrations));
    }
    for (const removeOrder of orders) {
      let s = afterAdds;
      for (const id of removeOrder) {
        s = remove(s, id);
        // A privilege stays on exactly while a remaining integration needs it.
        expect(s.privileges, `removing ${removeOrder.join(', ')}`).toEqual(neededBy(s.integrations));
        expect(missingPrivileges(s)).toEqual([]);
      }
      expect(s.privileges).toEqual(NO_PRIVILEGES);
    }
  });

  it('holds for every interleaving of adds and removes (all 4^6 toggle sequences)', () => {
    const sequences = (n: number): IntegrationId[][] =>
      n === 0 ? [[]] : sequences(n - 1).flatMap((seq) => WITH_PRIVILEGES.map((id) => [...seq, id]));
    let checked = 0;
    for (const seq of sequences(6)) {
      let s = customer();
      for (const id of seq) {
        s = s.integrations.includes(id) ? remove(s, id) : add(s, id);
        expect(s.privileges).toEqual(neededBy(s.integrations));
      }
      checked++;
    }
    expect(checked).toBe(4096);
  });
});

describe('privileges toggled by hand', () => {
  it('lets adding turn on a privilege an admin had turned off', () => {
    const s = customer(['chat', 'micollab'], { delegatedAuthentication: false, guestAccess: false });
    expect(privilegesAfterAdd(s, 'mitelOne')).toEqual({ delegatedAuthentication: false, guestAccess: true });
    expect(privilegesAfterAdd(s, 'micontactCenter')).toEqual({ delegatedAuthentication: true, guestAccess: true });
  });

  it('leaves privileges alone when adding an integration that needs none', () => {
    for (const privileges of [NO_PRIVILEGES, { delegatedAuthentication: true, guestAccess: true }]) {
      expect(privilegesAfterAdd(customer(['chat'], privileges), 'workgroups')).toEqual(privileges);
    }
  });

  it('turns off a hand-enabled privilege when the last integration needing it goes (2416-2417)', () => {
    const s = customer(['chat', 'mitelOne'], { delegatedAuthentication: true, guestAccess: true });
    expect(privilegesAfterRemove(s, 'mitelOne')).toEqual({ delegatedAuthentication: true, guestAccess: false });
  });

  it('keeps a hand-enabled privilege the removed integration does not need', () => {
    const s = customer(['chat', 'micollab'], { delegatedAuthentication: true, guestAccess: true });
    expect(privilegesAfterRemove(s, 'micollab')).toEqual({ delegatedAuthentication: false, guestAccess: true });
    expect(privilegesAfterRemove(customer(['chat', 'workgroups'], s.privileges), 'workgroups')).toEqual(s.privileges);
  });

  it('does not turn back on a privilege an admin turned off that a remaining integration needs', () => {
    const s = customer(['chat', 'mitelOne', 'miteamMeetings'], { delegatedAuthentication: false, guestAccess: false });
    expect(privilegesAfterRemove(s, 'mitelOne')).toEqual(NO_PRIVILEGES);
  });

  it('warns about each integration lacking a privilege it needs, which stays added (2462-2465)', () => {
    let s = customer();
    for (const id of ['mitelOne', 'micontactCenter', 'miteamMeetings', 'micollab'] as const) s = add(s, id);
    expect(missingPrivileges(s)).toEqual([]);
    s = { ...s, privileges: { delegatedAuthentication: true, guestAccess: false } };
    expect(missingPrivileges(s)).toEqual([
      { integrationId: 'micontactCenter', privilege: 'guestAccess' },
      { integrationId: 'mitelOne', privilege: 'guestAccess' },
      { integrationId: 'miteamMeetings', privilege: 'guestAccess' },
    ]);
    s = { ...s, privileges: NO_PRIVILEGES };
    expect(missingPrivileges(s)).toHaveLength(5);
    expect(s.integrations).toHaveLength(5);
    expect(missingPrivileges(customer(['chat', 'workgroups', 'teams']))).toEqual([]);
  });

  it('reports which privileges changed', () => {
    expect(changedPrivileges(NO_PRIVILEGES, NO_PRIVILEGES)).toEqual([]);
    expect(changedPrivileges(NO_PRIVILEGES, { delegatedAuthentication: true, guestAccess: true })).toEqual([...PRIVILEGES]);
    expect(changedPrivileges({ delegatedAuthentication: true, guestAccess: false }, NO_PRIVILEGES)).toEqual(['delegatedAuthentication']);
  });
});

describe('canAdd and canRemove', () => {
  it('refuses the gateway dependants until the gateway is added, and again after it is removed', () => {
    for (const id of ['voiceAssist', 'mivoiceBusiness', 'teams'] as const) {
      expect(canAdd(customer(), id)).toEqual({ ok: false, reason: 'needsGateway' });
      const withGateway = add(customer(), 'cloudlinkGateway');
      expect(canAdd(withGateway, id)).toEqual({ ok: true });
      expect(canAdd(remove(withGateway, 'cloudlinkGateway'), id)).toEqual({ ok: false, reason: 'needsGateway' });
    }
  });

  it('refuses everything on a partner organisation, before any other reason', () => {
    const partner: IntegrationsState = { isPartnerOrganisation: true, integrations: ['chat'], privileges: NO_PRIVILEGES };
    for (const id of INTEGRATION_IDS) {
      expect(canAdd(partner, id)).toEqual({ ok: false, reason: 'partnerOrganisation' });
      expect(canRemove(partner, id)).toEqual({ ok: false, reason: 'partnerOrganisation' });
      expect(addIntegration(partner, id)).toEqual({ ok: false, reason: 'partnerOrganisation' });
    }
  });

  it('refuses adding twice, Chat included', () => {
    const s = add(customer(), 'mitelOne');
    expect(canAdd(s, 'mitelOne')).toEqual({ ok: false, reason: 'alreadyAdded' });
    expect(canAdd(s, 'chat')).toEqual({ ok: false, reason: 'alreadyAdded' });
  });

  it('accepts every integration without a prerequisite on a fresh customer account', () => {
    const refused = INTEGRATION_IDS.filter((id) => !canAdd(customer([]), id).ok);
    expect(refused).toEqual(['voiceAssist', 'mivoiceBusiness', 'teams']);
  });

  it('refuses removing what is not there, and Chat, which is always on', () => {
    expect(canRemove(customer(), 'micollab')).toEqual({ ok: false, reason: 'notAdded' });
    expect(canRemove(customer(), 'chat')).toEqual({ ok: false, reason: 'alwaysOn' });
    expect(removeIntegration(customer(), 'chat')).toEqual({ ok: false, reason: 'alwaysOn' });
    expect(canRemove(add(customer(), 'micollab'), 'micollab')).toEqual({ ok: true });
  });

  it('does not change the state it is given', () => {
    const s = Object.freeze(customer(Object.freeze(['chat']) as IntegrationId[], Object.freeze({ ...NO_PRIVILEGES })));
    const added = add(s, 'micontactCenter');
    expect(s.integrations).toEqual(['chat']);
    expect(s.privileges).toEqual(NO_PRIVILEGES);
    remove(added, 'micontactCenter');
    expect(added.integrations).toEqual(['chat', 'micontactCenter']);
    expect(added.privileges).toEqual({ delegatedAuthentication: true, guestAccess: true });
  });
});
