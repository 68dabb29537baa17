import { describe, expect, it } from 'vitest';
import type { CaseCommandOf } from '../../../domain/case/commands.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import { applicationData, caseSpec, meansWithin, notificationData, received, RECEIVED_AT, T } from './fixtures.ts';

const receive = (over: Parameters<typeof applicationData>[0] = {}): CaseCommandOf<'ReceiveApplication'> => ({
  type: 'ReceiveApplication',
  data: applicationData(over),
});

const { allowedNotificationDays: _d, lateNotification: _l, formOfAid: _f, ...notificationCommandData } = notificationData();
const notify = (over: Partial<CaseCommandOf<'ReceiveDefenceNotification'>['data']> = {}): CaseCommandOf<'ReceiveDefenceNotification'> => ({
  type: 'ReceiveDefenceNotification',
  data: { ...notificationCommandData, ...over },
});

const { caseId, agencyId, province, applicantRole, applicant, category, formOfAid, matter } = applicationData();
const forward = (times: {
  receivedByForwarderAt: string;
  forwardedAt: string;
  receivedAt: string;
}): CaseCommandOf<'ReceiveForwardedApplication'> => ({
  type: 'ReceiveForwardedApplication',
  data: {
    caseId,
    agencyId,
    province,
    applicantRole,
    applicant,
    category,
    formOfAid,
    matter,
    forwarder: { kind: 'detention-centre', organisationId: 'detention-centre:bj-1' },
    ...times,
  },
});

describe('applications (Art 22, Art 24)', () => {
  it('receives an application as given', () => {
    caseSpec.given([]).when(receive()).then([received()]);
  });

  it('refuses a second receipt on the same case', () => {
    caseSpec.given([received()]).when(receive()).thenThrows('CASE_EXISTS');
  });

  it('refuses a receipt dated after now', () => {
    caseSpec
      .given([])
      .when(receive({ receivedAt: T('2026-03-06 09:00') }))
      .thenThrows('TIME_IN_FUTURE');
  });

  it('Art 22: accepts a form of aid that fits the category', () => {
    caseSpec
      .given([])
      .when(receive({ category: 'criminal', formOfAid: 'criminal-representation' }))
      .events();
  });

  it('Art 22: refuses a form that does not fit, or that is not a case (consultation, duty help)', () => {
    caseSpec
      .given([])
      .when(receive({ category: 'labour', formOfAid: 'criminal-defence' }))
      .thenThrows('FORM_OF_AID_MISMATCH');
    caseSpec
      .given([])
      .when(receive({ formOfAid: 'consultation' }))
      .thenThrows('FORM_OF_AID_MISMATCH');
  });

  it('refuses a receipt before the earliest rules held (the 2003 regulation, from 2003-09-01)', () => {
    caseSpec
      .given([])
      .when(receive({ receivedAt: T('2003-08-31 23:59') }))
      .thenThrows('NO_RULE_SET_IN_FORCE');
  });

  it('opens the case under review, its origin and channel recorded', () => {
    expect(caseSpec.given([received({ consultationId: 'consult-1' })]).state()).toMatchObject({
      status: 'under-review',
      origin: { kind: 'application', channel: 'agency-window', consultationId: 'consult-1' },
      review: { decision: 'pending', means: 'unsettled' },
    });
  });
});

describe('forwarded applications (Art 39: within 24 hours)', () => {
  it('accepts one forwarded in time and records it as on time', () => {
    const [event] = caseSpec
      .given([])
      .when(forward({ receivedByForwarderAt: T('2026-03-01 09:00'), forwardedAt: T('2026-03-02 09:00'), receivedAt: RECEIVED_AT }))
      .events();
    expect(event).toMatchObject({ type: 'ForwardedApplicationReceived', data: { allowedForwardingHours: 24, lateForwarding: false } });
  });

  it('still accepts one forwarded late, and flags it late', () => {
    const history = caseSpec
      .given([])
      .when(
        forward({ receivedByForwarderAt: T('2026-03-01 09:00'), forwardedAt: T('2026-03-02 09:01'), receivedAt: T('2026-03-02 10:00') }),
      )
      .events();
    expect(history[0]).toMatchObject({ data: { lateForwarding: true } });
    expect(caseSpec.given(history).state()).toMatchObject({
      status: 'under-review',
      origin: { kind: 'forwarded-application', lateForwarding: true },
    });
  });

  it('refuses times that run backwards', () => {
    caseSpec
      .given([])
      .when(forward({ receivedByForwarderAt: T('2026-03-02 09:00'), forwardedAt: T('2026-03-01 09:00'), receivedAt: RECEIVED_AT }))
      .thenThrows('FORWARDING_TIMES_OUT_OF_ORDER');
  });
});

