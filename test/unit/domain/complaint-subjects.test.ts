import { describe, expect, it } from 'vitest';
import type { CaseCommand } from '../../../domain/case/commands.ts';
import { evolveQualityFacts, initialQualityFacts } from '../../../domain/quality/record.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import { caseSpec, inProgress, received, T } from './fixtures.ts';

// Complaints about window staff and agencies (Art 56; seed 002 "态度冷漠…推诿"), beside those about the lawyer.

const lodgedAt = T('2026-03-05 08:00');
const lodge = (
  about?: { kind: 'staff'; workerId: string } | { kind: 'agency'; organisationId: string },
  requestsChangeOfWorker = false,
): CaseCommand =>
  ({
    type: 'LodgeComplaint',
    data: { complaintId: 'cmp-9', summary: '窗口态度冷漠', requestsChangeOfWorker, lodgedAt, ...(about ? { about } : {}) },
  }) as CaseCommand;

describe('a complaint names its subject', () => {
  it('about a window clerk: recorded on a case not yet assigned, naming the staff member', () => {
    caseSpec
      .given([received()])
      .when(lodge({ kind: 'staff', workerId: 'clerk-chen' }))
      .then([
        {
          type: 'ComplaintLodged',
          data: {
            complaintId: 'cmp-9',
            summary: '窗口态度冷漠',
            requestsChangeOfWorker: false,
            lodgedAt,
            subject: 'staff',
            workerId: 'clerk-chen',
          },
        },
      ]);
  });

  it('about an agency: no worker, the organisation named', () => {
    const [event] = caseSpec
      .given([received()])
      .when(lodge({ kind: 'agency', organisationId: 'agency:bj-dongcheng' }))
      .events();
    expect(event).toMatchObject({
      type: 'ComplaintLodged',
      data: { subject: 'agency', workerId: null, organisationId: 'agency:bj-dongcheng' },
    });
  });

  it('only a complaint about the lawyer asks for another; one about the lawyer still needs an assignment', () => {
    caseSpec
      .given(inProgress())
      .when(lodge({ kind: 'staff', workerId: 'clerk-chen' }, true))
      .thenThrows('COMPLAINT_SUBJECT_INVALID');
    caseSpec.given([received()]).when(lodge()).thenThrows('CASE_NOT_IN_PROGRESS');
  });

  it('a complaint recorded before subjects existed reads as one about the lawyer', () => {
    const old: CaseEvent = {
      type: 'ComplaintLodged',
      data: { complaintId: 'cmp-1', workerId: 'lawyer-wang', summary: '', requestsChangeOfWorker: false, lodgedAt },
    };
    expect(evolveQualityFacts(initialQualityFacts(), old).complaints[0]).toMatchObject({ subject: 'lawyer', workerId: 'lawyer-wang' });
    expect(
      caseSpec
        .given([...inProgress(), old])
        .state()
        .complaints.at(-1),
    ).toMatchObject({ subject: 'lawyer' });
  });
});
