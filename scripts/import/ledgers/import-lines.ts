import { cell, type Ledger, type LedgerResult } from './ledger.ts';

// Import lines kept as a spreadsheet: one column per field of the line (docs/import.md), the actor's
// three fields as actor.role, actor.id, actor.organisation, and `data` as a JSON object in its cell.
// For records that have no ledger of their own but are easier to prepare in a spreadsheet.

const toLine: Ledger['toLine'] = (cells): LedgerResult => {
  const dataText = cell(cells, 'data') ?? '{}';
  let data: unknown;
  try {
    data = JSON.parse(dataText);
  } catch (error) {
    return { ok: false, column: 'data', reason: `not JSON: ${(error as Error).message}` };
  }
  const optional = (key: string) => {
    const value = cell(cells, key);
    return value === undefined ? {} : { [key]: value };
  };
  return {
    ok: true,
    value: {
      record: cell(cells, 'record'),
      command: cell(cells, 'command'),
      occurredAt: cell(cells, 'occurredAt'),
      actor: { role: cell(cells, 'actorRole'), id: cell(cells, 'actorId'), organisation: cell(cells, 'actorOrganisation') },
      data,
      ...optional('noticeNumber'),
      ...optional('step'),
    },
  };
};

export const importLinesLedger: Ledger = {
  name: 'lines',
  description: 'import lines as columns (record, command, occurredAt, actor.role, actor.id, actor.organisation, data as JSON)',
  columns: {
    record: { names: ['record'], required: true },
    command: { names: ['command'], required: true },
    occurredAt: { names: ['occurredAt', 'occurred at'], required: true },
    actorRole: { names: ['actor.role'], required: true },
    actorId: { names: ['actor.id'], required: true },
    actorOrganisation: { names: ['actor.organisation', 'actor.organization'], required: true },
    data: { names: ['data'], required: false },
    noticeNumber: { names: ['noticeNumber', 'notice number'], required: false },
    step: { names: ['step'], required: false },
  },
  toLine,
};
