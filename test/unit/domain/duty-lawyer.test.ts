import { describe, expect, it } from 'vitest';
import type { DutyCommand } from '../../../domain/duty/commands.ts';
import { dutyDecider } from '../../../domain/duty/decider.ts';
import type { DutyEvent } from '../../../events/catalogue/duty-lawyer-events.ts';
import { deciderSpec } from '../../support/decider-spec.ts';
import { AGENCY, T } from './fixtures.ts';

const NOW = T('2026-03-02 16:00');
const dutyLawyer = { id: 'duty-lawyer-li', role: 'duty-lawyer', organisation: AGENCY };
const spec = deciderSpec(dutyDecider, { now: NOW, actor: dutyLawyer });
const opened = (kind: 'court' | 'procuratorate' | 'detention-centre'): DutyEvent => ({
  type: 'DutyRecordOpened',
  data: {
    dutyId: 'duty-1',
    agencyId: AGENCY,
    station: { kind, organisationId: `${kind}:bj-dc` },
    dutyLawyerId: 'duty-lawyer-li',
    personName: '赵五',
    criminalCaseReference: null,
    openedAt: T('2026-03-02 09:00'),
  },
});
const at = T('2026-03-02 10:00');
const plea: DutyCommand = { type: 'AttendPleaSigning', data: { at, summary: '确认自愿认罪认罚', procuratorateId: 'procuratorate:bj-dc' } };

describe('duty-lawyer legal help (Art 30)', () => {
  it('opens a record at a station, signed by the duty lawyer', () => {
    const { dutyLawyerId: _, ...data } = (opened('detention-centre') as Extract<DutyEvent, { type: 'DutyRecordOpened' }>).data;
    spec
      .given([])
      .when({ type: 'OpenDutyRecord', data })
      .then([opened('detention-centre')]);
  });

  it('records consultation, procedure advice, a bail request and an opinion', () => {
    const commands: DutyCommand[] = [
      { type: 'GiveDutyConsultation', data: { at, summary: '解答强制措施问题' } },
      { type: 'GiveProcedureAdvice', data: { at, summary: '', procedure: 'fast-track' } },
      { type: 'RequestMeasureChange', data: { at, summary: '', requested: 'bail-pending-trial', addressedTo: 'procuratorate:bj-dc' } },
      { type: 'SubmitDutyOpinion', data: { at, summary: '', topic: 'sentencing', addressedTo: 'procuratorate:bj-dc' } },
    ];
    const events = commands.flatMap((c) =>
      spec
        .given([opened('detention-centre')])
        .when(c)
        .events(),
    );
    expect(events.map((e) => e.type)).toEqual([
      'DutyConsultationGiven',
      'ProcedureAdviceGiven',
      'MeasureChangeRequested',
      'DutyOpinionSubmitted',
    ]);
    expect(events.every((e) => 'dutyLawyerId' in e.data && e.data.dutyLawyerId === 'duty-lawyer-li')).toBe(true);
  });

  it('attends a plea signing at a procuratorate or detention-centre station, not at a court', () => {
    spec
      .given([opened('procuratorate')])
      .when(plea)
      .events();
    spec
      .given([opened('detention-centre')])
      .when(plea)
      .events();
    spec
      .given([opened('court')])
      .when(plea)
      .thenThrows('PLEA_SIGNING_STATION');
  });

  it('refuses services on no record, a closed record, or before it opened', () => {
    const closed: DutyEvent = {
      type: 'DutyRecordClosed',
      data: { closedAt: T('2026-03-02 12:00'), referredCaseId: 'case-7', summary: '' },
    };
    spec.given([]).when(plea).thenThrows('DUTY_RECORD_NOT_FOUND');
    spec
      .given([opened('procuratorate'), closed])
      .when(plea)
      .thenThrows('DUTY_RECORD_CLOSED');
    spec
      .given([opened('procuratorate')])
      .when({ ...plea, data: { ...plea.data, at: T('2026-03-02 08:00') } } as DutyCommand)
      .thenThrows('TIME_OUT_OF_ORDER');
  });
});
