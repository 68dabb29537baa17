import { describe, expect, it } from 'vitest';
import type { CaseCommand } from '../../../domain/case/commands.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import {
  caseSpec,
  closed,
  context,
  handlingReport,
  inProgress,
  lawyerActor,
  meansWithin,
  notified,
  received,
  reviewer,
  T,
  terminated,
} from './fixtures.ts';

const NOW = T('2026-04-20 09:00');
const asLawyer = { ...context(NOW, lawyerActor()) };
const meeting = (at = T('2026-03-06 10:00')): CaseCommand => ({
  type: 'RecordClientMeeting',
  data: { at, place: '看守所会见室', summary: '核对案情' },
});
const closeCase = (over: Partial<Extract<CaseCommand, { type: 'CloseCase' }>['data']> = {}): CaseCommand => ({
  type: 'CloseCase',
  data: {
    outcome: 'arbitration-award',
    summary: '裁决支持全部请求',
    documents: [handlingReport, { kind: 'arbitration-award', title: '仲裁裁决书' }],
    economicLossRecoveredFen: 1_234_500,
    closedAt: T('2026-04-19 17:00'),
    ...over,
  },
});

describe('handling records (Art 46): only the assigned worker', () => {
  it('records a meeting, a file reading, a hearing and a progress report by the assigned worker', () => {
    caseSpec
      .given(inProgress())
      .when(meeting(), asLawyer)
      .then([
        {
          type: 'ClientMeetingHeld',
          data: { at: T('2026-03-06 10:00'), place: '看守所会见室', summary: '核对案情', workerId: 'lawyer-wang' },
        },
      ]);
    const more: CaseCommand[] = [
      { type: 'RecordFileReading', data: { at: T('2026-03-07 10:00'), authorityId: 'court:bj-dongcheng', summary: '' } },
      { type: 'RecordHearingAttendance', data: { at: T('2026-03-20 09:30'), courtId: 'court:bj-dongcheng', summary: '出庭' } },
      { type: 'ReportProgress', data: { at: T('2026-03-21 09:30'), method: 'phone', summary: '告知开庭情况' } },
    ];
    const events = more.flatMap((c) => caseSpec.given(inProgress()).when(c, asLawyer).events());
    expect(caseSpec.given([...inProgress(), ...events]).state().handling).toEqual({
      meetings: 0,
      fileReadings: 1,
      hearings: 1,
      progressReports: 1,
      lastProgressReportAt: T('2026-03-21 09:30'),
    });
  });

  it('refuses a record by anyone else', () => {
    caseSpec
      .given(inProgress())
      .when(meeting(), { now: NOW, actor: lawyerActor('lawyer-li') })
      .thenThrows('NOT_ASSIGNED_WORKER');
    caseSpec.given(inProgress()).when(meeting(), { now: NOW, actor: reviewer }).thenThrows('NOT_ASSIGNED_WORKER');
  });

  it('refuses a record before anyone is assigned, or dated before the assignment', () => {
    caseSpec.given([received()]).when(meeting(), asLawyer).thenThrows('CASE_NOT_IN_PROGRESS');
    caseSpec
      .given(inProgress())
      .when(meeting(T('2026-03-04 08:00')), asLawyer)
      .thenThrows('TIME_OUT_OF_ORDER');
  });
});

