'use client';

import { useId } from 'react';
import { useUrlSearch } from '@/components/data-table/search-box';
import { useUrlState } from '@/components/data-table/use-url-state';
import { useT } from '@/components/i18n-provider';
import { usePopover } from '@/components/ui/use-dismiss';
import { PROPERTY_FILTERS, type ProductFilter, type PropertyFilter } from '@/lib/users/schemas';

interface Props {
  query: string;
  filter: PropertyFilter | null;
  product: ProductFilter | null;
  /** The products users of the account hold licences of (the Product group's choices). */
  products: ProductFilter[];
}

/** USR-1: search as you type (name, e-mail or extension) and "+ Add filter" → Property or Product. */
export function UsersToolbar({ query, filter, product, products }: Props) {
  const t = useT();
  const { set } = useUrlState();
  const [value, setValue] = useUrlSearch(query);

  return (
    <div className="flex flex-wrap items-center gap-3">
      <input
        type="search"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-label={t('users.list.search')}
        placeholder={t('users.list.searchPlaceholder')}
        maxLength={100}
        className="w-80 rounded border border-slate-300 px-3 py-2 text-sm"
      />
      <AddFilter current={filter} onPick={(f) => set({ filter: f })} currentProduct={product} products={products} onPickProduct={(p) => set({ product: p })} />
      {filter && <Chip label={t('users.filter.chip', { value: t(`users.filter.properties.${filter}`) })} remove={t('users.filter.remove', { value: t(`users.filter.properties.${filter}`) })} onRemove={() => set({ filter: null })} />}
      {product && <Chip label={t('users.filter.productChip', { value: productLabel(t, product) })} remove={t('users.filter.remove', { value: productLabel(t, product) })} onRemove={() => set({ product: null })} />}
    </div>
  );
}

const productLabel = (t: (key: string) => string, product: ProductFilter) => t(product === 'mitelOne' ? 'users.products.mitelOne' : 'users.products.miteam');

function Chip({ label, remove, onRemove }: { label: string; remove: string; onRemove: () => void }) {
  return (
    <span className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-1 pl-3 pr-1 text-sm text-brand-900">
      {label}
      <button type="button" aria-label={remove} onClick={onRemove} className="h-6 w-6 rounded-full hover:bg-brand-100">
        ×
      </button>
    </span>
  );
}

interface AddFilterProps {
  current: PropertyFilter | null;
  onPick: (f: PropertyFilter) => void;
  currentProduct: ProductFilter | null;
  products: ProductFilter[];
  onPickProduct: (p: ProductFilter) => void;
}

/**
 * The filter menu as a disclosure: a button and two groups of choices (Property, and Product when
 * users hold licences), reachable by Tab, closed by Escape or a click outside.
 */
function AddFilter({ current, onPick, currentProduct, products, onPickProduct }: AddFilterProps) {
  const t = useT();
  const { open, ref, close, toggle } = usePopover();
  const panelId = useId();
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
        className="rounded border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-50"
      >
        {t('users.filter.add')}
      </button>
      {open && (
        <div id={panelId} className="absolute left-0 z-20 mt-1 w-64 rounded border border-slate-200 bg-white p-2 shadow-lg">
          <FilterGroup
            label={t('users.filter.property')}
            choices={PROPERTY_FILTERS.map((f) => ({ value: f, label: t(`users.filter.properties.${f}`) }))}
            current={current}
            onPick={(f) => {
              onPick(f);
              close();
            }}
          />
          {products.length > 0 && (
            <div className="mt-2 border-t border-slate-100 pt-2">
              <FilterGroup
                label={t('users.filter.product')}
                choices={products.map((p) => ({ value: p, label: productLabel(t, p) }))}
                current={currentProduct}
                onPick={(p) => {
                  onPickProduct(p);
                  close();
                }}
              />
            </div>
          )}
        </div>
      )}
    </div>
  );
}

/** One group of the filter menu: a heading and toggle buttons, the current one pressed. */
function FilterGroup<V extends string>({ label, choices, current, onPick }: { label: string; choices: { value: V; label: string }[]; current: V | null; onPick: (v: V) => void }) {
  const headingId = useId();
  return (
    <div role="group" aria-labelledby={headingId}>
      <p id={headingId} className="px-2 py-1 text-xs font-semibold uppercase text-slate-500">
        {label}
      </p>
      <ul>
        {choices.map((c) => (
          <li key={c.value}>
            <button
              type="button"
              aria-pressed={current === c.value}
              onClick={() => onPick(c.value)}
              className={`w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100 ${current === c.value ? 'font-medium text-brand-700' : ''}`}
            >
              {c.label}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
