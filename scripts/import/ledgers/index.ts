import { consultationsLedger } from './consultations.ts';
import { importLinesLedger } from './import-lines.ts';
import type { Ledger } from './ledger.ts';

// The CSV ledgers the importer reads, by the name `--ledger` takes.
export const ledgers: Readonly<Record<string, Ledger>> = {
  [consultationsLedger.name]: consultationsLedger,
  [importLinesLedger.name]: importLinesLedger,
};
