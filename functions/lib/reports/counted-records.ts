import type { ConsultationFacts, QualityRecord } from '../../../domain/quality/record.ts';
import { chinaDateOf } from '../../../domain/time/calendar.ts';
import { loadQuality, type Range } from '../read-models/quality-queries.ts';
import type { ReadModelTable } from '../read-models/read-model-table.ts';
import { mapBounded } from './bounded.ts';

/** Whether a record of an agency, dated on a China business date, counts (a node's roll-up rule). */
export type Counts = (agencyId: string, date: string) => boolean;

/**
 * Agencies read at once. Each agency is one paginated Query per list asked (a report asks three:
 * cases received, cases closed, consultations), so a province of ~100 agencies costs ~300 Queries
 * (more only where an agency's period outgrows a 1 MB page) in ~13 rounds of 8; never a Scan.
 */
const AGENCIES_AT_ONCE = 8;

type Part = 'received' | 'closed' | 'consultations';
export type CountedRecords = { received: QualityRecord[]; closed: QualityRecord[]; consultations: ConsultationFacts[] };

const dayOf = (iso: string | null, fallback: string) => (iso ? chinaDateOf(iso) : fallback);

/**
 * The quality items of each agency in the range (the per-agency items stay the unit), keeping those
 * `counts` places under the node on their own dates: received on the receipt date, closed on the
 * closing date, a consultation on its date. A list not asked for is read from no table and empty.
 */
export const countedRecords = async (
  table: ReadModelTable,
  agencyIds: readonly string[],
  range: Range,
  { counts = () => true, parts, undatedOn }: { counts?: Counts; parts: readonly Part[]; undatedOn: string },
): Promise<CountedRecords> => {
  const q = loadQuality(table);
  const read = <T>(part: Part, load: () => Promise<T[]>): Promise<T[]> => (parts.includes(part) ? load() : Promise.resolve([]));
  const per = await mapBounded(agencyIds, AGENCIES_AT_ONCE, async (agencyId) => {
    const [received, closed, consultations] = await Promise.all([
      read('received', () => q.receivedBy(agencyId, range)),
      read('closed', () => q.closedBy(agencyId, range)),
      read('consultations', () => q.consultations(agencyId, range)),
    ]);
    return {
      received: received.filter((r) => counts(agencyId, dayOf(r.receivedAt, undatedOn))),
      closed: closed.filter((r) => counts(agencyId, dayOf(r.closedAt, undatedOn))),
      consultations: consultations.filter((c) => counts(agencyId, dayOf(c.consultedAt, undatedOn))),
    };
  });
  return {
    received: per.flatMap((p) => p.received),
    closed: per.flatMap((p) => p.closed),
    consultations: per.flatMap((p) => p.consultations),
  };
};
