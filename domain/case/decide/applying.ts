import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import type { CriminalStage, NotificationGround } from '../../../events/catalogue/vocabulary.ts';
import { refuse } from '../../error-codes.ts';
import { notBefore, notInFuture } from '../../guards.ts';
import { ruleSetFor } from '../../rules/choose-rule-set.ts';
import { chinaDateOf, isAfter, msBetween } from '../../time/calendar.ts';
import { workstationKinds } from '../../organisation/kinds.ts';
import { endOfPeriodAfter } from '../../time/working-days.ts';
import type { CommandsOf } from '../../commands.ts';
import type { CaseCommandOf } from '../commands.ts';
import type { applyingCommandSchemas } from '../commands/applying.ts';
import { ruleSetOfCase, type CaseContext } from '../context.ts';
import { checkFormOfAid } from '../forms-of-aid.ts';
import { isCompetent, jurisdictionOf, placeField } from '../jurisdiction.ts';
import { provinceOfOpening } from '../receiving-agency.ts';
import { openMaterialsRequest, type CaseState } from '../state.ts';
import { requireApplicationUnderReview } from './review-guards.ts';

type ApplyingCommand = CommandsOf<typeof applyingCommandSchemas>;

const HOUR_MS = 3_600_000;

/** Art 36: police notify at investigation, procuratorates at prosecution review, courts at trial and after. */
const stagesOfAuthority = {
  police: ['investigation'],
  procuratorate: ['prosecution-review'],
  court: ['trial', 'death-penalty-review', 'compulsory-medical'],
} as const satisfies Record<string, readonly CriminalStage[]>;

/** Grounds that exist only at one stage (Art 25 ¶1, ¶2, Art 28), and stages that admit only their ground. */
const stageOfGround: Partial<Record<NotificationGround, CriminalStage>> = {
  'death-penalty-review-applicant': 'death-penalty-review',
  'compulsory-medical-respondent': 'compulsory-medical',
  'trial-in-absentia': 'trial',
  'court-discretionary-ordinary-procedure': 'trial',
};
const groundOfStage: Partial<Record<CriminalStage, NotificationGround>> = {
  'death-penalty-review': 'death-penalty-review-applicant',
  'compulsory-medical': 'compulsory-medical-respondent',
};

const receiveDefenceNotification = (data: CaseCommandOf<'ReceiveDefenceNotification'>['data'], context: CaseContext): CaseEvent[] => {
  notInFuture(data.receivedAt, context.now, 'receivedAt');
  notBefore(data.receivedAt, data.foundAt, 'receivedAt', 'the authority found the case');
  if (data.ground === 'court-discretionary-ordinary-procedure' && data.authority.kind !== 'court') {
    throw refuse('ART25_DISCRETIONARY_COURT_ONLY', `a ${data.authority.kind} cannot notify defence at its discretion`, 'ground');
  }
  if (!(stagesOfAuthority[data.authority.kind] as readonly CriminalStage[]).includes(data.stage)) {
    throw refuse('NOTIFYING_AUTHORITY_STAGE_MISMATCH', `a ${data.authority.kind} does not notify at the ${data.stage} stage`, 'stage');
  }
  const groundStage = stageOfGround[data.ground];
  const stageGround = groundOfStage[data.stage];
  if ((groundStage && groundStage !== data.stage) || (stageGround && stageGround !== data.ground)) {
    throw refuse('NOTIFICATION_GROUND_STAGE_MISMATCH', `ground ${data.ground} does not apply at the ${data.stage} stage`, 'ground');
  }
  const province = provinceOfOpening(data, context.registry);
  const rules = ruleSetFor(province, data.receivedAt, context.ruleSets);
  const allowedNotificationDays = rules.periods.notificationDays;
  return [
    {
      type: 'DefenceNotificationReceived',
      data: {
        ...data,
        province,
        // Art 28: the respondent in compulsory medical treatment gets an agent ad litem, not a defender.
        formOfAid: data.stage === 'compulsory-medical' ? 'criminal-representation' : 'criminal-defence',
        allowedNotificationDays,
        // No period in force (null): the notification cannot be late.
        lateNotification:
          allowedNotificationDays !== null &&
          isAfter(data.receivedAt, endOfPeriodAfter(data.foundAt, allowedNotificationDays, rules.dayUnits.notificationDays)),
      },
    },
  ];
};

