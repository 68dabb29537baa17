import { describe, it } from 'vitest';
import type { ConsultationCommand } from '../../../domain/consultation/commands.ts';
import { consultationDecider } from '../../../domain/consultation/decider.ts';
import type { ConsultationEvent } from '../../../events/catalogue/consultation-events.ts';
import { deciderSpec } from '../../support/decider-spec.ts';
import { AGENCY, reviewer, T } from './fixtures.ts';

const NOW = T('2026-03-02 10:00');
const spec = deciderSpec(consultationDecider, { now: NOW, actor: reviewer });
type Data = Extract<ConsultationCommand, { type: 'RecordConsultation' }>['data'];
const data = (over: Partial<Data> = {}): Data => ({
  consultationId: 'consult-1',
  agencyId: AGENCY,
  channel: 'hotline-12348',
  workstationId: null,
  topic: '工伤赔偿',
  category: 'labour',
  personName: null,
  toldOfRightToApply: true,
  notToldReason: null,
  answer: '告知申请条件与程序',
  consultedAt: T('2026-03-02 09:30'),
  ...over,
});
const recorded = (over: Partial<Data> = {}): ConsultationEvent => ({ type: 'ConsultationRecorded', data: data(over) });

describe('consultation ledger (Art 23)', () => {
  it('records a 12348 hotline consultation where the caller was told of the right to apply', () => {
    spec.given([]).when({ type: 'RecordConsultation', data: data() }).then([recorded()]);
  });

  it('records a consultation where the person was not told, with the reason', () => {
    spec
      .given([])
      .when({ type: 'RecordConsultation', data: data({ toldOfRightToApply: false, notToldReason: '咨询事项不属于法律援助范围' }) })
      .then([recorded({ toldOfRightToApply: false, notToldReason: '咨询事项不属于法律援助范围' })]);
  });

  it('refuses "not told" without a reason', () => {
    spec
      .given([])
      .when({ type: 'RecordConsultation', data: data({ toldOfRightToApply: false, notToldReason: null }) })
      .thenThrows('ART23_NOT_TOLD_REASON_REQUIRED');
  });

  it('Art 13: a workstation consultation names the workstation', () => {
    spec
      .given([])
      .when({ type: 'RecordConsultation', data: data({ channel: 'workstation', workstationId: 'township-ws:bj-dc-jingshan' }) })
      .events();
    spec
      .given([])
      .when({ type: 'RecordConsultation', data: data({ channel: 'workstation', workstationId: null }) })
      .thenThrows('WORKSTATION_REQUIRED');
  });

  it('refuses recording the same consultation twice, or one in the future', () => {
    spec.given([recorded()]).when({ type: 'RecordConsultation', data: data() }).thenThrows('CONSULTATION_EXISTS');
    spec
      .given([])
      .when({ type: 'RecordConsultation', data: data({ consultedAt: T('2026-03-02 11:00') }) })
      .thenThrows('TIME_IN_FUTURE');
  });

  it('links a consultation to the application it led to, once', () => {
    const linked: ConsultationEvent = { type: 'ConsultationLedToApplication', data: { caseId: 'case-1', linkedAt: NOW } };
    spec
      .given([recorded()])
      .when({ type: 'LinkConsultationToApplication', data: { caseId: 'case-1' } })
      .then([linked]);
    spec
      .given([recorded(), linked])
      .when({ type: 'LinkConsultationToApplication', data: { caseId: 'case-9' } })
      .thenThrows('CONSULTATION_ALREADY_LINKED');
    spec
      .given([])
      .when({ type: 'LinkConsultationToApplication', data: { caseId: 'case-1' } })
      .thenThrows('CONSULTATION_NOT_FOUND');
  });
});
