/**
 * The text encodings a CSV upload is read in. Without a byte-order mark, text that is not valid
 * UTF-8 is taken as Windows-1252: what Excel's plain "CSV" saves on Western European Windows, the
 * region of the portal's six languages (its bytes 0xA0–0xFF are Latin-1's: é, ë, ü, ç, ß …).
 */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

export function isTextEncoding(value: unknown): value is TextEncoding {
  return typeof value === 'string' && (TEXT_ENCODINGS as readonly string[]).includes(value);
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** The encoding a byte-order mark tells; null without one. */
export function bomEncoding(head: Uint8Array): TextEncoding | null {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  return null;
}

/**
 * Decides a file's encoding from all of its bytes as they stream past (the upload), keeping
 * nothing but the first four: a BOM decides at once; else the whole file must be valid UTF-8
 * (checked by a fatal streaming decoder, so a character split between pieces is fine) or it is
 * Windows-1252. A zip (an xlsx) has no text encoding: null.
 */
export class EncodingDetector {
  private head: number[] = [];
  private decided: TextEncoding | 'zip' | null = null;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });

  write(bytes: Uint8Array): void {
    let rest = bytes;
    if (this.decided === null && this.head.length < 4) {
      const take = Math.min(4 - this.head.length, rest.length);
      this.head.push(...rest.subarray(0, take));
      rest = rest.subarray(take);
      if (this.head.length < 4) return;
      this.decideFromHead();
      if (this.decided === null) this.check(Uint8Array.from(this.head));
    }
    if (this.decided === null && rest.length > 0) this.check(rest);
  }

  /** The encoding, once every byte has been written. */
  result(): TextEncoding | null {
    if (this.decided === null && this.head.length < 4) {
      this.decideFromHead();
      if (this.decided === null) this.check(Uint8Array.from(this.head));
    }
    if (this.decided === null) {
      try {
        this.utf8.decode(); // a sequence cut off at the end of the file
        this.decided = 'utf-8';
      } catch {
        this.decided = 'windows-1252';
      }
    }
    return this.decided === 'zip' ? null : this.decided;
  }

  private decideFromHead(): void {
    if (ZIP_MAGIC.every((byte, at) => this.head[at] === byte)) this.decided = 'zip';
    else this.decided = bomEncoding(Uint8Array.from(this.head));
  }

  private check(bytes: Uint8Array): void {
    try {
      this.utf8.decode(bytes, { stream: true });
    } catch {
      this.decided = 'windows-1252';
    }
  }
}
