import type { EventOf } from './define-event.ts';
import { applyingEventDefinitions } from './applying-events.ts';
import { assigningEventDefinitions } from './assigning-events.ts';
import { closingEventDefinitions } from './closing-events.ts';
import { decidingEventDefinitions } from './deciding-events.ts';
import { handlingEventDefinitions } from './handling-events.ts';
import { objectionEventDefinitions } from './objection-events.ts';
import { supervisionEventDefinitions } from './supervision-events.ts';
import { transferringEventDefinitions } from './transferring-events.ts';
import { authorityNoticeEventDefinitions } from './authority-notice-events.ts';
import { stationEventDefinitions } from './station-events.ts';

// Events of a case stream (`case#<id>`), named as the law's steps in the past tense, one file per context.

export { ApplicationReceived } from './applying-events.ts';

export const caseEventDefinitions = [
  ...applyingEventDefinitions,
  ...decidingEventDefinitions,
  ...assigningEventDefinitions,
  ...handlingEventDefinitions,
  ...closingEventDefinitions,
  ...objectionEventDefinitions,
  ...supervisionEventDefinitions,
  ...transferringEventDefinitions,
  ...authorityNoticeEventDefinitions,
  ...stationEventDefinitions,
] as const;

export type CaseEvent = EventOf<(typeof caseEventDefinitions)[number]>;
export type CaseEventType = CaseEvent['type'];
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;
