import { describe, expect, it } from 'vitest';
import { csvRows } from '../../scripts/import/csv-rows.ts';
import { physicalLines } from '../../scripts/import/physical-lines.ts';
import { collect, importFile } from '../support/import-files.ts';

const rowsOf = async (text: string) => {
  const rows = await collect(csvRows(physicalLines(importFile('rows.csv', text))));
  return rows.map((r) => (r.ok ? { line: r.line, cells: r.cells } : { line: r.line, error: r.reason }));
};

describe('CSV rows (RFC 4180)', () => {
  it('splits on commas, keeps commas and doubled quotes inside quotes, and keeps empty fields', async () => {
    expect(await rowsOf('a,b,c\n"x, y","say ""hi""",\n,"",z\n')).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['x, y', 'say "hi"', ''] },
      { line: 3, cells: ['', '', 'z'] },
    ]);
  });

  it('numbers a row by the line it starts on when a quoted field holds line breaks', async () => {
    expect(await rowsOf('h1,h2\r\n"first\r\nsecond\r\n third",x\r\nnext,row\r\n')).toEqual([
      { line: 1, cells: ['h1', 'h2'] },
      { line: 2, cells: ['first\nsecond\n third', 'x'] },
      { line: 5, cells: ['next', 'row'] },
    ]);
  });

  it('skips blank lines between rows but keeps them inside a quoted field', async () => {
    expect(await rowsOf('a\n\n"x\n\ny"\n\n')).toEqual([
      { line: 1, cells: ['a'] },
      { line: 3, cells: ['x\n\ny'] },
    ]);
  });

  it('reports a quote inside an unquoted field and text after a closing quote, and reads the next row', async () => {
    const rows = await rowsOf('ab"c,d\n"ab"c,d\nok,row\n');
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(rows[0]).toMatchObject({ error: expect.stringMatching(/column 1 has a quote inside an unquoted field/) });
    expect(rows[1]).toMatchObject({ error: expect.stringMatching(/column 1 has text after its closing quote/) });
    expect(rows[2]).toEqual({ line: 3, cells: ['ok', 'row'] });
  });

  it('reports a quote never closed at the row it opened on', async () => {
    expect(await rowsOf('a,b\nc,"open\nmore\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, error: 'a quoted field opened on this row is never closed' },
    ]);
  });
});