describe('closing (Art 50)', () => {
  it('closes with outcome, documents including the handling report, and loss recovered in fen', () => {
    const events = caseSpec.given(inProgress()).when(closeCase(), asLawyer).events();
    expect(events).toEqual([
      { type: 'CaseClosed', data: { ...(closeCase() as Extract<CaseCommand, { type: 'CloseCase' }>).data, workerId: 'lawyer-wang' } },
    ]);
    expect(caseSpec.given([...inProgress(), ...events]).state()).toMatchObject({
      status: 'closed',
      closing: { economicLossRecoveredFen: 1_234_500 },
    });
  });

  it('refuses closing without a handling report', () => {
    caseSpec
      .given(inProgress())
      .when(closeCase({ documents: [{ kind: 'arbitration-award', title: '仲裁裁决书' }] }), asLawyer)
      .thenThrows('HANDLING_REPORT_REQUIRED');
  });

  it('refuses a loss recovered that is negative or not whole fen', () => {
    caseSpec
      .given(inProgress())
      .when(closeCase({ economicLossRecoveredFen: -1 }), asLawyer)
      .thenThrows('LOSS_RECOVERED_INVALID');
    caseSpec
      .given(inProgress())
      .when(closeCase({ economicLossRecoveredFen: 10.5 }), asLawyer)
      .thenThrows('LOSS_RECOVERED_INVALID');
  });

  it('refuses closing by anyone but the assigned worker', () => {
    caseSpec.given(inProgress()).when(closeCase(), { now: NOW, actor: reviewer }).thenThrows('NOT_ASSIGNED_WORKER');
  });

  it('Art 44: refuses closing aid given before review until the review grants it', () => {
    const provided: CaseEvent = {
      type: 'AidProvidedBeforeReview',
      data: { trigger: { kind: 'preservation-or-advance-execution', measure: 'property-preservation' }, providedAt: T('2026-03-02 10:00') },
    };
    const assignedEarly: CaseEvent = {
      type: 'AidWorkerAssigned',
      data: {
        workerId: 'lawyer-wang',
        workerKind: 'lawyer',
        noticeAgencyId: 'agency:bj-dongcheng',
        noticeYear: 2026,
        noticeNumber: 1,
        notifiedAuthority: null,
        basis: 'aid-before-review',
        assignedAt: T('2026-03-02 11:00'),
      },
    };
    caseSpec.given([received(), provided, assignedEarly]).when(closeCase(), asLawyer).thenThrows('REVIEW_PENDING');
    caseSpec
      .given([
        received(),
        provided,
        assignedEarly,
        meansWithin(),
        { type: 'AidGranted', data: { legalBasis: 'Art 31', grantedBy: 'agency', objectionId: null, decidedAt: T('2026-03-05 09:00') } },
      ])
      .when(closeCase(), asLawyer)
      .events();
  });

  it('nothing but archiving, objection and supervision after closing', () => {
    const done = [...inProgress(), closed()];
    caseSpec.given(done).when(meeting(), asLawyer).thenThrows('CASE_CLOSED');
    caseSpec
      .given(done)
      .when({ type: 'TerminateAid', data: { ground: 'own-lawyer-retained', reasons: 'x', legalBasis: null } })
      .thenThrows('CASE_CLOSED');
    caseSpec
      .given(done)
      .when(
        {
          type: 'LodgeObjection',
          data: { objectionId: 'o-1', against: 'termination', grounds: 'x', justiceBureauId: 'justice-bureau:bj', lodgedAt: NOW },
        },
        { now: NOW },
      )
      .thenThrows('NOTHING_TO_OBJECT');
    caseSpec
      .given(done)
      .when({ type: 'ArchiveCase', data: { fileNumber: 'A-1' } }, { now: NOW })
      .then([{ type: 'CaseArchived', data: { fileNumber: 'A-1', archivedAt: NOW } }]);
  });
});

