import { describe, expect, it } from 'vitest';
import type { Admitted } from '../../functions/lib/auth/admitted.ts';
import { readerInCallerScope } from '../../functions/lib/auth/read-audit-scope.ts';
import { seededRegistry } from './domain/organisation-fixtures.ts';

// Whose reads an overseer sees when asking what a person read, on the seed's registry with one change:
// the Binjiang agency moves from the Binjiang bureau to the Gongshu bureau on 2026-02-01 (China time). A read
// is the overseer's if the reader's organisation lay under theirs on the day of the read or lies under
// it today. Expectations are written from that rule, not computed.

const registry = seededRegistry([
  {
    organisationId: 'agency:hz-binjiang',
    command: {
      type: 'MoveOrganisation',
      data: { parentId: 'justice-bureau:hz-gongshu', divisionCode: '330105', effectiveFrom: '2026-02-01' },
    },
  },
]);
const TODAY = '2026-03-01';

const overseer = (role: string, organisation: string): Admitted => ({
  id: `${role}-1`,
  role,
  organisation,
  workstation: null,
  registry,
  today: TODAY,
  kind: registry.get(organisation)!.kind,
});

/** 2026-01-15 in China, before the move. */
const beforeMove = '2026-01-15T02:00:00.000Z';
/** 00:30 on 2026-02-01 in China (still 31 January in UTC): the day of the move. */
const dayOfMove = '2026-01-31T16:30:00.000Z';

describe('reads by a person, as an overseer sees them', () => {
  const binjiangRead = (at: string) => ({ organisation: 'agency:hz-binjiang', at });

  it('the bureau the reader’s agency lay under on the day of the read, and the one it lies under today', () => {
    expect(readerInCallerScope(overseer('auditor', 'justice-bureau:hz-binjiang'), binjiangRead(beforeMove))).toBe(true);
    expect(readerInCallerScope(overseer('auditor', 'justice-bureau:hz-gongshu'), binjiangRead(beforeMove))).toBe(true);
    expect(readerInCallerScope(overseer('administrator', 'justice-bureau:hz-binjiang'), binjiangRead(dayOfMove))).toBe(false);
    expect(readerInCallerScope(overseer('administrator', 'justice-bureau:hz-gongshu'), binjiangRead(dayOfMove))).toBe(true);
  });

  it('the city and province above, the agency itself; not a sibling bureau, another agency or another province', () => {
    for (const [role, organisation] of [
      ['auditor', 'justice-bureau:hz'],
      ['auditor', 'justice-department:zj'],
      ['administrator', 'agency:hz-binjiang'],
    ])
      expect(readerInCallerScope(overseer(role!, organisation!), binjiangRead(beforeMove)), organisation).toBe(true);
    for (const [role, organisation] of [
      ['auditor', 'justice-bureau:hz-xihu'],
      ['administrator', 'agency:hz-gongshu'],
      ['auditor', 'justice-department:ah'],
      ['auditor', 'justice-bureau:nb'],
    ])
      expect(readerInCallerScope(overseer(role!, organisation!), binjiangRead(beforeMove)), organisation).toBe(false);
  });

  it('a read by an agency since merged is its successor’s bureau’s to see', () => {
    const jiangganRead = { organisation: 'agency:hz-jianggan', at: '2021-03-01T02:00:00.000Z' };
    expect(readerInCallerScope(overseer('auditor', 'justice-bureau:hz-shangcheng'), jiangganRead)).toBe(true);
    expect(readerInCallerScope(overseer('administrator', 'agency:hz-shangcheng'), jiangganRead)).toBe(true);
    expect(readerInCallerScope(overseer('auditor', 'justice-bureau:hz-xihu'), jiangganRead)).toBe(false);
  });

  it('a row without a time of its own is judged on today alone', () => {
    expect(readerInCallerScope(overseer('auditor', 'justice-bureau:hz-gongshu'), binjiangRead(''))).toBe(true);
    expect(readerInCallerScope(overseer('auditor', 'justice-bureau:hz-binjiang'), binjiangRead(''))).toBe(false);
  });
});
