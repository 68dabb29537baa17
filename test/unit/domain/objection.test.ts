import { describe, expect, it } from 'vitest';
import type { CaseCommand } from '../../../domain/case/commands.ts';
import { dueDates, dueDatesOf } from '../../../domain/case/due-dates.ts';
import { caseDecider } from '../../../domain/case/decider.ts';
import type { CaseState } from '../../../domain/case/state.ts';
import { deadlineOutcome, initialQualityFacts, qualityRecordOf } from '../../../domain/quality/record.ts';
import { nationalRuleSet2022 } from '../../../domain/rules/rule-sets.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import { AGENCY, BUREAU, caseSpec, inProgress, meansWithin, received, refused, T, terminated } from './fixtures.ts';

// Art 49: the applicant lodges an objection with the justice bureau that set up the agency (or hands
// it in at the agency, which passes it on); the bureau upholds or orders the agency to correct within
// 5 days; a correction order returns the case to the agency, which decides again.

const LODGED_AT = T('2026-04-02 09:00');
const NOW = T('2026-04-03 09:00');

const lodge = (against: 'refusal' | 'termination', lodgedAt = LODGED_AT, objectionId = 'obj-1'): CaseCommand => ({
  type: 'LodgeObjection',
  data: { objectionId, against, grounds: '符合援助条件', justiceBureauId: BUREAU, lodgedAt },
});
const transmit = (receivedAt = T('2026-04-01 15:00')): CaseCommand => ({
  type: 'TransmitObjection',
  data: { objectionId: 'obj-1', against: 'refusal', grounds: '符合援助条件', justiceBureauId: BUREAU, receivedAt },
});
const lodged = (against: 'refusal' | 'termination', objectionId = 'obj-1', lodgedAt = LODGED_AT): CaseEvent => ({
  type: 'ObjectionLodged',
  data: { objectionId, against, grounds: '符合援助条件', justiceBureauId: BUREAU, lodgedAt, transmittedBy: null },
});
const decideObjection = (decision: 'upheld' | 'correction-ordered', reasons = '经审查'): CaseCommand => ({
  type: 'DecideObjection',
  data: { objectionId: 'obj-1', decision, reasons },
});
const decided = (decision: 'upheld' | 'correction-ordered', decidedAt = NOW): CaseEvent => ({
  type: 'ObjectionDecided',
  data: { objectionId: 'obj-1', decision, reasons: '经审查', decidedAt },
});

const grant: CaseCommand = { type: 'GrantAid', data: { legalBasis: 'Art 31(5)' } };
const refuseAgain: CaseCommand = { type: 'RefuseAid', data: { legalBasis: 'Art 34', reasons: '经重新审查仍超过经济困难标准' } };

const deadline = (state: CaseState, now: string, kind: string) => dueDatesOf(state, now).find((d) => d.kind === kind);

const refusedAndCorrected = (): CaseEvent[] => [received(), meansWithin(), refused(), lodged('refusal'), decided('correction-ordered')];

describe('lodged with the justice bureau (Art 49)', () => {
  it('the bureau records an objection lodged with it against a refusal', () => {
    caseSpec
      .given([received(), refused()])
      .when(lodge('refusal'), { now: NOW })
      .then([lodged('refusal')]);
  });

  it('an objection handed in at the agency is passed on: the bureau has it, and its 5 days run, from the transmission', () => {
    const events = caseSpec
      .given([received(), refused()])
      .when(transmit(), { now: NOW })
      .then([
        {
          type: 'ObjectionLodged',
          data: {
            objectionId: 'obj-1',
            against: 'refusal',
            grounds: '符合援助条件',
            justiceBureauId: BUREAU,
            lodgedAt: NOW,
            transmittedBy: { agencyId: AGENCY, receivedAt: T('2026-04-01 15:00') },
          },
        },
      ]);
    const state = caseSpec.given([received(), refused(), ...events]).state();
    expect(state.objections[0]).toMatchObject({ transmittedBy: { agencyId: AGENCY }, decision: null });
    expect(deadline(state, NOW, 'objection-decision')).toMatchObject({
      owner: 'justice-bureau',
      startedAt: NOW,
      dueAt: '2026-04-08T23:59:59.999+08:00',
    });
  });

  it('a transmission cannot say it was handed in before the refusal or in the future', () => {
    caseSpec
      .given([received(), refused()])
      .when(transmit(T('2026-03-02 09:00')), { now: NOW })
      .thenThrows('TIME_OUT_OF_ORDER');
    caseSpec
      .given([received(), refused()])
      .when(transmit(T('2026-04-04 09:00')), { now: NOW })
      .thenThrows('TIME_IN_FUTURE');
  });

  it('refuses an objection with nothing to object to, a second one while one is pending, and a reused id', () => {
    caseSpec.given([received()]).when(lodge('refusal'), { now: NOW }).thenThrows('NOTHING_TO_OBJECT');
    caseSpec.given([received(), refused()]).when(lodge('termination'), { now: NOW }).thenThrows('NOTHING_TO_OBJECT');
    caseSpec
      .given([received(), refused(), lodged('refusal')])
      .when(transmit(), { now: NOW })
      .thenThrows('OBJECTION_PENDING');
    caseSpec
      .given([received(), refused(), lodged('refusal'), decided('upheld')])
      .when(lodge('refusal'), { now: NOW })
      .thenThrows('OBJECTION_EXISTS');
  });
});

