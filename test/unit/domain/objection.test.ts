import { describe, expect, it } from 'vitest';
import type { CaseCommand } from '../../../domain/case/commands.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import { BUREAU, caseSpec, inProgress, received, refused, T, terminated } from './fixtures.ts';

const NOW = T('2026-04-03 09:00');
const lodge = (against: 'refusal' | 'termination', lodgedAt = T('2026-04-02 09:00')): CaseCommand => ({
  type: 'LodgeObjection',
  data: { objectionId: 'obj-1', against, grounds: '符合援助条件', justiceBureauId: BUREAU, lodgedAt },
});
const lodged = (against: 'refusal' | 'termination'): CaseEvent => ({
  type: 'ObjectionLodged',
  data: { objectionId: 'obj-1', against, grounds: '符合援助条件', justiceBureauId: BUREAU, lodgedAt: T('2026-04-02 09:00') },
});
const decideObjection = (decision: 'upheld' | 'correction-ordered', reasons = '经审查'): CaseCommand => ({
  type: 'DecideObjection',
  data: { objectionId: 'obj-1', decision, reasons },
});

describe('objection to a refusal or termination (Art 49)', () => {
  it('lodges an objection to a refusal', () => {
    caseSpec
      .given([received(), refused()])
      .when(lodge('refusal'), { now: NOW })
      .then([lodged('refusal')]);
  });

  it('refuses an objection with nothing to object to', () => {
    caseSpec.given([received()]).when(lodge('refusal'), { now: NOW }).thenThrows('NOTHING_TO_OBJECT');
    caseSpec.given([received(), refused()]).when(lodge('termination'), { now: NOW }).thenThrows('NOTHING_TO_OBJECT');
  });

  it('refuses a second objection while one is pending', () => {
    caseSpec
      .given([received(), refused(), lodged('refusal')])
      .when(lodge('refusal'), { now: NOW })
      .thenThrows('OBJECTION_PENDING');
  });

  it('upholding a refusal keeps it refused', () => {
    const events = caseSpec
      .given([received(), refused(), lodged('refusal')])
      .when(decideObjection('upheld'), { now: NOW })
      .then([{ type: 'ObjectionDecided', data: { objectionId: 'obj-1', decision: 'upheld', reasons: '经审查', decidedAt: NOW } }]);
    expect(caseSpec.given([received(), refused(), lodged('refusal'), ...events]).state().status).toBe('refused');
  });

  it('a correction order grants a refused application and starts the assignment clock', () => {
    const events = caseSpec
      .given([received(), refused(), lodged('refusal')])
      .when(decideObjection('correction-ordered'), { now: NOW })
      .then([
        { type: 'ObjectionDecided', data: { objectionId: 'obj-1', decision: 'correction-ordered', reasons: '经审查', decidedAt: NOW } },
        {
          type: 'AidGranted',
          data: {
            legalBasis: `Art 49: correction ordered by ${BUREAU}`,
            grantedBy: 'justice-bureau-order',
            objectionId: 'obj-1',
            decidedAt: NOW,
          },
        },
      ]);
    expect(caseSpec.given([received(), refused(), lodged('refusal'), ...events]).state()).toMatchObject({
      status: 'awaiting-assignment',
      assignmentDueFrom: NOW,
    });
  });

  it('a correction order reinstates terminated aid where it stopped', () => {
    const history = [...inProgress(), terminated(), lodged('termination')];
    const events = caseSpec.given(history).when(decideObjection('correction-ordered'), { now: NOW }).events();
    expect(events[1]).toEqual({ type: 'AidReinstated', data: { objectionId: 'obj-1', reinstatedAt: NOW } });
    expect(caseSpec.given([...history, ...events]).state()).toMatchObject({
      status: 'in-progress',
      termination: null,
      assignment: { workerId: 'lawyer-wang' },
    });
  });

  it('refuses a decision without reasons, or on no pending objection', () => {
    caseSpec
      .given([received(), refused(), lodged('refusal')])
      .when(decideObjection('upheld', ' '))
      .thenThrows('OBJECTION_REASONS_REQUIRED');
    caseSpec.given([received(), refused()]).when(decideObjection('upheld')).thenThrows('NO_OBJECTION_PENDING');
  });

  it('refuses archiving while an objection is pending', () => {
    caseSpec
      .given([received(), refused(), lodged('refusal')])
      .when({ type: 'ArchiveCase', data: { fileNumber: 'A-1' } })
      .thenThrows('OBJECTION_PENDING');
  });
});
