import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { EventEnvelope } from '../../../events/envelope.ts';
import { caseNotFound, createCaseReadCheck, stored } from '../../lib/audit/case-read-check.ts';
import { buildExport, exportCsv } from '../../lib/audit/export.ts';
import { foldCase, prefixAt, type Moment } from '../../lib/audit/fold.ts';
import { decodeHistoryCursor, encodeHistoryCursor, historyEntryOf } from '../../lib/audit/history.ts';
import { diffJson } from '../../lib/audit/json-diff.ts';
import { readRawStream, type EventsTableRef } from '../../lib/audit/raw-events.ts';
import { streamOfCase } from '../../lib/audit/verify-store.ts';
import { decodeRawItem, verifyRawItems } from '../../lib/audit/verify.ts';
import { createEventStore } from '../../lib/event-store/event-store.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import { caseIdOf } from '../../lib/http/path-id.ts';
import type { RouteHandler } from '../../lib/http/http-handler.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { seesPersonalData } from '../../lib/auth/mask.ts';
import { PRESENTED_HEADER, SUBJECTS_HEADER } from '../../lib/auth/present.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import { openedData, storedEventsFor } from '../../lib/audit/events-for-caller.ts';
import { allClean } from '../../lib/privacy/digests.ts';
import { WITHHELD } from '../../../events/personal/marks.ts';
import type { KeyStore } from '../../lib/privacy/key-store.ts';
import { json } from '../../lib/http/response.ts';
import { caseAnswer } from '../views/case-view.ts';
import { readSource } from '../views/read-source.ts';
import { caseMomentQuery, diffQuery, exportQuery, historyQuery } from './audit-requests.ts';
import type { CaseStatusTable } from '../../lib/read-models/case-status-table.ts';

// The audit side of the query API: a case's history, its state at any moment, the
// difference between two versions, the verification of its hash chain, and its export. All read
// the event store itself, not the read models (which only answer who may read the case).
// Responses hold personal data from the event data; nothing here logs a response or event data.

export type AuditQueryDeps = {
  events: EventsTableRef;
  caseStatus: CaseStatusTable;
  clock?: () => Date;
  /** The records' data keys: the export opens its data for the caller itself (the presenter opens the rest). */
  keys?: KeyStore;
};

const DEFAULT_PAGE = 50;

const queryOf = (event: APIGatewayProxyEventV2) => event.queryStringParameters ?? {};

const notFound = caseNotFound;

/**
 * A verification report as the caller may see it: the head hash and the hashes a break names are
 * digests like any other (digests.ts), withheld from a caller without a need once the chain holds
 * plain personal data. Whether it verified, and where it broke, is for everyone who may read the case.
 */
const digestsOfReport = <R extends { headHash: string | null; firstBreak: { detail: string } | null }>(
  principal: Admitted,
  items: Parameters<typeof decodeRawItem>[0][],
  report: R,
): R => {
  if (seesPersonalData(principal)) return report;
  const decoded = items.map((item) => decodeRawItem(item));
  const clean =
    decoded.every((d) => d.ok) &&
    allClean(
      catalogue,
      decoded.map((d) => (d.ok ? d.envelope : null)).filter((e) => e !== null),
    );
  if (clean) return report;
  const withhold = (text: string) => text.replace(/[0-9a-f]{64}/g, WITHHELD);
  return {
    ...report,
    headHash: report.headHash === null ? null : WITHHELD,
    firstBreak: report.firstBreak ? { ...report.firstBreak, detail: withhold(report.firstBreak.detail) } : null,
  };
};

