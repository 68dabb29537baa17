import { describe, expect, it } from 'vitest';
import { dueDatesOf } from '../../../domain/case/due-dates.ts';
import type { Actor } from '../../../events/envelope.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import { transferGroundRules } from '../../../domain/rules/transfer-rules.ts';
import { AGENCY, caseSpec, granted, inProgress, meansWithin, received, T } from './fixtures.ts';

// Issue 19 point 1: a case handed to another agency, asked by the holder, answered by the receiver.

const RECEIVER = 'agency:sh-pudong';
const receiverReviewer: Actor = { id: 'reviewer-sh', role: 'agency-reviewer', organisation: RECEIVER };
const NOW = T('2026-03-05 09:00');

const request = {
  type: 'RequestTransfer',
  data: { transferId: 't-1', toAgencyId: RECEIVER, ground: 'person-moved', reasons: '申请人迁居上海' },
} as const;
const requested: CaseEvent = {
  type: 'CaseTransferRequested',
  data: {
    transferId: 't-1',
    fromAgencyId: AGENCY,
    toAgencyId: RECEIVER,
    ground: 'person-moved',
    legalBasis: transferGroundRules['person-moved'].legalBasis,
    reasons: '申请人迁居上海',
    requestedAt: T('2026-03-04 09:00'),
  },
};
const accepted: CaseEvent = {
  type: 'CaseTransferAccepted',
  data: { transferId: 't-1', fromAgencyId: AGENCY, toAgencyId: RECEIVER, acceptedAt: T('2026-03-04 15:00') },
};

describe('a transfer is asked by the agency holding the case', () => {
  it('records the ground with its legal basis from the rules, the sender being the case agency', () => {
    caseSpec
      .given([received(), meansWithin(), granted()])
      .when(request, { now: NOW })
      .then([
        {
          type: 'CaseTransferRequested',
          data: { ...request.data, fromAgencyId: AGENCY, legalBasis: 'Art 38 (by analogy)', requestedAt: NOW },
        },
      ]);
  });

  it('one at a time: a second request while one awaits its answer is refused', () => {
    caseSpec
      .given([received(), requested])
      .when({ ...request, data: { ...request.data, transferId: 't-2' } })
      .thenThrows('TRANSFER_PENDING');
  });

  it('not to the agency already holding it', () => {
    caseSpec
      .given([received()])
      .when({ ...request, data: { ...request.data, toAgencyId: AGENCY } })
      .thenThrows('TRANSFER_TO_SELF');
  });

  it('not once an aid worker is assigned: the worker is the sender’s', () => {
    caseSpec.given(inProgress()).when(request).thenThrows('TRANSFER_AFTER_ASSIGNMENT');
  });

  it('while pending the case stays with the sender', () => {
    const state = caseSpec.given([received(), requested]).state();
    expect(state.agencyId).toBe(AGENCY);
    expect(state.transfers?.[0]?.outcome).toBe('pending');
  });
});

describe('the receiving agency accepts or refuses', () => {
  it('accepts: the case becomes the receiver’s', () => {
    caseSpec
      .given([received(), requested])
      .when({ type: 'AcceptTransfer', data: { transferId: 't-1' } }, { now: NOW, actor: receiverReviewer })
      .then([{ type: 'CaseTransferAccepted', data: { transferId: 't-1', fromAgencyId: AGENCY, toAgencyId: RECEIVER, acceptedAt: NOW } }]);
    const state = caseSpec.given([received(), requested, accepted]).state();
    expect(state.agencyId).toBe(RECEIVER);
    expect(state.transfers?.map((t) => [t.fromAgencyId, t.outcome])).toEqual([[AGENCY, 'accepted']]);
  });

  it('refuses with reasons: the case stays with the sender, which may ask another', () => {
    caseSpec
      .given([received(), requested])
      .when({ type: 'RefuseTransfer', data: { transferId: 't-1', reasons: '本中心亦无管辖' } }, { now: NOW, actor: receiverReviewer })
      .then([
        {
          type: 'CaseTransferRefused',
          data: { transferId: 't-1', fromAgencyId: AGENCY, toAgencyId: RECEIVER, reasons: '本中心亦无管辖', refusedAt: NOW },
        },
      ]);
    const refusedEvent: CaseEvent = {
      type: 'CaseTransferRefused',
      data: { transferId: 't-1', fromAgencyId: AGENCY, toAgencyId: RECEIVER, reasons: '本中心亦无管辖', refusedAt: NOW },
    };
    expect(caseSpec.given([received(), requested, refusedEvent]).state().agencyId).toBe(AGENCY);
    caseSpec
      .given([received(), requested, refusedEvent])
      .when({ ...request, data: { ...request.data, transferId: 't-2' } }, { now: NOW })
      .events();
  });

  it('only the receiving agency answers: the sender cannot accept its own request', () => {
    caseSpec
      .given([received(), requested])
      .when({ type: 'AcceptTransfer', data: { transferId: 't-1' } })
      .thenThrows('NOT_RECEIVING_AGENCY');
  });

  it('an answer names the transfer pending', () => {
    caseSpec
      .given([received(), requested, accepted])
      .when({ type: 'AcceptTransfer', data: { transferId: 't-1' } }, { actor: receiverReviewer })
      .thenThrows('NO_TRANSFER_PENDING');
  });
});

describe('deadlines across a transfer continue (transferDeadlineRule, binding:false)', () => {
  it('the review deadline is the one from the first receipt', () => {
    const before = dueDatesOf(caseSpec.given([received()]).state(), NOW).find((d) => d.kind === 'review');
    const after = dueDatesOf(caseSpec.given([received(), requested, accepted]).state(), NOW).find((d) => d.kind === 'review');
    expect(after?.dueAt).toBe(before?.dueAt);
    expect(after?.startedAt).toBe(caseSpec.given([received()]).state().receivedAt);
  });
});
