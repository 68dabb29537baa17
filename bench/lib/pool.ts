// A writer pool: `concurrency` workers take items from one queue in order until it is empty. Each
// item's own work runs sequentially inside one worker (e.g. one case's events, in version order).

export const runPool = async <T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, worker: number) => Promise<void>,
): Promise<void> => {
  let next = 0;
  const worker = async (id: number) => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item, id);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, (_, id) => worker(id)));
};

export const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};
