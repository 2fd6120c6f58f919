/**
 * Counts the non-blank records of a CSV as its bytes stream past (the upload), so that a file
 * with far too many rows is refused while it arrives instead of after the parse has stored
 * 200,000 rows of it. Works on bytes: quotes, separators and line breaks are ASCII in UTF-8 and
 * Windows-1252 alike. A UTF-16 file (by its BOM) or a zip (an xlsx) is not counted here; the
 * parser's own limit (limitRows) still holds for them.
 *
 * It never counts more than the parser would: a record counts only when it holds a byte other
 * than a separator, a quote or white space, and a line break inside quotes does not end one.
 */
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BLANK = new Set([0x20, 0x09, 0x2c, 0x3b, QUOTE]); // space, tab, comma, semicolon, quote

export class CsvRowCounter {
  /** Records seen so far, the header row included. */
  records = 0;
  private quoted = false;
  private content = false;
  private afterCr = false;
  private head: number[] = [];
  private counting: boolean | null = null;

  write(bytes: Uint8Array): void {
    let at = 0;
    if (this.counting === null) {
      while (this.head.length < 4 && at < bytes.length) this.head.push(bytes[at++]!);
      if (this.head.length < 4) return;
      this.startCounting();
    }
    if (this.counting) this.scan(bytes, at);
  }

  /** The count at the end of the file (a last record without a line break counts too). */
  end(): number {
    if (this.counting === null) this.startCounting();
    if (this.content) this.records++;
    this.content = false;
    return this.records;
  }

  /** Decided on the first four bytes; a UTF-8 byte-order mark is not content. */
  private startCounting(): void {
    const [a, b, c, d] = this.head;
    const zipOrUtf16 = (a === 0x50 && b === 0x4b && c === 0x03 && d === 0x04) || (a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff);
    this.counting = !zipOrUtf16;
    if (this.counting) this.scan(Uint8Array.from(this.head), a === 0xef && b === 0xbb && c === 0xbf ? 3 : 0);
  }

  private scan(bytes: Uint8Array, from: number): void {
    for (let i = from; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (byte === QUOTE) this.quoted = !this.quoted;
      if (!this.quoted && (byte === LF || byte === CR)) {
        // CRLF is one line break; a lone CR (old Mac files) is one too
        if (!(byte === LF && this.afterCr) && this.content) this.records++;
        if (!(byte === LF && this.afterCr)) this.content = false;
        this.afterCr = byte === CR;
        continue;
      }
      this.afterCr = false;
      if (!BLANK.has(byte)) this.content = true;
    }
  }
}
