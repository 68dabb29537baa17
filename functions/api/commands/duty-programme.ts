import { dutyDecider } from '../../../domain/duty/decider.ts';
import {
  decideDutyPayApproval,
  decideDutyPayPayment,
  evolveDutyPay,
  initialDutyPayState,
  servicesOnShift,
} from '../../../domain/duty/pay.ts';
import { dutyShiftDecider, type DutyShiftCommand, type DutyShiftState } from '../../../domain/duty/shift.ts';
import { dutyStationOf } from '../../../domain/duty/station.ts';
import { fundDecider, remainingFen, type FundState } from '../../../domain/funding/fund.ts';
import { dutyPayStream, dutyShiftStream, dutyStream, fundStream, workerStream } from '../../../domain/streams.ts';
import { workerDecider } from '../../../domain/worker/decider.ts';
import { chinaDateOf } from '../../../domain/time/calendar.ts';
import type { DutyEvent } from '../../../events/catalogue/duty-lawyer-events.ts';
import type { FundRef, FundSource } from '../../../events/catalogue/funding-events.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import { readEventData } from '../../../events/catalogue/read-event.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { keptByCaller } from '../../lib/auth/organisation-scope.ts';
import { assertOwnOrganisation } from '../../lib/auth/route-access.ts';
import { createCommandRunner, createPlanRunner, folderOf, type StreamReads } from '../../lib/command-runner.ts';
import type { EventStore } from '../../lib/event-store/event-store.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import { caseIdFor } from '../command-headers.ts';
import { answer } from './answer.ts';
import type { CommandRequest, TargetHandler } from './command-request.ts';

// The duty programme's commands (docs/duty-programme.md): a shift planned by the agency's reviewer at
// one of its stations, checked into and out of by its duty lawyers, the duty records opened on it,
// and each lawyer's pay for it approved and paid by finance from the agency's funds, through the
// fund decider's rule (never beyond the allocation), in one append with the fund stream.

const shiftFolder = folderOf(dutyShiftDecider, catalogue);
const workerFolder = folderOf(workerDecider, catalogue);
const fundFolder = folderOf(fundDecider, catalogue);
const payFolder = folderOf({ evolve: evolveDutyPay, initialState: initialDutyPayState }, catalogue);

const shiftNotFound = () => new HttpError(404, 'DUTY_SHIFT_NOT_FOUND', 'no such duty shift');

/** The shift as it stands: 404 when there is none, 403 when it is not the caller's agency's. */
const shiftOf = async (reads: StreamReads, shiftId: string, p: Admitted): Promise<DutyShiftState> => {
  const shift = await reads.fold(dutyShiftStream(shiftId), shiftFolder);
  if (shift.status === 'none') throw shiftNotFound();
  if (!keptByCaller(p, shift.agencyId)) throw new HttpError(403, 'OUT_OF_SCOPE', `this duty shift is not ${p.organisation}'s`);
  return shift;
};

/** Every lawyer on a rota is an active aid worker the registry has with the shift's agency. */
const checkLawyers = async (reads: StreamReads, lawyerIds: readonly string[], agencyId: string) => {
  for (const [i, id] of lawyerIds.entries()) {
    const worker = await reads.fold(workerStream(id), workerFolder);
    if (worker.status !== 'active' || worker.agencyId !== agencyId)
      throw new HttpError(409, 'DUTY_SHIFT_LAWYERS_INVALID', `lawyerIds[${i}] is not an active aid worker of ${agencyId}`, {
        field: `lawyerIds.${i}`,
      });
  }
};

const provinceOf = (p: Admitted, agencyId: string, at: string) => p.registry.provinceOf(agencyId, chinaDateOf(at));

const fundSummary = (ref: FundRef, s: FundState) => ({
  ...ref,
  allocatedFen: s.allocatedFen,
  committedFen: s.committedFen,
  paidFen: s.paidFen,
  remainingFen: remainingFen(s),
});

