// The Decider shape (as in Emmett): plain data and pure functions, no base classes, no I/O.

export type Decider<Command, Event, State, Context> = {
  decide: (command: Command, state: State, context: Context) => Event[];
  evolve: (state: State, event: Event) => State;
  initialState: () => State;
};

export const fold = <Event, State>(
  decider: Pick<Decider<unknown, Event, State, unknown>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State => events.reduce(decider.evolve, decider.initialState());
