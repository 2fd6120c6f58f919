'use client';

import { useId } from 'react';
import { useT } from '@/components/i18n-provider';
import { MATRIX, permissionOf, type MatrixCell, type RoleVariant } from '@/lib/authz';
import { FEATURES, OPERATIONS, type Permission } from '@/lib/authz/types';

/** Every description key of MATRIX lives under `authz.`; the prefix is spelled out for check-i18n. */
const descriptionKey = (cell: MatrixCell) => `authz.${cell.descriptionKey.replace(/^authz\./, '')}`;

interface Props {
  variant: RoleVariant;
  ticked: ReadonlySet<Permission>;
  readOnly: boolean;
  onToggle: (cell: Permission, on: boolean) => void;
}

/**
 * ROLE-3: one group per feature of the base role's variant, a box for each operation that applies
 * (seed 2.14.1-2.14.12), each with what it allows. Always-on boxes are ticked and locked.
 */
export function PermissionMatrix({ variant, ticked, readOnly, onToggle }: Props) {
  const t = useT();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <h3 id={headingId} className="text-base font-semibold">
        {t('roles.form.permissions')}
      </h3>
      <p className="text-sm text-slate-600">{t('roles.form.permissionsHint')}</p>
      {FEATURES.filter((feature) => Object.keys(MATRIX[feature][variant]).length > 0).map((feature) => (
        <fieldset key={feature} className="rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 text-sm font-semibold text-slate-800">{t(`roles.features.${feature}`)}</legend>
          <ul className="flex flex-col gap-3">
            {OPERATIONS.map((op) => {
              const cell = MATRIX[feature][variant][op];
              if (!cell) return null;
              const permission = permissionOf(feature, op);
              return (
                <li key={op}>
                  <Box
                    permission={permission}
                    featureLabel={t(`roles.features.${feature}`)}
                    opLabel={t(`roles.operations.${op}`)}
                    description={t(descriptionKey(cell))}
                    checked={ticked.has(permission)}
                    alwaysOn={cell.alwaysOn === true}
                    readOnly={readOnly}
                    onToggle={onToggle}
                  />
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
    </section>
  );
}

interface BoxProps {
  permission: Permission;
  featureLabel: string;
  opLabel: string;
  description: string;
  checked: boolean;
  alwaysOn: boolean;
  readOnly: boolean;
  onToggle: (cell: Permission, on: boolean) => void;
}

function Box({ permission, featureLabel, opLabel, description, checked, alwaysOn, readOnly, onToggle }: BoxProps) {
  const t = useT();
  const id = useId();
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        className="mt-1 h-4 w-4 accent-brand-600"
        checked={checked || alwaysOn}
        disabled={readOnly || alwaysOn}
        aria-describedby={`${id}-description`}
        onChange={(e) => onToggle(permission, e.target.checked)}
      />
      <div className="flex flex-col">
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {/* The feature makes each box's name unique ("Users: Delete") for assistive technology. */}
          <span className="sr-only">{featureLabel}: </span>
          {opLabel}
          {alwaysOn && <span className="ml-2 text-xs font-normal text-slate-500"> {t('roles.form.alwaysOn')}</span>}
        </label>
        <p id={`${id}-description`} className="text-xs text-slate-600">
          {description}
        </p>
      </div>
    </div>
  );
}
