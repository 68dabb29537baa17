import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../../scripts/import/import-file-error.ts';
import { readImportFile } from '../../scripts/import/read-file.ts';
import { collect, importFile, validLine } from '../support/import-files.ts';

const jsonl = (...lines: unknown[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');

describe('reading a JSON-lines import file', () => {
  it('yields each line with its number in the file, skipping blank lines and a byte-order mark', async () => {
    const first = validLine();
    const second = validLine({ command: 'GrantAid', step: 's2', occurredAt: '2018-03-10T10:00:00+08:00' });
    const path = importFile('plain.jsonl', `\uFEFF${jsonl(first, '', '   ', second)}\n\n`);
    const read = await collect(readImportFile(path));
    expect(read).toEqual([
      { line: 1, ok: true, value: first },
      { line: 4, ok: true, value: second },
    ]);
  });

  it('reads CRLF line endings and a last line without one', async () => {
    const path = importFile('crlf.jsonl', `${JSON.stringify(validLine())}\r\n${JSON.stringify(validLine({ record: 'C2' }))}`);
    const read = await collect(readImportFile(path));
    expect(read.map((r) => r.ok && r.value.record)).toEqual(['C2018-0007', 'C2']);
  });

  it.each([
    ['not JSON', '{"record":', 'line', /not JSON/],
    ['not an object', '[1,2]', 'line', /not a JSON object/],
    ['no record', jsonl({ ...validLine(), record: undefined }), 'record', /.+/],
    ['a record id too long', jsonl(validLine({ record: 'x'.repeat(121) })), 'record', /.+/],
    ['a command the API does not have', jsonl(validLine({ command: 'DeleteEverything' })), 'command', /command of the API/],
    ['a time without an offset', jsonl(validLine({ occurredAt: '2018-03-05T09:12:00' })), 'occurredAt', /.+/],
    ['an unknown role', jsonl(validLine({ actor: { ...validLine().actor, role: 'mayor' } })), 'actor.role', /.+/],
    [
      'a role that may not issue the command',
      jsonl(validLine({ actor: { ...validLine().actor, role: 'aid-worker' } })),
      'actor.role',
      /agency-reviewer/,
    ],
    [
      'an organisation that is no registry id',
      jsonl(validLine({ actor: { ...validLine().actor, organisation: '西湖区法律援助中心' } })),
      'actor.organisation',
      /.+/,
    ],
    [
      'a notice number on a grant',
      jsonl(validLine({ command: 'GrantAid', noticeNumber: '(2018)杭西援指字第0031号' })),
      'noticeNumber',
      /AssignAidWorker/,
    ],
    ['a field the line does not have', jsonl(validLine({ extra: 1 })), 'line', /.+/],
    ['data that is not an object', jsonl(validLine({ data: 'x' })), 'data', /.+/],
    ['a negative step', jsonl(validLine({ step: -1 })), 'step', /.+/],
  ])('reports %s as that line’s field and reason, and goes on', async (_, bad, field, reason) => {
    const path = importFile('bad.jsonl', jsonl(validLine(), bad, validLine({ record: 'after' })));
    const read = await collect(readImportFile(path));
    expect(read.map((r) => r.ok)).toEqual([true, false, true]);
    const error = read[1]!;
    if (error.ok) throw new Error('expected an error');
    expect(error).toMatchObject({ line: 2, field });
    expect(error.reason).toMatch(reason);
  });

  it('takes a numeric step and a line without data', async () => {
    const { data: _, ...noData } = validLine({ step: 3 });
    const [read] = await collect(readImportFile(importFile('step.jsonl', jsonl(noData))));
    expect(read).toEqual({ line: 1, ok: true, value: { ...noData, data: {} } });
  });

  it('keeps a notice number on an assignment', async () => {
    const line = validLine({ command: 'AssignAidWorker', noticeNumber: '(2018)杭西援指字第0031号' });
    const [read] = await collect(readImportFile(importFile('notice.jsonl', jsonl(line))));
    expect(read).toEqual({ line: 1, ok: true, value: line });
  });

  it('stops at a line that is not UTF-8, naming the line and GBK', async () => {
    const gbk = Buffer.from('d7c9d1af', 'hex'); // 咨询 in GBK
    const path = importFile(
      'gbk.jsonl',
      Buffer.concat([Buffer.from(`${jsonl(validLine(), validLine())}\n{"record":"`), gbk, Buffer.from('"}\n')]),
    );
    const read: unknown[] = [];
    const error = await (async () => {
      try {
        for await (const line of readImportFile(path)) read.push(line);
      } catch (e) {
        return e;
      }
    })();
    expect(read).toHaveLength(2);
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error).toMatchObject({ code: 'NOT_UTF8', line: 3 });
    expect((error as ImportFileError).reason).toMatch(/GBK/);
  });

  it('reads as the consumer asks: the first line comes before a bad line further on is reached', async () => {
    const path = importFile('late-bad.jsonl', Buffer.concat([Buffer.from(`${jsonl(validLine())}\n`), Buffer.from([0xff, 0xfe, 0x0a])]));
    const lines = readImportFile(path);
    const first = await lines.next();
    expect(first.value).toMatchObject({ line: 1, ok: true });
    await expect(lines.next()).rejects.toMatchObject({ code: 'NOT_UTF8', line: 2 });
  });

  it('tells how many bytes it has read, ending at the file size', async () => {
    const path = importFile('bytes.jsonl', `${jsonl(validLine(), validLine({ record: '中文' }))}\n`);
    const seen: number[] = [];
    await collect(readImportFile(path, { onBytes: (b) => seen.push(b) }));
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(Buffer.byteLength(`${JSON.stringify(validLine())}\n`));
    expect(seen.at(-1)).toBe(statSync(path).size);
  });

  it('refuses a line that runs on past 1 MiB instead of holding it', async () => {
    const path = importFile('long.jsonl', `${jsonl(validLine())}\n${'x'.repeat(1024 * 1024 + 10)}`);
    await expect(collect(readImportFile(path))).rejects.toMatchObject({ code: 'LINE_TOO_LONG', line: 2 });
  });
});
