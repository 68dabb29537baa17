// Thin events (issue 16, point 5): outside the events table, events are kept only where the bus puts
// them (the bus's archive, the projections' queues and their dead-letter queues) and in the
// publisher's dead-letter queue, all holding the thin entry (functions/lib/bus-entry.ts), all under
// the stack key. No function keeps an invocation's payload anywhere else: none has an
// asynchronous-invocation dead-letter queue or destination, which would hold whatever the payload was
// (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
import { describe, expect, it } from 'vitest';
import { projectionRules } from '../../events/routing.ts';
import { arnOf, synthStage } from './support/synth-stage.ts';

describe.each(['dev', 'prod'])('where events are kept outside the store, stage %s', (stage) => {
  const s = synthStage(stage);
  const keyId = s.idOf(s.stack.key);

  it('the bus, its archive and every queue are under the stack key', () => {
    const encrypted = [
      ...s.ofType('AWS::Events::EventBus').map(([, r]) => r.Properties.KmsKeyIdentifier),
      ...s.ofType('AWS::Events::Archive').map(([, r]) => r.Properties.KmsKeyIdentifier),
      ...s.ofType('AWS::SQS::Queue').map(([, r]) => r.Properties.KmsMasterKeyId),
    ];
    // One bus, one archive; the publisher's dead letters, the stream failures, and per projection its source queue, its dead letters and its rule's.
    expect(encrypted).toHaveLength(2 + 2 + 3 * projectionRules.length);
    for (const key of encrypted) expect(key).toEqual(arnOf(keyId));
  });

  it('no function keeps an asynchronous invocation’s payload (no dead-letter config, no invoke destinations)', () => {
    const functions = s.ofType('AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(0);
    for (const [id, fn] of functions) expect(fn.Properties.DeadLetterConfig, id).toBeUndefined();
    expect(s.ofType('AWS::Lambda::EventInvokeConfig')).toEqual([]);
  });
});
