import { describe, expect, it } from 'vitest';
import type { CloudLinkPresence } from '@/lib/presence/cloudlink';
import { actionSession, cloudLinkToGraph, describeAction, sameAction, type GraphAction } from '@/lib/presence/graph-action';
import { isValidSessionPair } from '@/lib/presence/teams-aggregation';

const set = (availability: 'Busy' | 'Away' | 'DoNotDisturb', activity: 'InACall' | 'Away' | 'Presenting'): GraphAction => ({ kind: 'set', availability, activity });
const clear: GraphAction = { kind: 'clear' };

const cases: [CloudLinkPresence, GraphAction][] = [
  ['Busy', set('Busy', 'InACall')],
  ['DoNotDisturb', set('DoNotDisturb', 'Presenting')],
  ['Away', set('Away', 'Away')],
  ['NotAvailable', set('Away', 'Away')],
  ['Available', clear],
  ['Offline', clear],
  ['Unknown', clear],
];

describe('cloudLinkToGraph', () => {
  it.each(cases)('%s → %o', (presence, action) => {
    expect(cloudLinkToGraph(presence)).toEqual(action);
  });

  it.each(cases.map(([p]) => p))('%s: a set action is a pair setPresence accepts', (presence) => {
    const action = cloudLinkToGraph(presence);
    if (action.kind === 'set') expect(isValidSessionPair(action.availability, action.activity)).toBe(true);
    else expect(actionSession(action)).toBeNull();
  });
});

describe('helpers', () => {
  it('actionSession is the set pair', () => {
    expect(actionSession(set('Busy', 'InACall'))).toEqual({ availability: 'Busy', activity: 'InACall' });
    expect(actionSession(clear)).toBeNull();
  });
  it('sameAction compares kind and pair', () => {
    expect(sameAction(set('Away', 'Away'), set('Away', 'Away'))).toBe(true);
    expect(sameAction(clear, { kind: 'clear' })).toBe(true);
    expect(sameAction(set('Away', 'Away'), set('Busy', 'InACall'))).toBe(false);
    expect(sameAction(set('DoNotDisturb', 'Presenting'), set('DoNotDisturb', 'Away'))).toBe(false);
    expect(sameAction(set('Away', 'Away'), clear)).toBe(false);
    expect(sameAction(clear, set('Away', 'Away'))).toBe(false);
  });
  it('describeAction', () => {
    expect(describeAction(set('Busy', 'InACall'))).toBe('set Busy/InACall');
    expect(describeAction(clear)).toBe('clear');
  });
});
