import { beforeAll, describe, expect, it } from 'vitest';
import { createEventStore } from '../../functions/lib/event-store/event-store.ts';
import { testTables } from '../support/dynamo.ts';
import { applicationBody } from '../support/fixtures.ts';
import { inProcessCommands } from '../support/in-process-api.ts';
import { problemOf } from '../support/problem.ts';
import { people } from '../support/recorded-history.ts';

// Errors are RFC 9457 problem details, one status per rule (README "Errors"): a refusal's written
// reasons left out, sent empty, or sent blank is the same rule (Art 43, reasons required), so the
// same 400 naming the same field, whichever check caught it (the body's schema or the decider).

let call: ReturnType<typeof inProcessCommands>;
let caseId: string;

beforeAll(async () => {
  const t = await testTables('problem-details');
  const clock = () => new Date();
  const store = createEventStore({ client: t.client, tableName: t.eventsTableName, clock });
  call = inProcessCommands({ store, clock });
  const opened = await call(people.reviewer, '/applications', applicationBody({ receivedAt: new Date(Date.now() - 60_000).toISOString() }));
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  caseId = opened.body.caseId as string;
});

describe('a refusal without its written reasons', () => {
  const basis = '《法律援助法》第三十四条';

  it('is 400 naming reasons, whether the field is missing, empty or blank', async () => {
    const answers = await Promise.all([
      call(people.reviewer, `/cases/${caseId}/refusal`, { legalBasis: basis }),
      call(people.reviewer, `/cases/${caseId}/refusal`, { legalBasis: basis, reasons: '' }),
      call(people.reviewer, `/cases/${caseId}/refusal`, { legalBasis: basis, reasons: '   ' }),
    ]);
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(problemOf(answer.body).field).toBe('reasons');
    }
  });

  it('answers problem details: a type URN per code, title, status, detail, the request path as instance', async () => {
    const blank = await call(people.reviewer, `/cases/${caseId}/refusal`, { legalBasis: basis, reasons: '   ' });
    expect(blank.body).toMatchObject({
      type: 'urn:legal-aid:problem:refusal-reasons-required',
      title: 'a refusal is given in writing with reasons',
      status: 400,
      detail: expect.stringContaining('required'),
      instance: `/cases/${caseId}/refusal`,
      code: 'REFUSAL_REASONS_REQUIRED',
      field: 'reasons',
      rule: expect.stringContaining('Art 43'),
    });
    const unknown = await call(people.reviewer, `/cases/${caseId}/refusal`, { legalBasis: basis, reasons: '收入超标', colour: 'red' });
    expect(unknown.status).toBe(400);
    // An unknown member is named itself, not the body it sits in.
    expect(problemOf(unknown.body)).toMatchObject({ code: 'INVALID_FIELD', field: 'colour' });
    expect(problemOf(unknown.body).issues).toEqual([{ field: 'colour', reason: expect.any(String) }]);
  });
});
