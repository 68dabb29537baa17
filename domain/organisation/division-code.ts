import type { DivisionLevel } from './kinds.ts';

// GB/T 2260 codes as a tree of prefixes: 33 Zhejiang, 3301 Hangzhou, 330106 Xihu.

export const divisionLevelOf = (code: string): DivisionLevel =>
  code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'city' : 'county';

/** The digits that name a division: two for a province, four for a city, all six for a county. */
export const significantPrefix = (code: string): string => {
  const level = divisionLevelOf(code);
  return level === 'province' ? code.slice(0, 2) : level === 'city' ? code.slice(0, 4) : code;
};

/** Whether `code` lies in the division `area` names (a division lies in itself). */
export const divisionLiesIn = (code: string, area: string): boolean => code.startsWith(significantPrefix(area));

/** The province-level code of any code: 330106 → 330000. */
export const provinceCodeOf = (code: string): string => `${code.slice(0, 2)}0000`;
