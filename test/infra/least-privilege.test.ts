// No function may change or remove an event: every role carries an explicit deny of every rewriting
// action on the events table (an explicit deny beats any allow), and no allow of them; only the
// appending function may PutItem there, only the rebuild job may Scan it. Judged from the template,
// against a list of actions written here, not taken from the stack's code.
import { describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../infra/definitions/functions.ts';
import { synthStage, type Json, type SynthesizedStage } from './support/synth-stage.ts';

type Statement = { Sid?: string; Effect: string; Action?: string | string[]; Resource?: unknown; Condition?: unknown };

const REWRITING = [
  'dynamodb:DeleteItem',
  'dynamodb:UpdateItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
];
/** DynamoDB actions among the allowed ones (X-Ray's, on "*", are not about the table). */
const dynamoActions = (actions: string[]) => [...new Set(actions.filter((a) => a.startsWith('dynamodb:')))].sort();
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Every statement of every identity policy attached to the function's role. */
const statementsOf = (s: SynthesizedStage, id: string): Statement[] => {
  const roleId = s.idOf(s.stack.functions.get(id)!.role);
  const inline = (s.resource(roleId).Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[];
  const attached = s
    .ofType('AWS::IAM::Policy')
    .filter(([, p]) => asArray(p.Properties.Roles as Json[]).some((r) => r.Ref === roleId))
    .map(([, p]) => p.Properties as unknown as { PolicyDocument: { Statement: Statement[] } });
  return [...inline, ...attached].flatMap((p) => p.PolicyDocument.Statement);
};
/** Whether a statement's resources include the table itself (its ARN, not its stream or indexes). */
const onTable = (st: Statement, tableId: string) =>
  asArray(st.Resource).some((r) => JSON.stringify(r) === JSON.stringify({ 'Fn::GetAtt': [tableId, 'Arn'] }) || r === '*');
/** Whether an action pattern (`dynamodb:*`, `dynamodb:Delete*`) covers the action. */
const covers = (pattern: string, action: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  ).test(action);

describe.each(['dev', 'prod'])('the events table is append-only for every function, stage %s', (stage) => {
  const s = synthStage(stage);
  const eventsTableId = s.idOf(s.stack.eventsTable);
  const readModelsTableId = s.idOf(s.stack.readModelsTable);
  const allowedOnEvents = (id: string) =>
    statementsOf(s, id)
      .filter((st) => st.Effect === 'Allow' && onTable(st, eventsTableId))
      .flatMap((st) => asArray(st.Action));
  const deniedOnEvents = (id: string) =>
    statementsOf(s, id)
      .filter((st) => st.Effect === 'Deny' && onTable(st, eventsTableId) && st.Condition === undefined)
      .flatMap((st) => asArray(st.Action));

  it.each(functionDefinitions.map((d) => [d.id] as const))('%s: denies every rewriting action and allows none', (id) => {
    const denied = deniedOnEvents(id);
    for (const action of REWRITING)
      expect(
        denied.some((p) => covers(p, action)),
        action,
      ).toBe(true);
    for (const action of REWRITING)
      expect(
        allowedOnEvents(id).filter((p) => covers(p, action)),
        action,
      ).toEqual([]);
  });

  it.each(functionDefinitions.map((d) => [d.id] as const))('%s: PutItem on the events table only for the appending command API', (id) => {
    const mayPut = id === 'api-commands';
    expect(allowedOnEvents(id).some((p) => covers(p, 'dynamodb:PutItem'))).toBe(mayPut);
    expect(deniedOnEvents(id).some((p) => covers(p, 'dynamodb:PutItem'))).toBe(!mayPut);
  });

  it('the command API appends with PutItem (and ConditionCheckItem for transactions) and reads its streams, nothing else; no read model', () => {
    expect(dynamoActions(allowedOnEvents('api-commands'))).toEqual([
      'dynamodb:ConditionCheckItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
    ]);
    const onReadModels = statementsOf(s, 'api-commands').filter(
      (st) => st.Effect === 'Allow' && JSON.stringify(st.Resource).includes(`"${readModelsTableId}"`),
    );
    expect(onReadModels).toEqual([]);
  });

  it.each(functionDefinitions.map((d) => [d.id] as const))('%s: Scan of the events table only for the rebuild job', (id) => {
    expect(allowedOnEvents(id).some((p) => covers(p, 'dynamodb:Scan'))).toBe(id === 'rebuild');
  });

  it('projections read the events table with Query and GetItem only', () => {
    const projections = functionDefinitions.filter((d) => d.trigger.kind === 'projection');
    expect(projections.length).toBeGreaterThan(0);
    for (const { id } of projections) expect(dynamoActions(allowedOnEvents(id)), id).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
  });

  it('the pattern matcher of this test matches what it should', () => {
    expect(covers('dynamodb:*', 'dynamodb:DeleteItem')).toBe(true);
    expect(covers('dynamodb:Delete*', 'dynamodb:DeleteItem')).toBe(true);
    expect(covers('dynamodb:PutItem', 'dynamodb:DeleteItem')).toBe(false);
  });
});
