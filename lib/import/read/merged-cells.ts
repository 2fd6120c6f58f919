import { ImportFileError } from './errors';
import { isBlankRow } from './rows';

/** Merged ranges named in the refusal; the rest are counted ("and 3 more"). */
export const MERGES_NAMED = 5;

/** 1-based, inclusive. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const CELL = /^([A-Z]{1,3})([1-9][0-9]{0,6})$/;

function cell(ref: string): { row: number; column: number } | null {
  const match = CELL.exec(ref);
  if (!match) return null;
  let column = 0;
  for (const letter of match[1]!) column = column * 26 + letter.charCodeAt(0) - 64;
  return { row: Number(match[2]), column };
}

/** "A3:B3" (or a lone "A3") → its rectangle; anything else → null. */
export function parseRange(ref: string): CellRange | null {
  const [from = '', to = from, extra] = ref.trim().toUpperCase().split(':');
  if (extra !== undefined) return null;
  const a = cell(from);
  const b = cell(to);
  if (!a || !b) return null;
  return { top: Math.min(a.row, b.row), bottom: Math.max(a.row, b.row), left: Math.min(a.column, b.column), right: Math.max(a.column, b.column) };
}

/**
 * The part of the sheet the import reads: from the header row (the first non-blank one) to the
 * last non-blank row, columns 1 to the last one holding a value in any of them.
 */
export class DataArea {
  first = 0;
  last = 0;
  columns = 0;

  add(line: number, cells: readonly string[]): void {
    if (isBlankRow(cells)) return;
    if (this.first === 0) this.first = line;
    this.last = line;
    let used = cells.length;
    while (used > 0 && cells[used - 1]!.trim() === '') used--;
    this.columns = Math.max(this.columns, used);
  }

  /**
   * A merge matters only where it meets what is read: there it hides values (only its top-left
   * cell keeps one) or shifts what the user sees against what is imported. Outside, e.g. a note to
   * the right of the columns or below the last row, it changes nothing and is allowed.
   */
  overlaps(range: CellRange): boolean {
    return range.top <= this.last && range.bottom >= this.first && range.left <= this.columns;
  }
}

const TAG = /<mergeCell\s[^>]*>/g;
const REF = /\sref\s*=\s*(?:"([^"]*)"|'([^']*)')/;
/** A <mergeCell> tag is some 40 characters; an unfinished tag longer than this is not one. */
const MAX_CARRY = 1024;

/**
 * Finds <mergeCell ref="…"/> in a sheet's XML fed piece by piece (tags may straddle pieces) and
 * keeps the merges that overlap the data: only their count and the first MERGES_NAMED refs, so a
 * sheet of a million merges costs no memory. `overlaps` is asked as each merge is found.
 */
export class MergeScanner {
  private carry = '';
  private readonly named: string[] = [];
  private count = 0;

  constructor(private readonly overlaps: (range: CellRange) => boolean) {}

  scan(text: string): void {
    const piece = this.carry + text;
    this.carry = '';
    if (piece.includes('<mergeCell')) {
      for (const [tag] of piece.matchAll(TAG)) {
        const match = REF.exec(tag);
        const ref = (match?.[1] ?? match?.[2] ?? '').trim().toUpperCase();
        const range = parseRange(ref);
        // An unreadable ref merges nothing a spreadsheet app would show: ignored like exceljs does.
        if (!range || !this.overlaps(range)) continue;
        if (this.named.length < MERGES_NAMED) this.named.push(ref);
        this.count++;
      }
    }
    const open = piece.lastIndexOf('<');
    if (open >= 0 && piece.indexOf('>', open) < 0 && piece.length - open <= MAX_CARRY) this.carry = piece.slice(open);
  }

  /** 'mergedCells' naming the first merges (and how many more), when any overlap the data. */
  refusal(): ImportFileError | null {
    if (this.count === 0) return null;
    return new ImportFileError('mergedCells', { cells: this.named.join(', '), more: this.count - this.named.length });
  }
}
