import { describe, it, expect } from 'vitest';
import {
  CATALOGUE,
  INTEGRATION_IDS,
  PRIVILEGES,
  catalogueTab,
  defaultIntegrations,
  dependantsOf,
  integrationDefinition,
  isIntegrationId,
  shownUnder,
  type IntegrationId,
} from '../../../lib/integrations/catalogue';

describe('integrations catalogue', () => {
  it('has one definition per id, with unique ids', () => {
    const ids = CATALOGUE.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...INTEGRATION_IDS].sort());
    for (const id of INTEGRATION_IDS) expect(integrationDefinition(id).id).toBe(id);
  });

  it('lists the Mitel and Third-party tabs of INT-1', () => {
    expect(catalogueTab('mitel').map((d) => d.id).sort()).toEqual(
      ['chat', 'cloudlinkGateway', 'micontactCenter', 'micollab', 'mitelOne', 'workgroups', 'miteamMeetings', 'voiceAssist', 'mivoiceBusiness'].sort(),
    );
    expect(catalogueTab('thirdParty').map((d) => d.id).sort()).toEqual(
      ['singleSignOn', 'azureAdSingleSignOn', 'azureAdSync', 'office365', 'teams', 'twilio', 'cmCom'].sort(),
    );
  });

  it('names only privileges that exist, each at most once', () => {
    for (const d of CATALOGUE) {
      for (const p of d.privileges) expect(PRIVILEGES).toContain(p);
      expect(new Set(d.privileges).size).toBe(d.privileges.length);
    }
  });

  // Seed table 2424-2446, copied here on its own so the catalogue is checked against it.
  it('matches the seed privilege table and gives no other integration a privilege', () => {
    const seedTable: Partial<Record<IntegrationId, string[]>> = {
      mitelOne: ['guestAccess'],
      micontactCenter: ['delegatedAuthentication', 'guestAccess'],
      miteamMeetings: ['guestAccess'],
      micollab: ['delegatedAuthentication'],
    };
    for (const d of CATALOGUE) expect([...d.privileges].sort()).toEqual(seedTable[d.id] ?? []);
  });

  it('points prerequisites at the CloudLink Gateway, which itself needs nothing', () => {
    const dependants = CATALOGUE.filter((d) => d.requires !== null);
    expect(dependants.map((d) => d.id).sort()).toEqual(['mivoiceBusiness', 'teams', 'voiceAssist']);
    for (const d of dependants) {
      expect(isIntegrationId(d.requires)).toBe(true);
      expect(d.requires).toBe('cloudlinkGateway');
    }
    expect(integrationDefinition('cloudlinkGateway').requires).toBeNull();
  });

  it('starts every account with Chat only, which cannot be removed', () => {
    expect(defaultIntegrations()).toEqual(['chat']);
    expect(CATALOGUE.filter((d) => !d.removable).map((d) => d.id)).toEqual(['chat']);
  });

  it('folds Chat and MiTeam Meetings under Mitel One, which lists them among its features', () => {
    const folded = CATALOGUE.filter((d) => d.foldsUnder !== null);
    expect(folded.map((d) => [d.id, d.foldsUnder])).toEqual([
      ['chat', 'mitelOne'],
      ['miteamMeetings', 'mitelOne'],
    ]);
    expect(integrationDefinition('mitelOne').features).toEqual(['chat', 'miteamMeetings', 'telephony']);
    for (const d of folded) expect(integrationDefinition(d.foldsUnder as IntegrationId).foldsUnder).toBeNull();
  });

  it('shows a folded integration under Mitel One only while Mitel One is present', () => {
    expect(shownUnder(['chat', 'miteamMeetings'], 'chat')).toBeNull();
    expect(shownUnder(['chat', 'miteamMeetings'], 'miteamMeetings')).toBeNull();
    expect(shownUnder(['chat', 'mitelOne', 'miteamMeetings'], 'chat')).toBe('mitelOne');
    expect(shownUnder(['chat', 'mitelOne', 'miteamMeetings'], 'miteamMeetings')).toBe('mitelOne');
    expect(shownUnder(['chat', 'mitelOne'], 'mitelOne')).toBeNull();
    expect(shownUnder(['mitelOne', 'micollab'], 'micollab')).toBeNull();
  });

  it('needs "Finish setup" where the seed shows one, and gateway onboarding for the gateway', () => {
    const finish = CATALOGUE.filter((d) => d.setup === 'finishSetup').map((d) => d.id);
    expect(finish.sort()).toEqual(
      ['voiceAssist', 'singleSignOn', 'azureAdSingleSignOn', 'azureAdSync', 'office365', 'teams', 'twilio', 'cmCom'].sort(),
    );
    expect(CATALOGUE.filter((d) => d.setup === 'gatewayOnboarding').map((d) => d.id)).toEqual(['cloudlinkGateway']);
  });

  it('asks for the typed reset word only when removing the gateway', () => {
    expect(CATALOGUE.filter((d) => d.removeConfirmation === 'typedReset').map((d) => d.id)).toEqual(['cloudlinkGateway']);
  });

  it('carries a positive whole version number for every integration', () => {
    for (const d of CATALOGUE) expect(Number.isInteger(d.version) && d.version >= 1).toBe(true);
  });

  it('lists dependants of an integration among those present', () => {
    expect(dependantsOf(['chat', 'cloudlinkGateway', 'voiceAssist', 'mitelOne', 'mivoiceBusiness'], 'cloudlinkGateway')).toEqual([
      'voiceAssist',
      'mivoiceBusiness',
    ]);
    expect(dependantsOf(['chat', 'cloudlinkGateway'], 'cloudlinkGateway')).toEqual([]);
  });

  it('recognises ids and rejects anything else', () => {
    expect(isIntegrationId('mitelOne')).toBe(true);
    expect(isIntegrationId('MitelOne')).toBe(false);
    expect(isIntegrationId('toString')).toBe(false);
    expect(isIntegrationId(7)).toBe(false);
    expect(() => integrationDefinition('nope' as IntegrationId)).toThrow();
  });
});
