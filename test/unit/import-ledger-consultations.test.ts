import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../../scripts/import/import-file-error.ts';
import { NOT_RECORDED } from '../../scripts/import/ledgers/consultations.ts';
import { readImportFile } from '../../scripts/import/read-file.ts';
import { collect, importFile } from '../support/import-files.ts';

const chineseHeader = '编号,日期,时间,咨询方式,姓名,电话,咨询事项,案件类别,答复,转介,是否告知,接待人,机构';

const csv = (...rows: string[]) => `${rows.join('\r\n')}\r\n`;

describe('the consultation ledger (咨询台账)', () => {
  it('maps each row of a Chinese ledger with a byte-order mark to one RecordConsultation line', async () => {
    const path = importFile(
      'xihu-2018.csv',
      `\uFEFF${csv(
        chineseHeader,
        'Z2018-001,2018/3/5,9:12,来访,张三,13800000000,"工资被拖欠, 三个月",劳动,可申请劳动仲裁,区劳动仲裁委,是,李四,agency:hz-xihu',
        'Z2018-002,2018年3月6日,,12348,匿名,,离婚财产,民事,告知起诉程序,,否,王五,agency:hz-xihu',
      )}`,
    );
    const read = await collect(readImportFile(path));
    expect(read).toEqual([
      {
        line: 2,
        ok: true,
        value: {
          record: 'Z2018-001',
          command: 'RecordConsultation',
          occurredAt: '2018-03-05T09:12:00+08:00',
          actor: { role: 'agency-reviewer', id: 'legacy:李四', organisation: 'agency:hz-xihu' },
          data: {
            agencyId: 'agency:hz-xihu',
            channel: 'window',
            workstationId: null,
            topic: '工资被拖欠, 三个月',
            category: 'labour',
            personName: '张三',
            toldOfRightToApply: true,
            notToldReason: null,
            answer: '可申请劳动仲裁\n转介：区劳动仲裁委',
            consultedAt: '2018-03-05T09:12:00+08:00',
          },
        },
      },
      {
        line: 3,
        ok: false,
        code: 'INVALID_FIELD',
        field: 'not told reason',
        reason: expect.stringMatching(/Art 23.*no column not told reason \/ 未告知原因/),
      },
    ]);
    // The phone is read and not carried: the consultation record holds none.
    expect(JSON.stringify(read)).not.toContain('13800000000');
  });

  it('names a row by its serial number (序号) within its file, since a serial restarts with each ledger book', async () => {
    const path = importFile(
      '2019-book.csv',
      csv('序号,日期,咨询方式,咨询事项,答复,接待人', '7,2019-01-02,来访,事,答,李四', '8,2019-01-02,来访,事,答,李四'),
    );
    const read = await collect(readImportFile(path, { organisation: 'agency:hz-xihu' }));
    expect(read.map((r) => r.ok && r.value.record)).toEqual(['2019-book:7', '2019-book:8']);
  });

  it('names a row without an id column `<file stem>:<row>`, counting data rows, and takes the organisation of the file', async () => {
    const path = importFile(
      'ledger-b.csv',
      csv(
        'date,channel,name,topic,answer,staff',
        '2018-04-01 14:30,hotline,,rent dispute,"explained the ""right to apply""",zhao',
        '2018-04-02,internet,Li,debt,"line one\nline two",qian',
      ),
    );
    const read = await collect(readImportFile(path, { organisation: 'agency:hz-binjiang' }));
    expect(read.map((r) => r.ok && [r.line, r.value.record, r.value.occurredAt, r.value.actor.organisation])).toEqual([
      [2, 'ledger-b:1', '2018-04-01T14:30:00+08:00', 'agency:hz-binjiang'],
      [3, 'ledger-b:2', '2018-04-02T00:00:00+08:00', 'agency:hz-binjiang'],
    ]);
    const first = read[0]!;
    if (!first.ok) throw new Error('expected a line');
    // A ledger that does not say whether the person was told records that it does not say.
    expect(first.value.data).toMatchObject({
      personName: null,
      toldOfRightToApply: false,
      notToldReason: NOT_RECORDED,
      channel: 'hotline-12348',
    });
  });

  it.each([
    ['a date that is no date', '2018-02-30,9:00,来访,甲,事,答,李四', '日期', /2018-03-05/],
    ['a time of day out of range', '2018-02-03,25:00,来访,甲,事,答,李四', '时间', /time of day/],
    ['a channel it does not know', '2018-02-03,9:00,信件,甲,事,答,李四', '咨询方式', /12348/],
    ['a blank topic', '2018-02-03,9:00,来访,甲,,答,李四', '咨询事项', /.+/],
    ['a blank answer', '2018-02-03,9:00,来访,甲,事,,李四', '答复', /.+/],
    ['no staff member', '2018-02-03,9:00,来访,甲,事,答,', '接待人', /who took/],
    ['a name over 100 characters', `2018-02-03,9:00,来访,${'名'.repeat(101)},事,答,李四`, '姓名', /.+/],
    ['a workstation consultation without its workstation', '2018-02-03,9:00,工作站,甲,事,答,李四', 'workstation', /workstation/],
  ])('reports %s as the column and the row, and reads on', async (_, bad, field, reason) => {
    const header = '日期,时间,咨询方式,姓名,咨询事项,答复,接待人';
    const path = importFile('bad-cells.csv', csv(header, '2018-02-03,9:00,来访,甲,事,答,李四', bad, '2018-02-04,9:00,来访,乙,事,答,李四'));
    const read = await collect(readImportFile(path, { organisation: 'agency:hz-xihu' }));
    expect(read.map((r) => [r.line, r.ok])).toEqual([
      [2, true],
      [3, false],
      [4, true],
    ]);
    expect(read[1]).toMatchObject({ field, reason: expect.stringMatching(reason) });
  });

  it('passes over empty rows and empty columns a spreadsheet exports, but not a value under an empty header', async () => {
    const path = importFile(
      'export.csv',
      csv(
        '日期,咨询方式,咨询事项,答复,接待人,,',
        '2018-02-03,来访,事,答,李四,,',
        ',,,,,,',
        '2018-02-04,来访,事,答,李四,, ',
        '2018-02-05,来访,事,答,李四,,x',
      ),
    );
    const read = await collect(readImportFile(path, { organisation: 'agency:hz-xihu' }));
    expect(read.map((r) => (r.ok ? [r.line, r.value.record] : [r.line, r.field, r.reason]))).toEqual([
      [2, 'export:1'],
      [4, 'export:2'],
      [5, 'column 7', 'holds a value under an empty header'],
    ]);
  });

  it('reports a row with the wrong number of cells', async () => {
    const path = importFile('short.csv', csv('日期,咨询方式,咨询事项,答复,接待人', '2018-02-03,来访,事'));
    expect(await collect(readImportFile(path, { organisation: 'agency:hz-xihu' }))).toEqual([
      { line: 2, ok: false, code: 'MALFORMED_ROW', field: 'row', reason: 'has 3 cells where the header has 5' },
    ]);
  });

  it.each([
    ['a column no ledger has', '日期,咨询方式,咨询事项,答复,接待人,机构,备注', /"备注"/],
    ['a missing required column', '日期,咨询方式,咨询事项,接待人,机构', /"answer"/],
    ['no organisation column and none given for the file', '日期,咨询方式,咨询事项,答复,接待人', /"organisation"/],
  ])('refuses a header with %s', async (_, header, reason) => {
    const path = importFile('header.csv', csv(header));
    await expect(collect(readImportFile(path))).rejects.toMatchObject({
      code: 'BAD_HEADER',
      line: 1,
      reason: expect.stringMatching(reason),
    });
  });

  it('refuses an unknown ledger by name', async () => {
    const path = importFile('named.csv', csv(chineseHeader));
    await expect(collect(readImportFile(path, { ledger: 'duty-rota' }))).rejects.toBeInstanceOf(ImportFileError);
  });

  it('stops at a GBK-encoded row, naming the line and what to do', async () => {
    const gbkRow = Buffer.from('323031382d30322d30332ce69da5e8aebf2c', 'hex'); // a UTF-8 start, then GBK below
    const path = importFile(
      'gbk.csv',
      Buffer.concat([
        Buffer.from(csv('日期,咨询方式,咨询事项,答复,接待人,机构', '2018-02-03,来访,事,答,李四,agency:hz-xihu')),
        gbkRow,
        Buffer.from('d7c9d1af2c2c2c0d0a', 'hex'),
      ]),
    );
    const error = await collect(readImportFile(path)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NOT_UTF8', line: 3, reason: expect.stringMatching(/GBK.*convert/) });
  });

  it('reads import lines kept as a spreadsheet, with data as JSON in its cell', async () => {
    const path = importFile(
      'lines.csv',
      csv(
        'record,command,occurredAt,actor.role,actor.id,actor.organisation,data,noticeNumber',
        'C1,AssignAidWorker,2018-03-12T10:00:00+08:00,agency-reviewer,legacy:zw,agency:hz-xihu,"{""workerId"":""@record:W-017""}",(2018)杭西援指字第0031号',
        'C1,GrantAid,2018-03-10T10:00:00+08:00,agency-reviewer,legacy:zw,agency:hz-xihu,"{not json",',
      ),
    );
    const read = await collect(readImportFile(path));
    expect(read[0]).toMatchObject({
      line: 2,
      ok: true,
      value: { record: 'C1', data: { workerId: '@record:W-017' }, noticeNumber: '(2018)杭西援指字第0031号' },
    });
    expect(read[1]).toMatchObject({ line: 3, ok: false, field: 'data', reason: expect.stringMatching(/not JSON/) });
  });
});
