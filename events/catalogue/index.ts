import type { EventDefinition } from './define-event.ts';
import { caseEventDefinitions } from './case-events.ts';
import { consultationEventDefinitions } from './consultation-events.ts';
import { dutyEventDefinitions } from './duty-lawyer-events.ts';
import { dutyProgrammeEventDefinitions } from './duty-programme-events.ts';
import { fundingEventDefinitions } from './funding-events.ts';
import { noticeEventDefinitions } from './notice-events.ts';
import { privacyEventDefinitions } from './privacy-events.ts';
import { organisationEventDefinitions, registryIndexEventDefinitions } from './organisation-events.ts';
import { referralEventDefinitions } from './referral-events.ts';
import { workerEventDefinitions } from './worker-events.ts';
import { cooperationEventDefinitions } from './cooperation-events.ts';
import { serviceStandardEventDefinitions } from './service-standard-events.ts';

const allDefinitions: readonly EventDefinition[] = [
  ...caseEventDefinitions,
  ...noticeEventDefinitions,
  ...consultationEventDefinitions,
  ...workerEventDefinitions,
  ...dutyEventDefinitions,
  ...dutyProgrammeEventDefinitions,
  ...fundingEventDefinitions,
  ...organisationEventDefinitions,
  ...registryIndexEventDefinitions,
  ...referralEventDefinitions,
  ...privacyEventDefinitions,
  ...cooperationEventDefinitions,
  ...serviceStandardEventDefinitions,
];

const duplicate = allDefinitions.find((d, i) => allDefinitions.findIndex((e) => e.type === d.type) !== i);
if (duplicate) throw new Error(`event type ${duplicate.type} is defined twice`);

/** Every event type the system can read, by name. */
export const catalogue: ReadonlyMap<string, EventDefinition> = new Map(allDefinitions.map((d) => [d.type, d]));
