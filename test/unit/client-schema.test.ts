import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { GENERATED, generateSchema } from '../../clients/typescript/scripts/generate.ts';

// The client's types are generated from docs/openapi.json (npm run client). A document changed
// without regenerating them leaves the client typed for an API that no longer is: this fails then.

describe('the TypeScript client', () => {
  it('is generated from docs/openapi.json as it is now (else run npm run client)', async () => {
    expect(await readFile(GENERATED, 'utf8')).toBe(await generateSchema());
  }, 60_000);
});
