import { describe, expect, it } from 'vitest';
import { addHours, chinaDateOf, chinaYearOf, daysBetweenDates, endOfDaysAfter, fullYearsSince } from '../../../domain/time/calendar.ts';

describe('calendar arithmetic in China time', () => {
  it('dates an instant by its +08:00 calendar day, not its UTC day', () => {
    expect(chinaDateOf('2026-03-01T17:30:00Z')).toBe('2026-03-02');
    expect(chinaDateOf('2026-03-01T15:59:59Z')).toBe('2026-03-01');
    expect(chinaYearOf('2025-12-31T16:00:00Z')).toBe(2026);
  });

  it('ends a period of days at the end of its last day, not counting the first (7 days from 2 March end on 9 March)', () => {
    expect(endOfDaysAfter('2026-03-02T09:00:00+08:00', 7)).toBe('2026-03-09T23:59:59.999+08:00');
    expect(endOfDaysAfter('2026-03-02T23:59:00+08:00', 7)).toBe('2026-03-09T23:59:59.999+08:00');
    expect(endOfDaysAfter('2026-02-27T08:00:00+08:00', 3)).toBe('2026-03-02T23:59:59.999+08:00');
  });

  it('counts hours from the instant itself', () => {
    expect(addHours('2026-03-02T09:30:00+08:00', 24)).toBe('2026-03-03T09:30:00.000+08:00');
  });

  it('counts whole calendar days between dates across month ends', () => {
    expect(daysBetweenDates('2026-02-27', '2026-03-06')).toBe(7);
    expect(daysBetweenDates('2026-03-06', '2026-03-05')).toBe(-1);
  });

  it('counts completed years as a birthday does', () => {
    expect(fullYearsSince('2023-05-10', '2026-05-09T23:00:00+08:00')).toBe(2);
    expect(fullYearsSince('2023-05-10', '2026-05-10T00:00:00+08:00')).toBe(3);
  });
});