describe('decided by the bureau within 5 days (Art 49)', () => {
  it('upholding a refusal keeps it refused and meets the 5 days', () => {
    const events = caseSpec
      .given([received(), refused(), lodged('refusal')])
      .when(decideObjection('upheld'), { now: NOW })
      .then([decided('upheld')]);
    const state = caseSpec.given([received(), refused(), lodged('refusal'), ...events]).state();
    expect(state.status).toBe('refused');
    expect(deadline(state, NOW, 'objection-decision')).toMatchObject({ open: false, overdue: false, satisfiedAt: NOW });
  });

  it('a decision after the 5 days is still recorded, and its deadline stays missed', () => {
    const late = T('2026-04-09 09:00');
    const history = [received(), refused(), lodged('refusal')];
    expect(deadline(caseSpec.given(history).state(), late, 'objection-decision')).toMatchObject({ open: true, overdue: true });
    const events = caseSpec
      .given(history)
      .when(decideObjection('upheld'), { now: late })
      .then([decided('upheld', late)]);
    expect(deadline(caseSpec.given([...history, ...events]).state(), late, 'objection-decision')).toMatchObject({
      open: false,
      overdue: true,
    });
  });

  it('supervision counts the bureau’s late decision, and the agency’s late re-decision, as missed', () => {
    const late = T('2026-04-09 09:00');
    const history = [...refusedAndCorrected().slice(0, -1), decided('correction-ordered', late)];
    const outcomes = (events: CaseEvent[], now: string) =>
      Object.fromEntries(
        qualityRecordOf(caseSpec.given(events).state(), initialQualityFacts(), now).deadlines.map((d) => [d.key, deadlineOutcome(d, now)]),
      );
    expect(outcomes(history, late)).toMatchObject({ 'objection-decision': 'missed', 'correction-redecision': 'pending' });
    const tooLate = T('2026-04-17 09:00');
    expect(outcomes(history, tooLate)).toMatchObject({ 'correction-redecision': 'missed' });
    const regranted: CaseEvent = {
      type: 'AidGranted',
      data: { legalBasis: 'Art 31(5)', grantedBy: 'agency', objectionId: 'obj-1', decidedAt: T('2026-04-10 09:00') },
    };
    expect(outcomes([...history, regranted], tooLate)).toMatchObject({ 'correction-redecision': 'met' });
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

describe('a correction order returns a refused application to the agency', () => {
  it('orders correction without granting: the review is open again, with its means findings kept', () => {
    caseSpec
      .given([received(), meansWithin(), refused(), lodged('refusal')])
      .when(decideObjection('correction-ordered'), { now: NOW })
      .then([decided('correction-ordered')]);
    const state = caseSpec.given(refusedAndCorrected()).state();
    expect(state).toMatchObject({
      status: 'under-review',
      review: { decision: 'pending', means: 'within-standard' },
      assignmentDueFrom: null,
    });
  });

  it('the agency must decide again within the rule set’s days, from the order', () => {
    const state = caseSpec.given(refusedAndCorrected()).state();
    expect(deadline(state, NOW, 'correction-redecision')).toMatchObject({
      owner: 'agency',
      rule: 'Art 49',
      startedAt: NOW,
      dueAt: '2026-04-10T23:59:59.999+08:00',
      open: true,
      overdue: false,
      ref: 'obj-1',
    });
    expect(deadline(state, T('2026-04-11 09:00'), 'correction-redecision')).toMatchObject({ open: true, overdue: true });
    // The number of days is rule data: another set gives another due date.
    const shorter = { ...nationalRuleSet2022, periods: { ...nationalRuleSet2022.periods, correctionRedecisionDays: 2 } };
    expect(dueDates(state, shorter, NOW).find((d) => d.kind === 'correction-redecision')?.dueAt).toBe('2026-04-05T23:59:59.999+08:00');
  });

  it('the reopened review does not reopen the Art 43 period the first refusal met', () => {
    const state = caseSpec.given(refusedAndCorrected()).state();
    expect(deadline(state, T('2026-04-20 09:00'), 'review')).toMatchObject({
      open: false,
      overdue: false,
      satisfiedAt: T('2026-03-03 09:00'),
    });
  });

  it('the agency grants: the grant names the objection, settles the re-decision and starts the assignment clock', () => {
    const at = T('2026-04-06 09:00');
    const events = caseSpec
      .given(refusedAndCorrected())
      .when(grant, { now: at })
      .then([{ type: 'AidGranted', data: { legalBasis: 'Art 31(5)', grantedBy: 'agency', objectionId: 'obj-1', decidedAt: at } }]);
    const state = caseSpec.given([...refusedAndCorrected(), ...events]).state();
    expect(state).toMatchObject({ status: 'awaiting-assignment', assignmentDueFrom: at });
    expect(deadline(state, at, 'correction-redecision')).toMatchObject({ open: false, overdue: false, satisfiedAt: at });
  });

  it('the agency refuses again, which can be objected to again', () => {
    const at = T('2026-04-06 09:00');
    const events = caseSpec
      .given(refusedAndCorrected())
      .when(refuseAgain, { now: at })
      .then([{ type: 'AidRefused', data: { legalBasis: 'Art 34', reasons: '经重新审查仍超过经济困难标准', decidedAt: at } }]);
    const history = [...refusedAndCorrected(), ...events];
    expect(caseSpec.given(history).state().status).toBe('refused');
    expect(deadline(caseSpec.given(history).state(), at, 'correction-redecision')).toMatchObject({ open: false, satisfiedAt: at });
    const second = T('2026-04-07 09:00');
    caseSpec
      .given(history)
      .when(lodge('refusal', second, 'obj-2'), { now: second })
      .then([lodged('refusal', 'obj-2', second)]);
    // Not before the new refusal: the objection is against the decision in force.
    caseSpec
      .given(history)
      .when(lodge('refusal', T('2026-04-05 09:00'), 'obj-2'), { now: second })
      .thenThrows('TIME_OUT_OF_ORDER');
  });

  it('nothing is objected to while the agency decides again, and the case is not archived', () => {
    caseSpec
      .given(refusedAndCorrected())
      .when(lodge('refusal', NOW, 'obj-2'), { now: NOW })
      .thenThrows('NOTHING_TO_OBJECT');
    caseSpec
      .given(refusedAndCorrected())
      .when({ type: 'ArchiveCase', data: { fileNumber: 'A-1' } })
      .thenThrows('CASE_NOT_ENDED');
  });
});

describe('a correction order returns a terminated case to the agency', () => {
  const terminatedAndCorrected = (): CaseEvent[] => [...inProgress(), terminated(), lodged('termination'), decided('correction-ordered')];

  it('orders correction without reinstating: the aid stays ended until the agency acts', () => {
    caseSpec
      .given([...inProgress(), terminated(), lodged('termination')])
      .when(decideObjection('correction-ordered'), { now: NOW })
      .then([decided('correction-ordered')]);
    const state = caseSpec.given(terminatedAndCorrected()).state();
    expect(state).toMatchObject({ status: 'terminated', objections: [{ decision: 'correction-ordered', redecidedAt: null }] });
    expect(deadline(state, NOW, 'correction-redecision')).toMatchObject({ owner: 'agency', open: true });
  });

  it('the agency reinstates: the aid goes on where it stopped, with the same aid worker', () => {
    const at = T('2026-04-05 09:00');
    const events = caseSpec
      .given(terminatedAndCorrected())
      .when({ type: 'ReinstateAid', data: {} }, { now: at })
      .then([{ type: 'AidReinstated', data: { objectionId: 'obj-1', reinstatedAt: at } }]);
    const state = caseSpec.given([...terminatedAndCorrected(), ...events]).state();
    expect(state).toMatchObject({ status: 'in-progress', termination: null, assignment: { workerId: 'lawyer-wang' } });
    expect(deadline(state, at, 'correction-redecision')).toMatchObject({ open: false, overdue: false, satisfiedAt: at });
  });

  it('or terminates anew on a ground, which can be objected to again', () => {
    const at = T('2026-04-05 09:00');
    const events = caseSpec
      .given(terminatedAndCorrected())
      .when(
        { type: 'TerminateAid', data: { ground: 'proceedings-ended-or-withdrawn', reasons: '仲裁申请已撤回', legalBasis: null } },
        { now: at },
      )
      .then([
        {
          type: 'AidTerminated',
          data: { ground: 'proceedings-ended-or-withdrawn', legalBasis: 'Art 48(5)', reasons: '仲裁申请已撤回', terminatedAt: at },
        },
      ]);
    const history = [...terminatedAndCorrected(), ...events];
    expect(caseSpec.given(history).state()).toMatchObject({ status: 'terminated', objections: [{ redecidedAt: at }] });
    caseSpec
      .given(history)
      .when(lodge('termination', at, 'obj-2'), { now: at })
      .then([lodged('termination', 'obj-2', at)]);
  });

  it('while the agency decides again: no new objection, no other step, no archiving', () => {
    caseSpec
      .given(terminatedAndCorrected())
      .when(lodge('termination', NOW, 'obj-2'), { now: NOW })
      .thenThrows('NOTHING_TO_OBJECT');
    caseSpec
      .given(terminatedAndCorrected())
      .when({ type: 'ArchiveCase', data: { fileNumber: 'A-1' } })
      .thenThrows('CORRECTION_PENDING');
    caseSpec
      .given(terminatedAndCorrected())
      .when({ type: 'ReportProgress', data: { at: NOW, summary: '进展' } } as CaseCommand)
      .thenThrows('CASE_TERMINATED');
  });

  it('reinstates only on a correction order against a termination', () => {
    caseSpec
      .given([...inProgress(), terminated()])
      .when({ type: 'ReinstateAid', data: {} })
      .thenThrows('NO_CORRECTION_PENDING');
    caseSpec
      .given([...inProgress(), terminated(), lodged('termination'), decided('upheld')])
      .when({ type: 'ReinstateAid', data: {} })
      .thenThrows('NO_CORRECTION_PENDING');
    caseSpec.given(refusedAndCorrected()).when({ type: 'ReinstateAid', data: {} }).thenThrows('NO_CORRECTION_PENDING');
  });
});

describe('histories stored before correction orders went back to the agency', () => {
  it('a refusal corrected by the bureau’s own grant folds as it always did', () => {
    const history: CaseEvent[] = [
      ...refusedAndCorrected(),
      {
        type: 'AidGranted',
        data: {
          legalBasis: `Art 49: correction ordered by ${BUREAU}`,
          grantedBy: 'justice-bureau-order',
          objectionId: 'obj-1',
          decidedAt: NOW,
        },
      },
    ];
    const state = caseSpec.given(history).state();
    expect(state).toMatchObject({
      status: 'awaiting-assignment',
      assignmentDueFrom: NOW,
      review: { decision: 'granted', decidedAt: NOW, legalBasis: `Art 49: correction ordered by ${BUREAU}` },
    });
    expect(deadline(state, NOW, 'correction-redecision')).toMatchObject({ open: false, overdue: false });
  });

  it('a projection’s state stored before the new fields existed folds on correctly', () => {
    // As an older projection stored it: no firstDecidedAt on the review, no redecidedAt on the objection.
    const { firstDecidedAt: _, ...review } = caseSpec.given([received(), meansWithin(), refused()]).state().review!;
    const {
      transmittedBy: _t,
      redecidedAt: _r,
      ...objection
    } = caseSpec.given([received(), meansWithin(), refused(), lodged('refusal')]).state().objections[0]!;
    const stored = { ...caseSpec.given([received(), meansWithin(), refused()]).state(), review, objections: [objection] } as CaseState;
    const at = T('2026-04-06 09:00');
    const regranted: CaseEvent = {
      type: 'AidGranted',
      data: { legalBasis: 'Art 31(5)', grantedBy: 'agency', objectionId: 'obj-1', decidedAt: at },
    };
    const corrected = caseDecider.evolve(stored, decided('correction-ordered'));
    expect(deadline(corrected, NOW, 'correction-redecision')).toMatchObject({ open: true });
    const state = caseDecider.evolve(corrected, regranted);
    expect(deadline(state, at, 'review')).toMatchObject({ satisfiedAt: T('2026-03-03 09:00'), overdue: false });
    expect(deadline(state, at, 'correction-redecision')).toMatchObject({ open: false, satisfiedAt: at });
  });

  it('a termination corrected by the bureau’s own reinstatement folds as it always did', () => {
    const history: CaseEvent[] = [
      ...inProgress(),
      terminated(),
      lodged('termination'),
      decided('correction-ordered'),
      { type: 'AidReinstated', data: { objectionId: 'obj-1', reinstatedAt: NOW } },
    ];
    expect(caseSpec.given(history).state()).toMatchObject({ status: 'in-progress', termination: null, deception: null });
  });
});
