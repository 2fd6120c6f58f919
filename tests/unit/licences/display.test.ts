import { describe, expect, it } from 'vitest';
import { miteamLicenceView, revokesMiteamLicences } from '@/lib/licences/display';

describe('the MiTeam Meetings licence on the user page (MTM-2)', () => {
  it.each([
    // integrated, micollab, holds, available → view
    [false, false, false, 5, 'noLicences'],
    [false, false, true, 5, 'noLicences'],
    [true, true, true, 0, 'readOnly'],
    [true, true, false, 5, 'noLicences'],
    [true, false, false, 0, 'notAvailable'],
    [true, false, false, 1, 'toggle'],
    [true, false, true, 0, 'toggle'],
  ] as const)('integrated %s, MiCollab %s, holds %s, %i free → %s', (miteamIntegrated, micollabIntegrated, holds, available, view) => {
    expect(miteamLicenceView({ miteamIntegrated, micollabIntegrated, holds, available })).toBe(view);
  });

  it('removing MiTeam revokes its licences only when MiCollab is not integrated', () => {
    expect(revokesMiteamLicences(['chat', 'mitelOne'])).toBe(true);
    expect(revokesMiteamLicences(['chat', 'micollab'])).toBe(false);
  });
});
