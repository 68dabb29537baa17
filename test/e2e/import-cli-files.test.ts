import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../events/envelope.ts';
import { importedIdOf } from '../../functions/lib/import/record-ids.ts';
import { caseLines, consultationLine, smallImport, type Line } from '../support/import-file.ts';
import { cleanUp, comparable, importCli, imported, stackWithKeyFile, tmp, writeLines, type Stack } from '../support/import-cli.ts';
import { principal } from '../support/local-stack.ts';

// `npm run import` on the files an agency brings: a consultation ledger saved from a spreadsheet
// (CSV, Chinese headers, a bad row), and a JSON-lines file in date order, whose records interleave.

type CliStack = Stack & { masterKey: string };

afterAll(cleanUp);

const HEADER = '编号,咨询日期,时间,咨询方式,咨询人,联系电话,咨询事项,类别,答复,是否告知,接待人';
const LEDGER = [
  HEADER,
  'ZX2018-001,2018-03-05,09:12,来访,张三,13800000000,拖欠工资,劳动,可以申请法律援助,是,李明',
  'ZX2018-002,2018/3/6,,12348,匿名,,离婚财产分割,民事,告知诉讼程序,是,王芳',
  'ZX2018-003,2018年3月7日,10:00,飞鸽传书,李四,,工伤认定,劳动,已答复,是,李明',
  'ZX2018-004,2018-03-08,14:30,电话,"王五, 王六",,合同纠纷,民事,"建议协商，""必要时""起诉",是,李明',
];

const outcomesOf = (report: string) =>
  readFileSync(report, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { line: number; record: string | null; status: string; code?: string; field?: string });

/** The records' lines: workers and the fund first, then cases two by two in the same month (their steps interleave by date), consultations. */
const recordsFile = (): Line[] => {
  const head = smallImport().filter((l) => ['RegisterAidWorker', 'AllocateFund'].includes(l.command));
  const cases = Array.from({ length: 8 }, (_, i) =>
    caseLines(`C2018-2${String(i).padStart(3, '0')}`, 3 + Math.floor(i / 2), {
      worker: i % 2 ? 'W-2' : 'W-1',
      paid: i === 0 || i === 5,
      ...(i % 3 === 0 ? { notice: `(2018)杭西援指字第${String(200 + i).padStart(4, '0')}号` } : {}),
    }),
  ).flat();
  const consultations = Array.from({ length: 4 }, (_, i) => consultationLine(`Z2018-2${String(i).padStart(3, '0')}`, 3 + i, 10));
  return [...head, ...cases, ...consultations];
};

/** The events of one system, as two stores can agree on them whatever line of the file each came from. */
const storeOf = async (stack: CliStack, system: string) => {
  const events = (await imported(stack)).filter((e: EventEnvelope) => e.provenance?.system === system);
  return (await comparable(stack, events)).map(({ causationId: _c, provenance, ...rest }) => ({
    ...rest,
    provenance: { ...provenance, line: 0 },
  }));
};

