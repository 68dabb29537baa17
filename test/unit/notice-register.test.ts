import { describe, expect, it } from 'vitest';
import { gapsOf, misplacedOf } from '../../domain/notice/register.ts';

const stubs = (...versions: number[]) => versions.map((v) => ({ version: v, noticeNumber: v }));

describe('the notice register reads holes as holes', () => {
  it('finds no gap in an unbroken run, from the start or after a page', () => {
    expect(gapsOf(0, stubs(1, 2, 3))).toEqual([]);
    expect(gapsOf(3, stubs(4, 5))).toEqual([]);
  });
  it('names each missing run, one at the start of a page included', () => {
    expect(gapsOf(0, stubs(2, 3, 7, 9))).toEqual([
      { from: 1, to: 1 },
      { from: 4, to: 6 },
      { from: 8, to: 8 },
    ]);
    expect(gapsOf(10, stubs(12))).toEqual([{ from: 11, to: 11 }]);
  });
  it('names a stub whose number is not where it is stored', () => {
    expect(
      misplacedOf([
        { version: 1, noticeNumber: 1 },
        { version: 2, noticeNumber: 5 },
      ]),
    ).toEqual([{ version: 2, noticeNumber: 5 }]);
  });
});
