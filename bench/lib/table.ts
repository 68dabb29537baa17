// Plain-text tables for the terminal (and, with `markdown`, for bench/README.md).

export type Cell = string | number | boolean | null | undefined;

export const formatCell = (value: Cell): string => {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'boolean') return value ? 'yes' : 'NO';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '–';
    if (Number.isInteger(value)) return value.toLocaleString('en-US');
    return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
  }
  return value;
};

export const renderTable = (columns: readonly string[], rows: readonly (readonly Cell[])[], { markdown = false } = {}): string => {
  const cells = rows.map((r) => r.map(formatCell));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)));
  const numeric = columns.map((_, i) => rows.every((r) => typeof r[i] === 'number' || r[i] === null || r[i] === undefined));
  const pad = (s: string, i: number) => (numeric[i] ? s.padStart(widths[i]!) : s.padEnd(widths[i]!));
  if (markdown) {
    const line = (r: readonly string[]) => `| ${r.map((s, i) => pad(s, i)).join(' | ')} |`;
    const rule = `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`;
    return [line(columns), rule, ...cells.map(line)].join('\n');
  }
  const line = (r: readonly string[]) => r.map((s, i) => pad(s, i)).join('  ');
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
};

export const printTable = (title: string, columns: readonly string[], rows: readonly (readonly Cell[])[]) => {
  console.log(`\n${title}\n${renderTable(columns, rows)}`);
};