describe('notified defence (Art 25, Art 28, Art 36)', () => {
  it('accepts a court notification for a minor at trial: no review, awaiting assignment', () => {
    const events = caseSpec
      .given([])
      .when(notify())
      .then([{ type: 'DefenceNotificationReceived', data: notificationData() }]);
    expect(caseSpec.given(events).state()).toMatchObject({
      status: 'awaiting-assignment',
      review: null,
      assignmentDueFrom: RECEIVED_AT,
      notifiedAuthority: notificationData().authority,
    });
  });

  it('Art 36: records a notification sent more than 3 days after the finding as late', () => {
    const [event] = caseSpec
      .given([])
      .when(notify({ foundAt: T('2026-02-26 10:00') }))
      .events();
    expect(event).toMatchObject({ data: { lateNotification: true } });
    const [onTime] = caseSpec
      .given([])
      .when(notify({ foundAt: T('2026-02-27 10:00') }))
      .events();
    expect(onTime).toMatchObject({ data: { lateNotification: false } });
  });

  it('Art 25 ¶2: accepts a court notifying at its discretion under ordinary procedure', () => {
    caseSpec
      .given([])
      .when(notify({ ground: 'court-discretionary-ordinary-procedure' }))
      .events();
  });

  it('Art 25 ¶2: refuses discretionary notification by a procuratorate', () => {
    caseSpec
      .given([])
      .when(
        notify({
          ground: 'court-discretionary-ordinary-procedure',
          authority: { kind: 'procuratorate', organisationId: 'procuratorate:bj-dc' },
          stage: 'prosecution-review',
        }),
      )
      .thenThrows('ART25_DISCRETIONARY_COURT_ONLY');
  });

  it('Art 36: accepts police at investigation, refuses police at trial', () => {
    const police = { kind: 'police', organisationId: 'police:bj-dc' } as const;
    caseSpec
      .given([])
      .when(notify({ authority: police, stage: 'investigation' }))
      .events();
    caseSpec
      .given([])
      .when(notify({ authority: police, stage: 'trial' }))
      .thenThrows('NOTIFYING_AUTHORITY_STAGE_MISMATCH');
  });

  it('Art 28: accepts a compulsory-medical respondent as representation, refuses the ground at another stage', () => {
    const [event] = caseSpec
      .given([])
      .when(notify({ ground: 'compulsory-medical-respondent', stage: 'compulsory-medical' }))
      .events();
    expect(event).toMatchObject({ data: { formOfAid: 'criminal-representation' } });
    caseSpec
      .given([])
      .when(notify({ ground: 'compulsory-medical-respondent', stage: 'trial' }))
      .thenThrows('NOTIFICATION_GROUND_STAGE_MISMATCH');
    caseSpec
      .given([])
      .when(notify({ ground: 'minor', stage: 'death-penalty-review' }))
      .thenThrows('NOTIFICATION_GROUND_STAGE_MISMATCH');
  });

  it('Art 25: a notified defence takes no means test', () => {
    caseSpec
      .given([{ type: 'DefenceNotificationReceived', data: notificationData() }])
      .when({ type: 'AssessMeans', data: { method: 'integrity-pledge', result: 'within-standard', reference: null } })
      .thenThrows('NOT_AN_APPLICATION');
  });
});

describe('withdrawal (Art 43)', () => {
  it('lets the applicant withdraw while under review', () => {
    caseSpec
      .given([received()])
      .when({ type: 'WithdrawApplication', data: { note: '已与单位和解' } })
      .then([
        { type: 'ApplicationWithdrawn', data: { reason: 'applicant-request', note: '已与单位和解', withdrawnAt: T('2026-03-05 09:00') } },
      ]);
  });

  it('refuses withdrawal once granted (that is a termination on request, Art 48)', () => {
    caseSpec
      .given([
        received(),
        meansWithin(),
        { type: 'AidGranted', data: { legalBasis: 'Art 31', grantedBy: 'agency', objectionId: null, decidedAt: T('2026-03-03 09:00') } },
      ])
      .when({ type: 'WithdrawApplication', data: { note: '' } })
      .thenThrows('REVIEW_ALREADY_DECIDED');
  });

  it('takes materials never supplied as withdrawal once the period has run', () => {
    const requested: CaseEvent = { type: 'MaterialsRequested', data: { items: ['劳动合同'], requestedAt: T('2026-03-03 09:00') } };
    // 15 days (national default) from 3 March end on 18 March.
    caseSpec
      .given([received(), requested])
      .when({ type: 'TreatApplicationAsWithdrawn', data: {} }, { now: T('2026-03-18 23:59') })
      .thenThrows('WITHDRAWAL_PERIOD_NOT_ELAPSED');
    caseSpec
      .given([received(), requested])
      .when({ type: 'TreatApplicationAsWithdrawn', data: {} }, { now: T('2026-03-19 00:00') })
      .then([
        {
          type: 'ApplicationWithdrawn',
          data: {
            reason: 'materials-not-supplied',
            note: `requested ${T('2026-03-03 09:00')}; outstanding: 劳动合同`,
            withdrawnAt: T('2026-03-19 00:00'),
          },
        },
      ]);
  });

  it('refuses to treat as withdrawn when nothing is outstanding', () => {
    caseSpec
      .given([received()])
      .when({ type: 'TreatApplicationAsWithdrawn', data: {} }, { now: T('2026-06-01 09:00') })
      .thenThrows('NO_MATERIALS_OUTSTANDING');
  });

  it('after withdrawal only archiving, objection and supervision remain', () => {
    const withdrawn = {
      type: 'ApplicationWithdrawn',
      data: { reason: 'applicant-request', note: '', withdrawnAt: T('2026-03-04 09:00') },
    } as const;
    expect(caseSpec.given([received(), withdrawn]).state().status).toBe('withdrawn');
    caseSpec
      .given([received(), withdrawn])
      .when({ type: 'GrantAid', data: { legalBasis: 'Art 31' } })
      .thenThrows('APPLICATION_WITHDRAWN');
    caseSpec
      .given([received(), withdrawn])
      .when({ type: 'ArchiveCase', data: { fileNumber: '2026-京东援-001' } })
      .events();
  });
});
