import { describe, expect, it } from 'vitest';
import { maskByKind, maskPersonalData, personalDataFor, personalDataNeed, seesPersonalData } from '../../functions/lib/auth/mask.ts';
import { roles } from '../../functions/lib/auth/roles.ts';

describe('personal-data masking', () => {
  it('masks identity numbers, phones and addresses wherever they are nested', () => {
    const masked = maskPersonalData({
      caseId: 'c1',
      applicant: { name: '张三', identityNumber: '330106199001011234', phone: '13800001111', address: '杭州市西湖区文三路 1 号' },
      history: [{ data: { person: { identityNumber: '11010519491231002X' } } }],
    });
    expect(masked).toEqual({
      caseId: 'c1',
      applicant: { name: '张三', identityNumber: '330106********1234', phone: '*******1111', address: '杭州市西湖区…' },
      history: [{ data: { person: { identityNumber: '110105********002X' } } }],
    });
  });

  it('leaves everything else, and the original, untouched', () => {
    const original = { applicant: { identityNumber: '330106199001011234' }, count: 3, flags: [true, null] };
    const copy = structuredClone(original);
    expect(maskPersonalData(original)).toMatchObject({ count: 3, flags: [true, null] });
    expect(original).toEqual(copy);
  });
});

describe('who needs personal data', () => {
  const person = { name: '张三', identityNumber: '330106199001011234', phone: '13800001111', address: '杭州市西湖区文三路 1 号' };
  const masked = { name: '张三', identityNumber: '330106********1234', phone: '*******1111', address: '杭州市西湖区…' };
  const entry = (role: string, organisation: string) => ({ who: { id: 'x', role, organisation }, data: { defendant: person } });

  it('decides every role: in full for the reviewer, the aid worker, the auditor, the administrator and the workstation clerk only', () => {
    expect(Object.keys(personalDataNeed).sort()).toEqual([...roles].sort());
    expect(roles.filter((r) => seesPersonalData({ role: r, organisation: 'o:x' })).sort()).toEqual([
      'administrator',
      'agency-reviewer',
      'aid-worker',
      'auditor',
      'workstation-clerk',
    ]);
    expect(seesPersonalData({ role: 'root', organisation: 'o:x' })).toBe(false);
  });

  it('leaves the answer untouched for a role with a need', () => {
    const answer = { events: [entry('court', 'court:hz-xihu')] };
    expect(personalDataFor({ role: 'auditor', organisation: 'justice-bureau:hz' }, answer)).toBe(answer);
  });

  it('masks for a role without, except in what its own organisation recorded in its role', () => {
    const court = { role: 'court', organisation: 'court:hz-xihu' };
    const answer = {
      events: [entry('court', 'court:hz-xihu'), entry('court', 'court:hz-gongshu'), entry('agency-reviewer', 'court:hz-xihu')],
      applicant: person,
    };
    expect(personalDataFor(court, answer)).toEqual({
      events: [
        entry('court', 'court:hz-xihu'),
        { ...entry('court', 'court:hz-gongshu'), data: { defendant: masked } },
        { ...entry('agency-reviewer', 'court:hz-xihu'), data: { defendant: masked } },
      ],
      applicant: masked,
    });
    // Envelopes name their author as `actor`.
    const envelope = { actor: { id: 'x', role: 'court', organisation: 'court:hz-xihu' }, data: { defendant: person } };
    expect(personalDataFor(court, [envelope])).toEqual([envelope]);
  });

  it("a supervisor does not see what its agency's reviewer recorded", () => {
    const supervisor = { role: 'supervisor', organisation: 'agency:hz-xihu' };
    expect(personalDataFor(supervisor, entry('agency-reviewer', 'agency:hz-xihu')).data.defendant).toEqual(masked);
  });
});

describe('how much a masked value hides (nothing shown may be brute-forced back)', () => {
  // Decided here: a masked value must leave too many candidates to try against anything that
  // confirms a guess. Digests no longer confirm one (keyed or over ciphertext, test/e2e/recovery.test.ts);
  // what is left is a person trying candidates by hand or by dialling.
  const hidden = (masked: string) => [...masked].filter((c) => c === '*').length;

  it('hides at least 7 digits of a mobile number (10^7 candidates), showing only the last 4', () => {
    const masked = maskByKind.phone('13912345678');
    expect(masked).toBe('*******5678');
    expect(hidden(masked)).toBeGreaterThanOrEqual(7);
    // The carrier prefix is hidden too: it would cut the candidates to the few dozen prefixes in use.
    expect(masked).not.toContain('139');
  });

  it('hides every digit of the birth date in an identity number (the region and the last 4 show)', () => {
    expect(maskByKind['identity-number']('330106199203154417')).toBe('330106********4417');
    expect(maskByKind['birth-date']('1992-03-15')).toBe('1992-**-**');
  });

  it('shows a name by its first character only, and free text and charges not at all', () => {
    expect(maskByKind.name('陈静')).toBe('陈*');
    expect(maskByKind['free-text']('拖欠工资 8 个月')).toBe('[masked]');
    expect(maskByKind.charge('盗窃罪')).toBe('[masked]');
  });
});
