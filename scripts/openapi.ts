// `npm run openapi`: writes docs/openapi.json from the route table, as GET /openapi.json serves it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildOpenApi } from '../functions/api/openapi.ts';

mkdirSync('docs', { recursive: true });
writeFileSync('docs/openapi.json', JSON.stringify(buildOpenApi(), null, 2) + '\n');
console.log('wrote docs/openapi.json');
