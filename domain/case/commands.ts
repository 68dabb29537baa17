import type { CaseEvent } from '../../events/catalogue/case-events.ts';

type DataOf<T extends CaseEvent['type']> = Extract<CaseEvent, { type: T }>['data'];

export type ReceiveApplication = { type: 'ReceiveApplication'; data: DataOf<'ApplicationReceived'> };

export type CaseCommand = ReceiveApplication;
