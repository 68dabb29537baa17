import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The order files start in. With durations from an earlier run (vitest's cache), vitest's own order
// serves: longest first. On a clean checkout (CI) there is none, and vitest falls back to the file's
// size, which says little here: import-year.test.ts is 107 lines and runs a whole county's year
// through a local stack, and it started among the last, so the run ended with three workers waiting
// on one file. Without durations, files that start local stacks and child processes
// (reliability, e2e, integration) go first, the quick unit and infra files fill in at the end.

const weight = (moduleId: string) => {
  const order = ['/test/reliability/', '/test/e2e/', '/test/integration/', '/test/infra/'];
  const at = order.findIndex((folder) => moduleId.includes(folder));
  return at === -1 ? order.length : at;
};

export default class HeavyFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const cache = this.ctx.cache;
    if (files.every((spec) => cache.getTestSpecificationResult(spec))) return sorted;
    // A stable sort: within a folder, vitest's order (its fallback by size) stays.
    return sorted
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => weight(a.spec.moduleId) - weight(b.spec.moduleId) || a.i - b.i)
      .map(({ spec }) => spec);
  }
}