describe('npm run import on the files an agency brings', () => {
  let one: CliStack;
  let other: CliStack;
  beforeAll(async () => {
    one = await stackWithKeyFile('import-files-one');
    other = await stackWithKeyFile('import-files-other');
  }, 120_000);

  it('imports a consultation ledger (CSV, Chinese headers): the consultations readable, a bad row rejected with its line and column, a re-run adding nothing', async () => {
    const file = join(tmp(), '西湖咨询台账2018.csv');
    writeFileSync(file, `\uFEFF${LEDGER.join('\r\n')}\r\n`);
    const report = join(tmp(), 'report.jsonl');
    const args = ['--organisation', 'agency:hz-xihu', '--report', report];
    const first = await importCli(one, file, args, { system: 'xh-ledger', batch: 'ledger-1' }).done;
    expect(first.code, first.out).toBe(1);
    const outcomes = outcomesOf(report);
    expect(
      outcomes
        .filter((o) => o.status === 'accepted')
        .map((o) => o.record)
        .sort(),
    ).toEqual(['ZX2018-001', 'ZX2018-002', 'ZX2018-004']);
    expect(outcomes.filter((o) => o.status !== 'accepted')).toEqual([
      expect.objectContaining({ line: 4, record: null, status: 'rejected', code: 'INVALID_FIELD', field: '咨询方式' }),
    ]);
    expect(first.out).toContain('REJECTED line 4 (?): INVALID_FIELD 咨询方式');

    const reviewer = principal('agency-reviewer', { org: 'agency:hz-xihu' });
    const read = (record: string) =>
      one.request<Record<string, unknown>>('GET', `/consultations/${importedIdOf('xh-ledger', record)}`, { as: reviewer });
    const zhang = await read('ZX2018-001');
    expect(zhang.status, JSON.stringify(zhang.body)).toBe(200);
    expect(zhang.body).toMatchObject({
      agencyId: 'agency:hz-xihu',
      channel: 'window',
      topic: '拖欠工资',
      personName: '张三',
      toldOfRightToApply: true,
    });
    expect(Date.parse(String(zhang.body.consultedAt))).toBe(Date.parse('2018-03-05T09:12:00+08:00'));
    const anonymous = await read('ZX2018-002');
    expect(anonymous.body).toMatchObject({ channel: 'hotline-12348', personName: null });
    const quoted = await read('ZX2018-004');
    expect(quoted.body).toMatchObject({ personName: '王五, 王六', answer: '建议协商，"必要时"起诉' });
    expect((await read('ZX2018-003')).status).toBe(404);

    const stored = await imported(one);
    const again = await importCli(one, file, args, { system: 'xh-ledger', batch: 'ledger-1-again' }).done;
    expect(again.code, again.out).toBe(1);
    expect(outcomesOf(report).filter((o) => o.status === 'accepted')).toEqual([]);
    expect(outcomesOf(report).filter((o) => o.status === 'replayed')).toHaveLength(3);
    expect((await imported(one)).map((e) => e.eventId)).toEqual(stored.map((e) => e.eventId));
  }, 120_000);

  it('stops at a header no ledger has, with exit code 2 and nothing stored; an unknown --ledger is a usage error', async () => {
    const file = join(tmp(), 'ledger.csv');
    writeFileSync(file, `${HEADER},备注\n${LEDGER[1]},无\n`);
    const before = (await imported(one)).length;
    const stopped = await importCli(one, file, ['--organisation', 'agency:hz-xihu'], { system: 'xh-header' }).done;
    expect(stopped.code, stopped.out).toBe(2);
    expect(stopped.out).toMatch(/line 1 .*"备注".*\(BAD_HEADER\)/);
    expect((await imported(one)).length).toBe(before);
    const usage = await importCli(one, file, ['--ledger', 'minutes'], { system: 'xh-header' }).done;
    expect(usage.code, usage.out).toBe(2);
    expect(usage.out).toContain('--ledger takes one of');
  }, 120_000);

  it('imports a file in date order, its records interleaved, into the store the same lines grouped by record give', async () => {
    const grouped = recordsFile();
    const byDate = [...grouped].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
    expect(byDate.map((l) => l.record)).not.toEqual(grouped.map((l) => l.record));

    const system = { system: 'xh-order', batch: 'order-1' };
    const inDateOrder = await importCli(one, writeLines(byDate), [], system).done;
    expect(inDateOrder.code, inDateOrder.out).toBe(0);
    const inRecordOrder = await importCli(other, writeLines(grouped), [], system).done;
    expect(inRecordOrder.code, inRecordOrder.out).toBe(0);

    const stored = await storeOf(one, 'xh-order');
    expect(stored.length).toBeGreaterThan(grouped.length - 1);
    expect(stored).toEqual(await storeOf(other, 'xh-order'));
  }, 240_000);
});