const receiveForwardedApplication = (data: CaseCommandOf<'ReceiveForwardedApplication'>['data'], context: CaseContext): CaseEvent[] => {
  notInFuture(data.receivedAt, context.now, 'receivedAt');
  if (isAfter(data.receivedByForwarderAt, data.forwardedAt) || isAfter(data.forwardedAt, data.receivedAt)) {
    throw refuse('FORWARDING_TIMES_OUT_OF_ORDER', 'the forwarder receives, then forwards, then the agency receives', 'forwardedAt');
  }
  checkFormOfAid(data.category, data.formOfAid);
  const province = provinceOfOpening(data, context.registry);
  const allowedForwardingHours = ruleSetFor(province, data.receivedAt, context.ruleSets).periods.forwardingHours;
  // Art 39: late forwarding is the forwarder's failing; it is recorded, and the application is still accepted.
  const lateForwarding = msBetween(data.receivedByForwarderAt, data.forwardedAt) > allowedForwardingHours * HOUR_MS;
  return [{ type: 'ForwardedApplicationReceived', data: { ...data, province, allowedForwardingHours, lateForwarding } }];
};

/**
 * Art 38: with the registry, an application whose matter the registry places in another agency's
 * area is not received here; the API records a referral instead (domain/referral), so this refusal
 * is what a decision without that step meets, never a silent acceptance.
 */
const requireCompetence = (data: CaseCommandOf<'ReceiveApplication'>['data'], context: CaseContext): void => {
  if (!context.registry) return;
  const jurisdiction = jurisdictionOf(context.registry, data, data.receivedAt);
  if (jurisdiction.placed && !isCompetent(context.registry, jurisdiction, data.agencyId, data.receivedAt)) {
    throw refuse(
      'AGENCY_NOT_COMPETENT',
      `the matter lies in the area of ${jurisdiction.areaId}; ${jurisdiction.competent.join(' or ')} is competent (Art 38)`,
      placeField(jurisdiction),
    );
  }
};

/**
 * Issue 19 point 3: an application taken at a workstation is the station's agency's to decide, so
 * the station it names is a registry workstation open on the day of receipt, directly under the
 * receiving agency. Without a registry (unit deciders) the name is taken as given.
 */
const requireStationOfAgency = (data: CaseCommandOf<'ReceiveApplication'>['data'], context: CaseContext): void => {
  const { stationId } = data;
  if (!stationId || !context.registry) return;
  const day = chinaDateOf(data.receivedAt);
  const station = context.registry.describe(stationId, day);
  if (
    !station ||
    !workstationKinds.includes(station.kind) ||
    !context.registry.isOpen(stationId, day) ||
    context.registry.resolve(context.registry.parentOf(stationId, day) ?? '', day) !== context.registry.resolve(data.agencyId, day)
  )
    throw refuse('STATION_NOT_OF_AGENCY', `${stationId} is not a workstation of ${data.agencyId} open on ${day}`, 'stationId');
};

export const decideApplying = (command: ApplyingCommand, state: CaseState, context: CaseContext): CaseEvent[] => {
  switch (command.type) {
    case 'ReceiveApplication': {
      notInFuture(command.data.receivedAt, context.now, 'receivedAt');
      const province = provinceOfOpening(command.data, context.registry);
      ruleSetFor(province, command.data.receivedAt, context.ruleSets);
      checkFormOfAid(command.data.category, command.data.formOfAid);
      requireCompetence(command.data, context);
      requireStationOfAgency(command.data, context);
      return [{ type: 'ApplicationReceived', data: { ...command.data, province } }];
    }
    case 'ReceiveForwardedApplication':
      return receiveForwardedApplication(command.data, context);
    case 'ReceiveDefenceNotification':
      return receiveDefenceNotification(command.data, context);
    case 'WithdrawApplication':
      requireApplicationUnderReview(state);
      return [{ type: 'ApplicationWithdrawn', data: { reason: 'applicant-request', note: command.data.note, withdrawnAt: context.now } }];
    case 'TreatApplicationAsWithdrawn': {
      requireApplicationUnderReview(state);
      const request = openMaterialsRequest(state);
      if (!request) throw refuse('NO_MATERIALS_OUTSTANDING', 'no requested materials are outstanding');
      const rules = ruleSetOfCase(state, context);
      const lastDay = endOfPeriodAfter(request.requestedAt, rules.periods.materialsWithdrawalDays, rules.dayUnits.materialsWithdrawalDays);
      if (!isAfter(context.now, lastDay))
        throw refuse('WITHDRAWAL_PERIOD_NOT_ELAPSED', `the applicant may supply the materials until ${lastDay}`);
      return [
        {
          type: 'ApplicationWithdrawn',
          data: {
            reason: 'materials-not-supplied',
            note: `requested ${request.requestedAt}; outstanding: ${request.outstanding.join(', ')}`,
            withdrawnAt: context.now,
          },
        },
      ];
    }
  }
};
