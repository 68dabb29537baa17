import { expect } from 'vitest';
import type { Decider } from '../../domain/decider.ts';
import { fold } from '../../domain/decider.ts';
import { DomainError } from '../../domain/errors.ts';

/**
 * Given / when / then for a decider, in the spirit of Emmett's DeciderSpecification: the history is
 * plain events, the command plain data, the expectation the events decided or the refusal's code.
 * No mocks: the state is the decider's own fold of the history.
 *
 *   spec.given([received]).when(grant).then([granted])
 *   spec.given([received]).when(grant, { now }).thenThrows('MEANS_CONDITION_UNSETTLED')
 */
export const deciderSpec = <C, E, S, Ctx>(decider: Decider<C, E, S, Ctx>, defaultContext: Ctx) => ({
  given: (history: readonly E[]) => ({
    /** The state the history folds to, for assertions on evolve. */
    state: (): S => fold(decider, history),
    when: (command: C, context: Partial<Ctx> = {}) => {
      const run = () => decider.decide(command, fold(decider, history), { ...defaultContext, ...context });
      return {
        then: (expected: readonly E[]): E[] => {
          const decided = run();
          expect(decided).toEqual(expected);
          return decided;
        },
        /** The decided events, for expectations that are not the whole list. */
        events: (): E[] => run(),
        thenThrows: (code: string): DomainError => {
          let caught: unknown = null;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught, `expected a refusal with code ${code}`).toBeInstanceOf(DomainError);
          expect((caught as DomainError).code).toBe(code);
          return caught as DomainError;
        },
      };
    },
  }),
});

/** Catches a domain refusal from any decision (e.g. the two-stream assignment) and returns it. */
export const refusalOf = (decide: () => unknown): DomainError => {
  try {
    decide();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, but the command was accepted');
};
