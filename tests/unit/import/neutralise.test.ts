import { describe, expect, it } from 'vitest';
import { neutraliseCell } from '@/lib/import/neutralise';

describe('neutraliseCell (OWASP CSV injection)', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+31 6 1234 5678', "'+31 6 1234 5678"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['-5', "'-5"],
    ['-', "'-"],
    ['@SUM(1,1)', "'@SUM(1,1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
  ])('neutralises %j', (value, expected) => {
    expect(neutraliseCell(value)).toBe(expected);
  });

  it.each(['', 'Ann', 'ann@example.com', '5', 'a=b', ' =1', "'=already", 'Account Admin', 'Jean-Luc'])('leaves %j unchanged', (value) => {
    expect(neutraliseCell(value)).toBe(value);
  });
});