describe('termination (Art 48)', () => {
  const terminate = (
    ground: Extract<CaseCommand, { type: 'TerminateAid' }>['data']['ground'],
    reasons = '受援人自行委托律师',
    legalBasis: string | null = null,
  ): CaseCommand => ({
    type: 'TerminateAid',
    data: { ground, reasons, legalBasis },
  });

  it('terminates on a ground of Art 48 with the item as its basis', () => {
    caseSpec
      .given(inProgress())
      .when(terminate('own-lawyer-retained'), { now: NOW })
      .then([
        {
          type: 'AidTerminated',
          data: { ground: 'own-lawyer-retained', legalBasis: 'Art 48(6)', reasons: '受援人自行委托律师', terminatedAt: NOW },
        },
      ]);
  });

  it('refuses termination without reasons', () => {
    caseSpec.given(inProgress()).when(terminate('own-lawyer-retained', ' ')).thenThrows('TERMINATION_REASONS_REQUIRED');
  });

  it('"other grounds in law" name the law', () => {
    caseSpec
      .given(inProgress())
      .when(terminate('other-by-law', '受援人死亡', null))
      .thenThrows('LEGAL_BASIS_REQUIRED');
    const [event] = caseSpec
      .given(inProgress())
      .when(terminate('other-by-law', '受援人死亡', '程序规定 第 33 条'))
      .events();
    expect(event).toMatchObject({ data: { legalBasis: 'Art 48(8); 程序规定 第 33 条' } });
  });

  it('refuses to terminate an application still under review (it is refused instead)', () => {
    caseSpec.given([received()]).when(terminate('own-lawyer-retained')).thenThrows('NO_ACTIVE_AID');
  });

  it('refuses "no longer financially eligible" for a notified defence, which had no means test', () => {
    caseSpec.given([notified()]).when(terminate('no-longer-financially-eligible', '收入增加')).thenThrows('NOT_AN_APPLICATION');
    caseSpec.given([notified()]).when(terminate('proceedings-ended-or-withdrawn', '检察院撤回起诉')).events();
  });

  it('refuses deception as a plain termination: it goes through a finding with repayment (Art 64)', () => {
    caseSpec.given(inProgress()).when(terminate('deception', '虚报收入')).thenThrows('DECEPTION_NEEDS_FINDING');
  });

  it('after termination, nothing but objection, archiving and supervision', () => {
    caseSpec
      .given([...inProgress(), terminated()])
      .when(meeting(), asLawyer)
      .thenThrows('CASE_TERMINATED');
    caseSpec
      .given([...inProgress(), terminated()])
      .when(closeCase(), asLawyer)
      .thenThrows('CASE_TERMINATED');
  });
});

describe('deception (Art 64)', () => {
  const finding = (fineFen: number, repaymentDueFen = 250_000): CaseCommand => ({
    type: 'RecordDeceptionFinding',
    data: { findings: '隐瞒房产收入骗取援助', justiceBureauId: 'justice-bureau:bj-dongcheng', repaymentDueFen, fineFen },
  });

  it('records the finding with repayment and a fine up to 3,000 yuan, and terminates', () => {
    const events = caseSpec
      .given(inProgress())
      .when(finding(300_000), { now: NOW })
      .then([
        {
          type: 'DeceptionFound',
          data: {
            findings: '隐瞒房产收入骗取援助',
            justiceBureauId: 'justice-bureau:bj-dongcheng',
            repaymentDueFen: 250_000,
            fineFen: 300_000,
            fineCapFen: 300_000,
            foundAt: NOW,
          },
        },
        {
          type: 'AidTerminated',
          data: { ground: 'deception', legalBasis: 'Art 48(1); Art 64', reasons: '隐瞒房产收入骗取援助', terminatedAt: NOW },
        },
      ]);
    expect(caseSpec.given([...inProgress(), ...events]).state()).toMatchObject({
      status: 'terminated',
      deception: { repaymentDueFen: 250_000, fineFen: 300_000 },
    });
  });

  it('refuses a fine above the cap in force', () => {
    caseSpec.given(inProgress()).when(finding(300_001)).thenThrows('FINE_EXCEEDS_CAP');
  });

  it('refuses amounts that are not whole fen', () => {
    caseSpec.given(inProgress()).when(finding(0, -5)).thenThrows('FRAUD_AMOUNT_INVALID');
  });
});

describe('archiving', () => {
  it('refuses to archive an open case', () => {
    caseSpec
      .given(inProgress())
      .when({ type: 'ArchiveCase', data: { fileNumber: 'A-1' } })
      .thenThrows('CASE_NOT_ENDED');
  });

  it('refuses anything but supervision once archived', () => {
    const archived: CaseEvent = { type: 'CaseArchived', data: { fileNumber: 'A-1', archivedAt: T('2026-05-11 09:00') } };
    caseSpec
      .given([...inProgress(), closed(), archived])
      .when({ type: 'ArchiveCase', data: { fileNumber: 'A-2' } })
      .thenThrows('CASE_ARCHIVED');
    caseSpec
      .given([...inProgress(), closed(), archived])
      .when(
        { type: 'RecordCaseFileReview', data: { at: T('2026-06-01 09:00'), remarks: '', deductions: [] } },
        { now: T('2026-06-02 09:00') },
      )
      .events();
  });
});
