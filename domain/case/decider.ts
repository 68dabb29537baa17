import type { CaseEvent } from '../../events/catalogue/case-events.ts';
import type { Actor } from '../../events/envelope.ts';
import type { Decider } from '../decider.ts';
import { DomainError } from '../errors.ts';
import type { CaseCommand } from './commands.ts';
import { initialCaseState, type CaseState } from './state.ts';

/** What a decision may know besides the command and the state. Time is an input, never read. */
export type CaseContext = { now: string; actor: Actor };

const decide = (command: CaseCommand, state: CaseState, _context: CaseContext): CaseEvent[] => {
  switch (command.type) {
    case 'ReceiveApplication': {
      if (state.status !== 'none') throw new DomainError('CASE_EXISTS', `case ${state.caseId} already exists`);
      return [{ type: 'ApplicationReceived', data: command.data }];
    }
  }
};

const evolve = (state: CaseState, event: CaseEvent): CaseState => {
  switch (event.type) {
    case 'ApplicationReceived':
      return {
        ...state,
        status: 'under-review',
        caseId: event.data.caseId,
        agencyId: event.data.agencyId,
        province: event.data.province,
        origin: { kind: 'application', channel: event.data.channel },
        category: event.data.category,
        formOfAid: event.data.formOfAid,
        receivedAt: event.data.receivedAt,
      };
  }
};

export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState, CaseContext> = {
  decide,
  evolve,
  initialState: initialCaseState,
};