export const dutyProgrammeCommands = (
  store: EventStore,
): Record<'open-duty-shift' | 'duty-shift' | 'duty-pay-approval' | 'duty-pay-payment' | 'open-duty', TargetHandler> => {
  const runner = createPlanRunner({ store, catalogue });
  const funds = createCommandRunner({ store, decider: fundDecider, catalogue });
  const fundNow = async (ref: FundRef) => ({
    fund: fundSummary(ref, (await funds.load(fundStream(ref.agencyId, ref.year, ref.source))).state),
  });

  const onShift = (r: CommandRequest, command: DutyShiftCommand) => {
    const shiftId = r.recordId();
    const stream = dutyShiftStream(shiftId);
    return runner.execute({
      stream,
      meta: r.meta,
      ifMatch: r.expectedVersion,
      check: async (reads) => {
        await shiftOf(reads, shiftId, r.principal);
      },
      decide: async (reads) => {
        const shift = await reads.fold(stream, shiftFolder);
        const province = provinceOf(r.principal, shift.agencyId!, shift.startsAt!);
        return [{ stream, events: dutyShiftDecider.decide(command, shift, { ...r.context, province }) }];
      },
    });
  };

  /** A lawyer's pay for a shift, decided with the shift, the services of its records and the fund. */
  const onPay = (
    r: CommandRequest,
    decide: (
      reads: StreamReads,
      shift: DutyShiftState,
      lawyerId: string,
    ) => ReturnType<typeof decideDutyPayPayment> extends infer D ? Promise<{ decision: D; fund: FundRef }> : never,
  ) => {
    const shiftId = r.recordId();
    const lawyerId = String(r.body.lawyerId);
    const stream = dutyPayStream(shiftId, lawyerId);
    let fundRef: FundRef | null = null;
    const outcome = runner.execute({
      stream,
      meta: r.meta,
      ifMatch: r.expectedVersion,
      check: async (reads) => {
        await shiftOf(reads, shiftId, r.principal);
      },
      decide: async (reads) => {
        const shift = await reads.fold(dutyShiftStream(shiftId), shiftFolder);
        const { decision, fund } = await decide(reads, shift, lawyerId);
        fundRef = fund;
        return [
          { stream, events: decision.pay },
          { stream: fundStream(fund.agencyId, fund.year, fund.source), events: decision.fund },
        ];
      },
    });
    return { outcome, shiftId, lawyerId, fundRef: () => fundRef };
  };

  /** A pay step's answer: its event's data under `key` (null when a retry wrote nothing), and the fund as it stands after it. */
  const payAnswer = async (run: ReturnType<typeof onPay>, type: 'DutyPayApproved' | 'DutyPayPaid', key: 'pay' | 'payment') => {
    const outcome = await run.outcome;
    const event = outcome.events.find((e) => e.type === type);
    const data = event ? (readEventData(catalogue, event) as { data: { fund: FundRef } }).data : null;
    const ref = run.fundRef() ?? data?.fund ?? null;
    return answer(200, run.shiftId, outcome, {
      shiftId: run.shiftId,
      lawyerId: run.lawyerId,
      [key]: data,
      ...(ref ? await fundNow(ref) : {}),
    });
  };

  return {
    'open-duty-shift': async (r) => {
      assertOwnOrganisation(r.principal, r.body.agencyId as string, 'agencyId');
      const shiftId = r.openedId ?? caseIdFor(r.principal.organisation, r.key);
      const stream = dutyShiftStream(shiftId);
      const data = { ...(r.body as Omit<Extract<DutyShiftCommand, { type: 'PlanDutyShift' }>['data'], 'shiftId'>), shiftId };
      const outcome = await runner.execute({
        stream,
        meta: r.meta,
        expectedVersion: 0,
        newStream: true,
        decide: async (reads) => {
          await checkLawyers(reads, data.lawyerIds, data.agencyId);
          const events = dutyShiftDecider.decide({ type: 'PlanDutyShift', data }, await reads.fold(stream, shiftFolder), {
            ...r.context,
            registry: r.principal.registry,
          });
          return [{ stream, events }];
        },
      });
      return answer(201, shiftId, outcome, { shiftId });
    },

    'duty-shift': async (r) => {
      const at = (r.body.at as string | undefined) ?? r.context.now;
      const command = { type: r.spec.command, data: { at } } as DutyShiftCommand;
      const outcome = await onShift(r, command);
      const shiftId = r.recordId();
      return answer(200, shiftId, outcome, {
        shiftId,
        ...(outcome.events[0] ? { recorded: readEventData(catalogue, outcome.events[0]) } : {}),
      });
    },

    'duty-pay-approval': async (r) => {
      const body = r.body as { lawyerId: string; fund: { year: number; source: FundSource }; approvedFen?: number; note: string };
      const run = onPay(r, async (reads, shift, lawyerId) => {
        const fund: FundRef = { agencyId: shift.agencyId!, ...body.fund };
        const records = [];
        for (const tied of shift.records.filter((t) => t.lawyerId === lawyerId)) {
          records.push((await reads.events(dutyStream(tied.dutyId))).map((e) => readEventData(catalogue, e) as DutyEvent));
        }
        const decision = decideDutyPayApproval(
          body,
          await reads.fold(dutyPayStream(shift.shiftId!, lawyerId), payFolder),
          shift,
          servicesOnShift(shift, lawyerId, records),
          await reads.fold(fundStream(fund.agencyId, fund.year, fund.source), fundFolder),
          { ...r.context, province: provinceOf(r.principal, shift.agencyId!, shift.startsAt!), fund },
        );
        return { decision, fund };
      });
      return payAnswer(run, 'DutyPayApproved', 'pay');
    },

    'duty-pay-payment': async (r) => {
      const run = onPay(r, async (reads, shift, lawyerId) => {
        const pay = await reads.fold(dutyPayStream(shift.shiftId!, lawyerId), payFolder);
        if (!pay.fund) throw new HttpError(409, 'DUTY_PAY_NOT_APPROVED', `${lawyerId}'s pay for this shift is not approved`);
        const fund = pay.fund;
        const decision = decideDutyPayPayment(
          r.body as { reference: string },
          shift.shiftId!,
          lawyerId,
          pay,
          await reads.fold(fundStream(fund.agencyId, fund.year, fund.source), fundFolder),
          { ...r.context, province: null, fund },
        );
        return { decision, fund };
      });
      return payAnswer(run, 'DutyPayPaid', 'payment');
    },

    // A duty record opens at a station of the registry, and on a shift when it names one: the shift
    // records it in the same append, so the shift's services and pay are read from its own stream.
    'open-duty': async (r) => {
      const { principal } = r;
      assertOwnOrganisation(principal, r.body.agencyId as string, 'agencyId');
      const dutyId = r.openedId ?? caseIdFor(principal.organisation, r.key);
      const openedAt = (r.body.openedAt as string | undefined) ?? r.context.now;
      const data = { ...r.body, dutyId, openedAt } as unknown as Record<string, unknown> & {
        agencyId: string;
        station: { kind: string; organisationId: string };
        shiftId?: string;
      };
      const stream = dutyStream(dutyId);
      const outcome = await runner.execute({
        stream,
        meta: r.meta,
        expectedVersion: 0,
        newStream: true,
        decide: async (reads) => {
          // An older system's record, imported (docs/import.md), keeps the station as that system recorded it.
          const kind = r.meta.provenance
            ? data.station.kind
            : dutyStationOf(
                principal.registry,
                data.station.organisationId,
                data.agencyId,
                chinaDateOf(openedAt),
                'station.organisationId',
              );
          if (kind !== data.station.kind)
            throw new HttpError(409, 'DUTY_STATION_INVALID', `the station is a ${kind} workstation, not a ${data.station.kind} one`, {
              field: 'station.kind',
            });
          const events = dutyDecider.decide({ type: 'OpenDutyRecord', data } as never, dutyDecider.initialState(), r.context);
          if (!data.shiftId) return [{ stream, events }];
          const shiftStream = dutyShiftStream(data.shiftId);
          const shift = await reads.fold(shiftStream, shiftFolder);
          if (shift.status === 'none' || !keptByCaller(principal, shift.agencyId))
            throw new HttpError(404, 'DUTY_SHIFT_NOT_FOUND', 'no such duty shift of the agency', { field: 'shiftId' });
          if (shift.stationId !== data.station.organisationId)
            throw new HttpError(409, 'DUTY_STATION_INVALID', `shift ${shift.shiftId} is at ${shift.stationId}`, {
              field: 'station.organisationId',
            });
          const tie = dutyShiftDecider.decide({ type: 'TieDutyRecord', data: { dutyId, lawyerId: principal.id, openedAt } }, shift, {
            ...r.context,
            province: null,
          });
          return [
            { stream, events },
            { stream: shiftStream, events: tie },
          ];
        },
      });
      return answer(201, dutyId, outcome, { dutyId });
    },
  };
};
