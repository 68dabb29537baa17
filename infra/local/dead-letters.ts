import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';

export type DeadLetterMessage = { id: string; queue: string; body: string; sentAt: string };

/**
 * The local stand-in for the stack's SQS dead-letter queues: named queues of messages, kept in a
 * file beside the database when the stack keeps data, so a redrive can happen after a restart.
 */
export const createDeadLetterStore = (file: string | null, clock: () => Date = () => new Date()) => {
  const messages: DeadLetterMessage[] = [];
  if (file && existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) if (line.trim()) messages.push(JSON.parse(line) as DeadLetterMessage);
  }
  const rewrite = () => {
    if (file) writeFileSync(file, messages.map((m) => JSON.stringify(m) + '\n').join(''));
  };
  return {
    send(queue: string, body: string): DeadLetterMessage {
      const message = { id: randomUUID(), queue, body, sentAt: clock().toISOString() };
      messages.push(message);
      if (file) {
        mkdirSync(dirname(file), { recursive: true });
        appendFileSync(file, JSON.stringify(message) + '\n');
      }
      return message;
    },
    list: (queue?: string) => messages.filter((m) => queue === undefined || m.queue === queue),
    remove(ids: readonly string[]) {
      const gone = new Set(ids);
      const kept = messages.filter((m) => !gone.has(m.id));
      messages.splice(0, messages.length, ...kept);
      rewrite();
    },
  };
};

export type DeadLetterStore = ReturnType<typeof createDeadLetterStore>;
