'use client';

import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import type { AssignmentView } from '@/lib/managers/schemas';
import { selectableColumn } from './selection';

/** An account row of the assignment view, with its country name in the reader's language. */
export interface AssignmentRow {
  id: string;
  name: string;
  countryName: string;
  assignedTo: number;
}

/** MGR-3 columns; "Assigned to some" also says to how many of the selected managers. */
export function assignmentColumns(t: TFunction, view: AssignmentView, managers: number): ColumnDef<AssignmentRow>[] {
  const columns: ColumnDef<AssignmentRow>[] = [
    selectableColumn<AssignmentRow>({ all: t('managers.assign.selectPage'), row: (r) => t('managers.assign.selectRow', { name: r.name }) }),
    { id: 'name', header: t('managers.assign.columns.name'), cell: ({ row }) => <span className="font-medium">{row.original.name}</span> },
    { id: 'country', header: t('managers.assign.columns.country'), cell: ({ row }) => row.original.countryName },
  ];
  if (view === 'some') {
    columns.push({
      id: 'assignedTo',
      header: t('managers.assign.columns.assignedTo'),
      cell: ({ row }) => t('managers.assign.assignedToOf', { n: row.original.assignedTo, total: managers }),
    });
  }
  return columns;
}
