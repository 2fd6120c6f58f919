import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/authz/types';
import { LOCALES } from '@/lib/i18n/config';
import { translator } from '@/lib/i18n/translator';
import { createUser } from '@/lib/users/create-user';
import { updateUser } from '@/lib/users/update-user';
import { EMAIL, accountByName, actorFor, createOtherPartner, seed } from '../helpers';
import { csv, problemsByRow, uploadAndParse } from '../import/fixtures';
import { addUser, rejection } from './fixtures';

/**
 * Issue 14, fix 5: the e-mail is the sign-in name, so it is unique in the whole installation, but
 * an admin must not learn from a refusal that an address belongs to a user of ANOTHER tenant.
 * Both cases get the same neutral answer, as an object and as text in every language.
 */

let alice: Actor;
let contosoId: string;
let otherTenantEmail: string;
const ownAccountEmail = EMAIL.uma;

beforeAll(async () => {
  await seed();
  alice = await actorFor(EMAIL.alice);
  contosoId = (await accountByName('Contoso Ltd')).id;
  otherTenantEmail = (await createOtherPartner()).partnerEmail;
});

/** What reaches the person: the error's message keys and HTTP status, as a plain object. */
function seen(error: unknown) {
  const { messageKey, fieldErrors, status } = error as { messageKey: string; fieldErrors: Record<string, string[]>; status: number };
  return { messageKey, fieldErrors, status, name: (error as Error).name };
}

describe('e-mail uniqueness across tenants (USR-8)', () => {
  it('createUser refuses an address of another tenant exactly as one of its own account', async () => {
    const input = { accountId: contosoId, firstName: 'A', lastName: 'B', accountAdmin: false };
    const own = await rejection(createUser({ ctx: { actor: alice }, input: { ...input, email: ownAccountEmail.toUpperCase() } }));
    const foreign = await rejection(createUser({ ctx: { actor: alice }, input: { ...input, email: otherTenantEmail.toUpperCase() } }));
    expect(seen(foreign)).toEqual(seen(own));
    expect(seen(own)).toMatchObject({ messageKey: 'errors.conflict', fieldErrors: { email: ['errors.conflict'] }, status: 409 });
  });

  it('updateUser refuses changing to such an address the same way', async () => {
    const user = await addUser(contosoId, { email: 'changes.mind@contoso.example' });
    const form = (email: string) => ({ accountId: contosoId, userId: user.id, displayName: user.displayName, firstName: 'Test', lastName: 'x', email, mobile: '', role: 'user' });
    const own = await rejection(updateUser({ ctx: { actor: alice }, input: form(ownAccountEmail) }));
    const foreign = await rejection(updateUser({ ctx: { actor: alice }, input: form(otherTenantEmail) }));
    expect(seen(foreign)).toEqual(seen(own));
  });

  it('the import preview marks both rows with one message that says nothing of where the address is used', async () => {
    const found = await uploadAndParse(alice, contosoId, csv(['First name,Last name,Name,E-mail,Role', `Own,Row,,${ownAccountEmail},`, `Other,Row,,${otherTenantEmail},`]));
    const problems = await problemsByRow(alice, contosoId, found.id);
    expect(problems[3]).toEqual(problems[2]);
    expect(problems[2]).toEqual({ email: [{ key: 'import.errors.emailInUse' }] });
    for (const locale of LOCALES) {
      const text = translator(locale)('import.errors.emailInUse');
      expect(text).not.toMatch(/account|tenant|partner|klant|compte|konto|cuenta|user|gebruiker|utilisateur|utente|benutzer|usuario/i);
    }
  });
});
