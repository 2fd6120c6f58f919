import { describe, expect, it } from 'vitest';
import { azureIndex, matchUser } from '@/lib/teams/match-rules';

// TEAMS-2: the CloudLink e-mail must be the Azure UPN or primary e-mail (seed 001 5147-5150).
const azure = [
  { id: 'a1', userPrincipalName: 'Anna@Fabrikam.example', mail: 'anna.devries@fabrikam.example' },
  { id: 'b2', userPrincipalName: 'bob@fabrikam.onmicrosoft.example', mail: 'bob@fabrikam.example' },
  { id: 'c3', userPrincipalName: 'carol@fabrikam.example', mail: null },
  // Two Azure users answering to one address: one by UPN, the other by mail.
  { id: 'd4', userPrincipalName: 'desk@fabrikam.example', mail: null },
  { id: 'd5', userPrincipalName: 'reception@fabrikam.example', mail: 'desk@fabrikam.example' },
];
const index = azureIndex(azure);

describe('matching CloudLink users to Azure users', () => {
  it.each([
    ['anna@fabrikam.example', 'matched', 'a1'], // UPN, other case
    ['ANNA.DEVRIES@fabrikam.example', 'matched', 'a1'], // mail
    ['bob@fabrikam.example', 'matched', 'b2'], // mail differs from UPN
    [' carol@fabrikam.example ', 'matched', 'c3'],
    ['dave@fabrikam.example', 'notInAzure', null],
    ['desk@fabrikam.example', 'ambiguous', null],
  ])('%s → %s', (email, match, id) => {
    const r = matchUser(email, index);
    expect(r.match).toBe(match);
    expect(r.azure?.id ?? null).toBe(id);
  });

  it('one Azure user whose UPN and mail are the same address is one match, not two', () => {
    const same = azureIndex([{ id: 'x', userPrincipalName: 'x@f.example', mail: 'X@f.example' }]);
    expect(matchUser('x@f.example', same)).toMatchObject({ match: 'matched', azure: { id: 'x' } });
  });
});
