import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, type EventEnvelope } from '../../events/envelope.ts';
import { hashEvent } from '../../events/hash-chain.ts';
import { BOM, escapeCell, formatCsv, parseCsv, unescapeCell } from '../../functions/lib/audit/csv.ts';
import {
  buildExport,
  envelopesFromCsv,
  exportCsv,
  InvalidExportError,
  verifyCsvExport,
  verifyExport,
} from '../../functions/lib/audit/export.ts';

/** A sealed chain of envelopes, as the store would write them. */
const chain = (datas: Record<string, unknown>[], over: Partial<EventEnvelope> = {}): EventEnvelope[] => {
  let prevHash = GENESIS_HASH;
  return datas.map((data, i) => {
    const unsealed = {
      eventId: randomUUID(),
      type: 'NoteRecorded',
      schemaVersion: 1,
      stream: 'case#0b5c7d0e-1111-4222-8333-444455556666',
      version: i + 1,
      occurredAt: '2026-01-01T09:00:00+08:00',
      recordedAt: '2026-01-01T01:00:00.000Z',
      actor: { id: 'reviewer-1', role: 'agency-reviewer', organisation: 'agency:hz-xihu' },
      workstation: i % 2 ? null : 'window-1',
      correlationId: 'corr-1',
      causationId: i % 2 ? 'cause-1' : null,
      idempotencyKey: i === 0 ? 'key-1' : null,
      requestHash: i === 0 ? 'a'.repeat(64) : null,
      prevHash,
      data,
      ...over,
    };
    const sealed = { ...unsealed, hash: hashEvent(unsealed) };
    prevHash = sealed.hash;
    return sealed;
  });
};

describe('CSV (RFC 4180)', () => {
  it('quotes commas, quotes and line breaks, ends records with CRLF, and parses back', () => {
    const rows = [
      ['a', 'b,c', 'say "hi"', 'two\r\nlines', 'lf\nonly', ''],
      ['张三', ' spaced ', '', '', '', 'x'],
    ];
    const text = formatCsv(rows);
    expect(text).toBe('a,"b,c","say ""hi""","two\r\nlines","lf\nonly",\r\n张三, spaced ,,,,x\r\n');
    expect(parseCsv(text)).toEqual(rows);
    expect(parseCsv(BOM + text)).toEqual(rows);
    expect(parseCsv('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('refuses broken quoting', () => {
    expect(() => parseCsv('"open')).toThrow(/not closed/);
    expect(() => parseCsv('"a"b')).toThrow(/after a closing quote/);
    expect(() => parseCsv('a"b')).toThrow(/quote inside/);
  });

  it('defuses spreadsheet formulas reversibly', () => {
    for (const v of ['=HYPERLINK("x")', '+1', '-1', '@SUM(A1)', "'quoted", '\tTab', 'plain']) {
      expect(unescapeCell(escapeCell(v))).toBe(v);
    }
    expect(escapeCell('=1+1')).toBe("'=1+1");
    expect(escapeCell('plain')).toBe('plain');
  });

  it('round-trips any rows (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          expect(parseCsv(formatCsv(rows))).toEqual(rows);
        },
      ),
    );
  });
});

describe('export and its check', () => {
  const events = chain([
    {
      applicant: { name: '张三', identityNumber: '330106199001011234', address: '杭州市西湖区文三路 1 号, 2 单元' },
      matter: '拖欠工资 "8" 个月\n另有工伤',
    },
    { legalBasis: '=cmd|/C calc', amountFen: 4_800_000, nested: [1, { a: null }] },
    { reasons: '', unicode: '𠮷 é' },
  ]);

  it('verifies a JSON export, and finds an altered, removed or cut-off event in it', () => {
    const exported = buildExport({
      caseId: 'c',
      stream: events[0]!.stream,
      events,
      opened: events.map((e) => ({ version: e.version, data: e.data })),
      exportedAt: '2026-01-02T00:00:00Z',
      exportedBy: events[0]!.actor,
    });
    expect(verifyExport(JSON.stringify(exported))).toMatchObject({ verified: true, events: 3, headHash: events[2]!.hash });

    const altered = structuredClone(exported);
    altered.events[1]!.data.amountFen = 1;
    expect(verifyExport(altered).firstBreak).toMatchObject({ version: 2, reason: 'HASH_MISMATCH' });

    expect(verifyExport({ ...exported, events: [events[0], events[2]] }).firstBreak).toMatchObject({ version: 2, reason: 'VERSION_GAP' });
    expect(verifyExport({ ...exported, events: events.slice(0, 2) }).firstBreak).toMatchObject({ version: 3, reason: 'TRUNCATED' });
    expect(verifyExport({ ...exported, head: { version: 3, hash: 'f'.repeat(64) } }).firstBreak).toMatchObject({
      version: 3,
      reason: 'HASH_MISMATCH',
    });
    expect(verifyExport({ ...exported, events: [events[0], { ...events[1], actor: 'x' }, events[2]] }).firstBreak).toMatchObject({
      version: 2,
      reason: 'INVALID_ENVELOPE',
    });
  });

  it('refuses what is not an export', () => {
    expect(() => verifyExport('not json')).toThrow(InvalidExportError);
    expect(() => verifyExport({ events: [] })).toThrow(/format/);
  });

  it('writes CSV with a BOM and a header, and reads it back to the same envelopes', () => {
    const text = exportCsv(events);
    expect(text.startsWith(`${BOM}stream,version,type,`)).toBe(true);
    expect(envelopesFromCsv(text)).toEqual(events);
    // A caller-supplied correlation id that a spreadsheet would run as a formula is defused, reversibly.
    const risky = chain([{ n: 1 }], { correlationId: '=cmd|/C calc' });
    expect(exportCsv(risky)).toContain(",'=cmd|/C calc,");
    expect(envelopesFromCsv(exportCsv(risky))).toEqual(risky);
    expect(verifyCsvExport(text)).toMatchObject({ verified: true, events: 3 });
    expect(verifyCsvExport(text.replace('张三', '李四')).firstBreak).toMatchObject({ version: 1, reason: 'HASH_MISMATCH' });
  });

  it('round-trips any event data and nullable fields through CSV (property)', () => {
    fc.assert(
      // Stored data never has a `__proto__` key: every body is a strict zod object that refuses it. Data
      // with one does not round-trip yet (a known gap, in the stop notes), so the generator leaves it out.
      fc.property(
        fc
          .array(fc.dictionary(fc.string(), fc.jsonValue()), { minLength: 1, maxLength: 4 })
          .filter((d) => !JSON.stringify(d).includes('"__proto__"')),
        fc.option(fc.string({ minLength: 1, maxLength: 50 })),
        (datas, workstation) => {
          const envs = chain(JSON.parse(JSON.stringify(datas)) as Record<string, unknown>[], {
            workstation,
            correlationId: workstation ?? '-corr',
          });
          expect(envelopesFromCsv(exportCsv(envs))).toEqual(envs);
          expect(verifyCsvExport(exportCsv(envs)).verified).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a CSV with another header or a short row', () => {
    expect(() => envelopesFromCsv('a,b\r\n1,2\r\n')).toThrow(/header/);
    const [header, first] = exportCsv(events).split('\r\n');
    expect(() => envelopesFromCsv(`${header}\r\n${first!.split(',').slice(0, 5).join(',')}\r\n`)).toThrow(/fields/);
  });
});