export const createAuditQueries = ({ events, caseStatus, keys, clock = () => new Date() }: AuditQueryDeps) => {
  const store = createEventStore({ client: events.client, tableName: events.tableName });

  const authorise = createCaseReadCheck({ store, caseStatus });

  const history: RouteHandler<Admitted> = async (event, _context, principal) => {
    const caseId = caseIdOf(event);
    const stream = streamOfCase(caseId);
    const q = historyQuery.parse(queryOf(event));
    const limit = q.limit ?? DEFAULT_PAGE;
    const from = q.cursor ? decodeHistoryCursor(q.cursor, stream) : 1;
    await authorise(principal, caseId, { load: async () => stored(await store.readStream(stream)) });
    // One more than asked, to know without a second read whether another page follows.
    const page = await store.readPage(stream, { from, limit: limit + 1 });
    const shown = page.events.slice(0, limit);
    const following = page.events[limit];
    // Otherwise DynamoDB may have stopped at its 1 MB page before the limit: the store says where to go on.
    const nextFrom = following ? following.version : page.nextFrom;
    // Whether a digest is safe for a caller without a need depends on every event before it (digests.ts).
    const cleanBefore = seesPersonalData(principal) || from === 1 || allClean(catalogue, await store.readStream(stream, { to: from - 1 }));
    return json(200, {
      caseId,
      stream,
      order: 'version ascending (oldest first)',
      events: storedEventsFor(catalogue, principal, shown, cleanBefore).map(historyEntryOf),
      nextCursor: nextFrom !== null ? encodeHistoryCursor(stream, nextFrom) : null,
    });
  };

  const stateAt: RouteHandler<Admitted> = async (event, _context, principal) => {
    const caseId = caseIdOf(event);
    const stream = streamOfCase(caseId);
    const q = caseMomentQuery.parse(queryOf(event));
    const envelopes = await store.readStream(stream);
    await authorise(principal, caseId, { load: async () => stored(envelopes) });
    const last = envelopes.at(-1);
    if (!last) throw notFound(caseId);
    const moment: Moment = q.version !== undefined ? { version: q.version } : { asOf: q.asOf! };
    if ('version' in moment && moment.version > last.version) {
      throw new HttpError(404, 'VERSION_NOT_FOUND', `case ${caseId} has no version ${moment.version}; its last is ${last.version}`, {
        field: 'version',
        details: { lastVersion: last.version },
      });
    }
    const prefix = prefixAt(envelopes, moment);
    const at = prefix.at(-1);
    if (!at) {
      throw new HttpError(404, 'NOT_YET_RECORDED', `case ${caseId} had no event recorded at or before ${q.asOf}`, {
        field: 'asOf',
        details: { firstRecordedAt: envelopes[0]!.recordedAt },
      });
    }
    // The shape of the case now (current-case.ts), folded with the same code: one schema for a case
    // at any moment. Its deadlines are judged as of this request, as the current case's are.
    return json(200, caseAnswer(foldCase(prefix), at.version, at.recordedAt, clock().toISOString()), readSource('event-store'));
  };

  const diff: RouteHandler<Admitted> = async (event, _context, principal) => {
    const caseId = caseIdOf(event);
    const stream = streamOfCase(caseId);
    const { from, to } = diffQuery.parse(queryOf(event));
    const envelopes = await store.readStream(stream, { to });
    await authorise(principal, caseId, { load: async () => stored(await store.readStream(stream)) });
    const last = envelopes.at(-1);
    if (!last) throw notFound(caseId);
    if (last.version < to)
      throw new HttpError(404, 'VERSION_NOT_FOUND', `case ${caseId} has no version ${to}; its last is ${last.version}`, {
        field: 'to',
        details: { lastVersion: last.version },
      });
    const before = foldCase(prefixAt(envelopes, { version: from }));
    const after = foldCase(envelopes);
    return json(200, {
      caseId,
      from,
      to,
      changes: diffJson(before, after),
      events: storedEventsFor(catalogue, principal, envelopes)
        .filter((e) => e.version > from)
        .map(historyEntryOf),
    });
  };

  const verify: RouteHandler<Admitted> = async (event, _context, principal) => {
    const caseId = caseIdOf(event);
    const stream = streamOfCase(caseId);
    const [items, record] = await Promise.all([readRawStream(events, stream), caseStatus.get(caseId, { consistent: true })]);
    await authorise(principal, caseId, {
      record,
      load: async () => {
        const readable: EventEnvelope[] = [];
        for (const item of items) {
          const d = decodeRawItem(item);
          if (!d.ok) break;
          readable.push(d.envelope);
        }
        // A case whose items are all unreadable still exists: verification must be able to say so.
        return { exists: items.length > 0, readable };
      },
    });
    const { stream: _s, ...report } = verifyRawItems(stream, items, { readModelVersion: record?.version ?? null });
    return json(200, { caseId, stream, ...digestsOfReport(principal, items, report) });
  };

  const exportHistory: RouteHandler<Admitted> = async (event, _context, principal): Promise<APIGatewayProxyStructuredResultV2> => {
    const caseId = caseIdOf(event);
    const stream = streamOfCase(caseId);
    const { format } = exportQuery.parse(queryOf(event));
    const envelopes = await store.readStream(stream);
    await authorise(principal, caseId, { load: async () => stored(envelopes) });
    if (envelopes.length === 0) throw notFound(caseId);
    const shown = storedEventsFor(catalogue, principal, envelopes);
    const opened = await openedData(keys, principal, shown);
    // The answer is opened and masked here (the presenter leaves it as it is): the JSON export's stored
    // envelopes must stay sealed to verify offline; the CSV holds no sealed value at all.
    const headers = {
      'cache-control': 'no-store',
      'content-disposition': `attachment; filename="case-${caseId}-history.${format}"`,
      [PRESENTED_HEADER]: 'handler',
      ...(opened.subjects.length > 0 ? { [SUBJECTS_HEADER]: opened.subjects.join(',') } : {}),
    };
    if (format === 'csv') {
      const rows = shown.map((e, i) => ({ ...e, data: opened.data[i]! }));
      return { statusCode: 200, headers: { 'content-type': 'text/csv; charset=utf-8', ...headers }, body: exportCsv(rows) };
    }
    const exported = buildExport({
      caseId,
      stream,
      events: shown,
      opened: shown.map((e, i) => ({ version: e.version, data: opened.data[i]! })),
      exportedAt: clock().toISOString(),
      exportedBy: { id: principal.id, role: principal.role, organisation: principal.organisation },
    });
    return json(200, exported, headers);
  };

  return {
    /** Spread into the query handler's route map. */
    routes: {
      'GET /cases/{id}/history': history,
      'GET /cases/{id}/diff': diff,
      'GET /cases/{id}/verify': verify,
      'GET /cases/{id}/export': exportHistory,
    } satisfies Record<string, RouteHandler<Admitted>>,
    /** Wraps `GET /cases/{id}`: with `asOf` or `version` the case is folded from the store; without, `current` answers. */
    pointInTime:
      (current: RouteHandler<Admitted>): RouteHandler<Admitted> =>
      async (event, context, principal) => {
        const q = queryOf(event);
        return q.asOf === undefined && q.version === undefined ? current(event, context, principal) : stateAt(event, context, principal);
      },
  };
};

/** The audit routes, to spread into the query handler's route map. */
export const auditRoutes = (deps: AuditQueryDeps) => createAuditQueries(deps).routes;

/** `GET /cases/{id}` with `asOf` or `version`: folded from the store; without them, `current` answers as before. */
export const caseAtMoment = (deps: AuditQueryDeps, current: RouteHandler<Admitted>): RouteHandler<Admitted> =>
  createAuditQueries(deps).pointInTime(current);
