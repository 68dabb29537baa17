import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

// The DynamoDB requests the importer sends, by operation, counted by a middleware on its client:
// what an import costs the table in round trips (bench/README.md section 8 records it per line).

export type RequestCount = { total: () => number; byOperation: () => Record<string, number> };

export const countRequests = (client: DynamoDBClient): RequestCount => {
  const counts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context.commandName ?? 'unknown').replace(/Command$/, '');
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'importRequestCount' },
  );
  return {
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    byOperation: () => Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b))),
  };
};

/** `12,345 DynamoDB requests (0.51 a line: Query 0.20, PutItem 0.10, …)`. */
export const formatRequestCount = (count: RequestCount, lines: number): string => {
  const per = (n: number) => (lines > 0 ? (n / lines).toFixed(2) : '-');
  const parts = Object.entries(count.byOperation()).map(([op, n]) => `${op} ${per(n)}`);
  return `${count.total().toLocaleString('en-US')} DynamoDB requests (${per(count.total())} a line: ${parts.join(', ')})`;
};
