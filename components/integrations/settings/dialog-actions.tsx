'use client';

import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';

/** Save / Cancel of a settings dialog, and "Remove" where the seed shows it (Mitel One, MiTeam). */
export function DialogActions({ busy, canSave = true, onCancel, onRemove }: { busy: boolean; canSave?: boolean; onCancel: () => void; onRemove?: () => void }) {
  const t = useT();
  return (
    <div className="flex items-center justify-between gap-2">
      <div>
        {onRemove && (
          <Button variant="ghost" className="text-red-700" onClick={onRemove}>
            {t('integrations.remove.button')}
          </Button>
        )}
      </div>
      <div className="flex gap-2">
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" disabled={busy || !canSave}>
          {t('integrations.settings.save')}
        </Button>
      </div>
    </div>
  );
}
