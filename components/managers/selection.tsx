'use client';

import type { ColumnDef, RowSelectionState } from '@tanstack/react-table';

/**
 * A selection column whose rows may refuse selection (the signed-in admin, MGR-1). The header box
 * selects or clears only the selectable rows of the page, in one state change.
 */
export function selectableColumn<Row>(
  labels: { all: string; row: (row: Row) => string; locked?: (row: Row) => string },
  canSelect: (row: Row) => boolean = () => true,
): ColumnDef<Row> {
  return {
    id: 'select',
    header: ({ table }) => {
      const rows = table.getRowModel().rows.filter((r) => canSelect(r.original));
      const all = rows.length > 0 && rows.every((r) => r.getIsSelected());
      const some = rows.some((r) => r.getIsSelected());
      return (
        <input
          type="checkbox"
          aria-label={labels.all}
          checked={all}
          disabled={rows.length === 0}
          ref={(el) => {
            if (el) el.indeterminate = some && !all;
          }}
          onChange={() =>
            table.setRowSelection((old) => {
              const next: RowSelectionState = { ...old };
              for (const r of rows) {
                if (all) delete next[r.id];
                else next[r.id] = true;
              }
              return next;
            })
          }
        />
      );
    },
    cell: ({ row }) =>
      canSelect(row.original) ? (
        <input type="checkbox" aria-label={labels.row(row.original)} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />
      ) : (
        <span className="sr-only">{labels.locked?.(row.original)}</span>
      ),
  };
}

/** The ids that are ticked. */
export function selectedIds(selection: RowSelectionState): string[] {
  return Object.keys(selection).filter((id) => selection[id]);
}
