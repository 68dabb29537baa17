import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateCountyYear } from './import/county-year.ts';

// npm run generate-year -- --year 2018 --cases 1200 --consultations 8400 --seed 2018 --out year.jsonl
// Writes a county agency's generated year as an import file (JSON lines) and, beside it
// (<out>.figures.json), the figures its annual report must give.

const { values } = parseArgs({
  options: {
    year: { type: 'string', default: '2018' },
    cases: { type: 'string', default: '1200' },
    consultations: { type: 'string', default: '8400' },
    seed: { type: 'string', default: '2018' },
    out: { type: 'string' },
  },
});
const count = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got ${values[name]}`);
  return n;
};
if (!values.out) throw new Error('--out <file.jsonl> is required');
const { lines, figures } = generateCountyYear({
  year: count('year'),
  cases: count('cases'),
  consultations: count('consultations'),
  seed: count('seed'),
});
writeFileSync(values.out, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
writeFileSync(`${values.out}.figures.json`, JSON.stringify(figures, null, 2));
console.log(`${lines.length} lines → ${values.out}; figures → ${values.out}.figures.json`);
