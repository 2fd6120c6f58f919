import { describe, expect, it } from 'vitest';
import { CsvRowCounter } from '@/lib/import/read/row-counter';

/** The counter's records for `text` written in pieces of `size` bytes (1: every boundary). */
function count(bytes: Uint8Array, size = bytes.length): number {
  const counter = new CsvRowCounter();
  for (let at = 0; at < bytes.length; at += size) counter.write(bytes.subarray(at, at + size));
  return counter.end();
}
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('CsvRowCounter (upload-time row limit)', () => {
  it.each([
    ['LF line ends', 'h\na\nb\n', 3],
    ['CRLF line ends', 'h\r\na\r\nb\r\n', 3],
    ['lone CR line ends (old Mac)', 'h\ra\rb', 3],
    ['no line break after the last row', 'h\na\nb', 3],
    ['blank lines and separator-only lines are not rows', 'h\n\n,,,,\n;;\n\t\n  \n"",""\na\n', 2],
    ['a line break inside quotes does not end the row', 'h\n"two\nlines",x\n"a ""quoted"" word\r\nhere",y\n', 3],
    ['a UTF-8 byte-order mark is not content', '\ufeff\nh\na\n', 2],
    ['an empty file', '', 0],
    ['a short file', 'a', 1],
  ])('%s', (_, text, expected) => {
    expect(count(utf8(text))).toBe(expected);
    expect(count(utf8(text), 1)).toBe(expected);
  });

  it('counts Windows-1252 bytes like any other content', () => {
    expect(count(Uint8Array.from([0x5a, 0x6f, 0xeb, 0x0a, 0xe9, 0x0a]))).toBe(2);
  });

  it('leaves a zip (xlsx) and UTF-16 to the parser', () => {
    expect(count(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x0a, 0x41, 0x0a, 0x41, 0x0a]))).toBe(0);
    expect(count(Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x0a, 0x00, 0x42, 0x00]))).toBe(0);
    expect(count(Uint8Array.from([0xfe, 0xff, 0x00, 0x41, 0x00, 0x0a, 0x00, 0x42]))).toBe(0);
  });
});
