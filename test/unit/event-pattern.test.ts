import { describe, it, expect } from 'vitest';
import { InvalidEventPatternError, matchesPattern, validatePattern } from '../../events/event-pattern.ts';
import { projectionRules, type EventPattern } from '../../events/routing.ts';

// Each documented pattern is run against a variant of the documentation's event that it must match and one it
// must not, so every row can fail in both directions.
type Case = [name: string, pattern: EventPattern, matching: unknown, notMatching: unknown];
const runCases = (cases: Case[]) =>
  it.each(cases)('%s', (_name, pattern, matching, notMatching) => {
    expect(matchesPattern(pattern, matching)).toBe(true);
    expect(matchesPattern(pattern, notMatching)).toBe(false);
  });

// "Amazon EventBridge event patterns": the EC2 instance state-change notification used throughout the guide.
const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' } as Record<string, unknown>,
};
/** The EC2 event with extra or replaced `detail` fields (and optionally top-level ones). */
const ec2 = (detail: Record<string, unknown> = {}, top: Record<string, unknown> = {}) => ({
  ...ec2Event,
  ...top,
  detail: { ...ec2Event.detail, ...detail },
});

const { detail: _detail, ...withoutDetail } = ec2Event;

// "Amazon EventBridge event patterns"
describe('Amazon EventBridge event patterns', () => {
  const terminations = {
    source: ['aws.ec2'],
    'detail-type': ['EC2 Instance State-change Notification'],
    detail: { state: ['terminated'] },
  };

  it.each([
    ['the example event', ec2Event, true],
    ['another state', ec2({ state: 'running' }), false],
    ['another source', ec2({}, { source: 'aws.fargate' }), false],
    ['no detail at all', withoutDetail, false],
    ['state one level too deep', ec2({ state: { name: 'terminated' } }), false],
    ['detail that is not an object', { ...ec2Event, detail: 'terminated' }, false],
  ])('selects instance terminations: %s → %s', (_name, event, expected) => {
    expect(matchesPattern(terminations, event)).toBe(expected);
  });

  runCases([
    [
      'match values: a leaf array is an OR',
      { source: ['aws.ec2', 'aws.fargate'] },
      ec2({}, { source: 'aws.fargate' }),
      ec2({}, { source: 'aws.lambda' }),
    ],
    ['strings match exactly, without case folding', { source: ['aws.ec2'] }, ec2Event, ec2({}, { source: 'AWS.EC2' })],
    [
      'fields absent from the pattern are ignored',
      { region: ['us-west-1'] },
      ec2({ extra: 1 }, { unknown: true }),
      ec2({}, { region: 'us-east-1' }),
    ],
    ['a field named by the pattern must be present', { detail: { 'c-count': [5] } }, ec2({ 'c-count': 5 }), ec2Event],
  ]);

  // The guide's "Value matching" example: a truncated Amazon Macie alert.
  const macieAlert = {
    source: 'aws.macie',
    'detail-type': 'Macie Alert',
    detail: {
      'notification-type': 'ALERT_CREATED',
      tags: ['Custom_Alert', 'Insider'],
      'risk-score': 80,
      trigger: { 'alert-type': 'basic', risk: 8 },
    },
  };
  runCases([
    [
      'value matching on numbers, nested',
      { source: ['aws.macie'], 'detail-type': ['Macie Alert'], detail: { 'risk-score': [80], trigger: { risk: [8] } } },
      macieAlert,
      { ...macieAlert, detail: { ...macieAlert.detail, trigger: { risk: 9 } } },
    ],
  ]);
});

// "Matching null values and empty strings in Amazon EventBridge event patterns"
describe('Matching null values and empty strings', () => {
  const launch = {
    version: '0',
    id: '3e3c153a-8339-4e30-8c35-687ebef853fe',
    'detail-type': 'EC2 Instance Launch Successful',
    source: 'aws.autoscaling',
    account: '123456789012',
    time: '2015-11-11T21:31:47Z',
    region: 'us-east-1',
    resources: [],
    detail: { eventVersion: '', responseElements: null },
  };

  it.each([
    ['eventVersion is the empty string', { detail: { eventVersion: [''] } }, true],
    ['responseElements is null', { detail: { responseElements: [null] } }, true],
    // "Null values and empty strings are not interchangeable in pattern matching."
    ['"" does not match null', { detail: { responseElements: [''] } }, false],
    ['null does not match ""', { detail: { eventVersion: [null] } }, false],
    ['null does not match a missing field', { detail: { missing: [null] } }, false],
  ])('%s', (_name, pattern, expected) => {
    expect(matchesPattern(pattern, launch)).toBe(expected);
  });
});

// "Arrays in Amazon EventBridge event patterns"
describe('Arrays in event patterns', () => {
  const pattern = {
    resources: [
      'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
      'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
    ],
  };
  runCases([
    [
      'an event array matches when it intersects the pattern array',
      {
        resources: [
          'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
          'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        ],
      },
      pattern,
      { resources: ['arn:aws:ec2:us-east-1:999999999999:instance/i-b188560f'] },
    ],
    ['an empty event array holds no values, not even null', { resources: [null] }, { resources: [null, 'x'] }, { resources: [] }],
    ['nested event arrays are flattened', { detail: { tags: ['b'] } }, ec2({ tags: [['a'], ['b']] }), ec2({ tags: [['a'], []] })],
  ]);
});

// "Content filtering in Amazon EventBridge event patterns": every example, against the EC2 event.
describe('Content filtering in event patterns', () => {
  runCases([
    ['prefix', { time: [{ prefix: '2017-10-02' }] }, ec2({}, { time: '2017-10-02T18:43:48Z' }), ec2Event],
    [
      'prefix ignoring case',
      { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
      ec2({ service: 'eventbridge' }),
      ec2({ service: 'sns' }),
    ],
    ['suffix', { FileName: [{ suffix: '.png' }] }, ec2({}, { FileName: 'image.png' }), ec2({}, { FileName: 'image.PNG' })],
    [
      'suffix ignoring case',
      { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } },
      ec2({ FileName: 'image.PNG' }),
      ec2({ FileName: 'image.jpg' }),
    ],
    ['anything-but a string', { detail: { state: [{ 'anything-but': 'initializing' }] } }, ec2Event, ec2({ state: 'initializing' })],
    ['anything-but a number', { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, ec2({ 'x-limit': 124 }), ec2({ 'x-limit': 123 })],
    [
      'anything-but a list of strings',
      { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
      ec2Event,
      ec2({ state: 'overloaded' }),
    ],
    [
      'anything-but a list of numbers',
      { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
      ec2({ 'x-limit': 301.8 }),
      ec2({ 'x-limit': 200 }),
    ],
    ['anything-but a prefix', { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, ec2Event, ec2({ state: 'initializing' })],
    [
      'anything-but a suffix',
      { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } },
      ec2({ FileName: 'file.txt.bak' }),
      ec2({ FileName: 'file.txt' }),
    ],
    [
      'anything-but ignoring case',
      { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] } },
      ec2Event,
      ec2({ state: 'INITIALIZING' }),
    ],
    [
      'anything-but a list ignoring case',
      { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['initializing', 'stopped'] } }] } },
      ec2Event,
      ec2({ state: 'Stopped' }),
    ],
    [
      'anything-but a wildcard',
      { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } },
      ec2({ FilePath: '/usr/bin/tool' }),
      ec2({ FilePath: '/usr/lib/tool' }),
    ],
    [
      'numeric: every field must be in range',
      {
        detail: {
          'c-count': [{ numeric: ['>', 0, '<=', 5] }],
          'd-count': [{ numeric: ['<', 10] }],
          'x-limit': [{ numeric: ['=', 3.018e2] }],
        },
      },
      ec2({ 'c-count': 5, 'd-count': 9, 'x-limit': 301.8 }),
      ec2({ 'c-count': 0, 'd-count': 9, 'x-limit': 301.8 }),
    ],
    [
      'IP address (IPv4 CIDR)',
      { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
      ec2({ sourceIPAddress: '10.0.0.255' }),
      ec2({ sourceIPAddress: '10.0.1.0' }),
    ],
    ['exists: true', { detail: { state: [{ exists: true }] } }, ec2Event, { ...ec2Event, detail: { 'instance-id': 'i-1' } }],
    ['exists: false', { detail: { 'c-count': [{ exists: false }] } }, ec2Event, ec2({ 'c-count': 5 })],
    [
      'complex example combining prefix, anything-but and numeric',
      {
        time: [{ prefix: '2017-10-02' }],
        detail: {
          state: [{ 'anything-but': 'initializing' }],
          'c-count': [{ numeric: ['>', 0, '<=', 5] }],
          'd-count': [{ numeric: ['<', 10] }],
          'x-limit': [{ 'anything-but': [100, 200, 300] }],
        },
      },
      ec2({ state: 'running', 'c-count': 3, 'd-count': 9, 'x-limit': 301.8 }, { time: '2017-10-02T18:43:48Z' }),
      ec2({ state: 'running', 'c-count': 3, 'd-count': 9, 'x-limit': 300 }, { time: '2017-10-02T18:43:48Z' }),
    ],
    [
      'complex example with $or',
      {
        detail: {
          $or: [
            { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
            { 'd-count': [{ numeric: ['<', 10] }] },
            { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
          ],
        },
      },
      ec2({ 'c-count': 0, 'd-count': 0, 'x-limit': 9.018e2 }),
      ec2({ 'c-count': 0, 'd-count': 10, 'x-limit': 9.018e2 }),
    ],
  ]);

  // "Exists matching only works on leaf nodes": a field holding an object is not there as far as exists goes.
  it('exists: false also matches a field that is an object, because it is not a leaf', () => {
    expect(matchesPattern({ detail: { 'c-count': [{ exists: false }] } }, ec2({ 'c-count': { c1: 100 } }))).toBe(true);
    expect(matchesPattern({ detail: { 'c-count': [{ exists: true }] } }, ec2({ 'c-count': { c1: 100 } }))).toBe(false);
  });
});

// "Comparison operators for use in event patterns in Amazon EventBridge": the summary table, row by row. The
// table's fields are put under `detail` of the EC2 event.
describe('Comparison operators', () => {
  const d = (fields: EventPattern): EventPattern => ({ detail: fields });
  runCases([
    [
      'And',
      d({ Location: ['New York'], Day: ['Monday'] }),
      ec2({ Location: 'New York', Day: 'Monday' }),
      ec2({ Location: 'New York', Day: 'Tuesday' }),
    ],
    ['Anything-but', d({ state: [{ 'anything-but': 'initializing' }] }), ec2({ state: 'running' }), ec2({ state: 'initializing' })],
    [
      'Anything-but (begins with)',
      d({ Region: [{ 'anything-but': { prefix: 'us-' } }] }),
      ec2({ Region: 'eu-west-1' }),
      ec2({ Region: 'us-east-1' }),
    ],
    [
      'Anything-but (ends with)',
      d({ FileName: [{ 'anything-but': { suffix: '.png' } }] }),
      ec2({ FileName: 'a.jpg' }),
      ec2({ FileName: 'a.png' }),
    ],
    [
      'Anything-but (ignore case)',
      d({ state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] }),
      ec2({ state: 'running' }),
      ec2({ state: 'Initializing' }),
    ],
    [
      'Anything-but using a wildcard',
      d({ FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }),
      ec2({ FilePath: 'src/app.ts' }),
      ec2({ FilePath: 'node_modules/lib/x.js' }),
    ],
    ['Begins with', d({ Region: [{ prefix: 'us-' }] }), ec2({ Region: 'us-west-1' }), ec2({ Region: 'eu-west-1' })],
    [
      'Begins with (ignore case)',
      d({ service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] }),
      ec2({ service: 'EventBridge' }),
      ec2({ service: 'SNS' }),
    ],
    ['Empty', d({ LastName: [''] }), ec2({ LastName: '' }), ec2({ LastName: null })],
    ['Equals', d({ Name: ['Alice'] }), ec2({ Name: 'Alice' }), ec2({ Name: 'alice' })],
    ['Equals (ignore case)', d({ Name: [{ 'equals-ignore-case': 'alice' }] }), ec2({ Name: 'ALICE' }), ec2({ Name: 'Alicia' })],
    ['Ends with', d({ FileName: [{ suffix: '.png' }] }), ec2({ FileName: 'a.png' }), ec2({ FileName: 'a.png.bak' })],
    [
      'Ends with (ignore case)',
      d({ service: [{ suffix: { 'equals-ignore-case': 'tBridge' } }] }),
      ec2({ service: 'EVENTBRIDGE' }),
      ec2({ service: 'EventBus' }),
    ],
    ['Exists', d({ ProductName: [{ exists: true }] }), ec2({ ProductName: 'Widget' }), ec2Event],
    ['Does not exist', d({ ProductName: [{ exists: false }] }), ec2Event, ec2({ ProductName: 'Widget' })],
    ['Not', d({ Weather: [{ 'anything-but': ['Raining'] }] }), ec2({ Weather: 'Sunny' }), ec2({ Weather: 'Raining' })],
    ['Null', d({ UserID: [null] }), ec2({ UserID: null }), ec2Event],
    ['Numeric (equals)', d({ Price: [{ numeric: ['=', 100] }] }), ec2({ Price: 100 }), ec2({ Price: 100.5 })],
    ['Numeric (range)', d({ Price: [{ numeric: ['>', 10, '<=', 20] }] }), ec2({ Price: 20 }), ec2({ Price: 10 })],
    ['Or', d({ PaymentType: ['Credit', 'Debit'] }), ec2({ PaymentType: 'Debit' }), ec2({ PaymentType: 'Cash' })],
    [
      'Or (multiple fields)',
      d({ $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }),
      ec2({ Location: 'Boston', Day: 'Monday' }),
      ec2({ Location: 'Boston', Day: 'Tuesday' }),
    ],
    ['Wildcard', d({ FileName: [{ wildcard: 'dir/*.png' }] }), ec2({ FileName: 'dir/photo.png' }), ec2({ FileName: 'other/photo.png' })],
    [
      'IP address matching',
      d({ 'source-ip': [{ cidr: '10.0.0.0/24' }] }),
      ec2({ 'source-ip': '10.0.0.33' }),
      ec2({ 'source-ip': '10.1.0.33' }),
    ],
  ]);
});

// The "$or" examples of the aws/event-ruler README (the engine behind EventBridge), which the guide's
// "Or (multiple fields)" row abbreviates: $or alongside other keys, in parallel, and nested.
describe('$or', () => {
  const alarm = (fields: Record<string, unknown>) => ({ source: 'aws.cloudwatch', ...fields });
  runCases([
    [
      '$or combined with other keys (AND)',
      { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }] },
      alarm({ namespace: 'AWS/ES' }),
      { source: 'aws.ec2', namespace: 'AWS/ES' },
    ],
    [
      'parallel $or at two levels',
      {
        $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }],
        detail: { $or: [{ source: ['aws.cloudwatch'] }, { 'detail-type': ['CloudWatch Alarm State Change'] }] },
      },
      { namespace: 'AWS/EC2', detail: { 'detail-type': 'CloudWatch Alarm State Change' } },
      { namespace: 'AWS/EC2', detail: { 'detail-type': 'Something else' } },
    ],
    [
      'a branch that is itself an AND',
      { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { metricType: ['MetricType'], namespace: ['AWS/EC2'] }] },
      alarm({ metricType: 'MetricType', namespace: 'AWS/EC2' }),
      alarm({ metricType: 'MetricType', namespace: 'AWS/ES' }),
    ],
    [
      'nested $or inside a branch',
      {
        source: ['aws.cloudwatch'],
        $or: [
          { metricName: ['CPUUtilization', 'ReadLatency'] },
          { metricType: ['MetricType'], namespace: ['AWS/EC2', 'AWS/ES'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
          { scope: ['Service'] },
        ],
      },
      alarm({ metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 1000 }),
      alarm({ metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 2000 }),
    ],
  ]);
});

// Type and presence rules stated in the guide ("numeric matching works with values that are JSON numbers",
// "you can use prefix matching for string values", exists works on presence, anything-but needs a value); and,
// where the guide is silent, aws/event-ruler's behaviour.
describe('types, presence and arrays', () => {
  runCases([
    ['numeric matches JSON numbers, not numeric strings', { detail: { n: [{ numeric: ['>', 0] }] } }, ec2({ n: 5 }), ec2({ n: '5' })],
    ['prefix matches strings, not numbers', { detail: { n: [{ prefix: '1' }] } }, ec2({ n: '12' }), ec2({ n: 12 })],
    ['suffix matches strings, not booleans', { detail: { b: [{ suffix: 'ue' }] } }, ec2({ b: 'true' }), ec2({ b: true })],
    ['an exact string does not match the same digits as a number', { detail: { n: ['5'] } }, ec2({ n: '5' }), ec2({ n: 5 })],
    ['an exact number does not match the same digits as a string', { detail: { n: [5] } }, ec2({ n: 5 }), ec2({ n: '5' })],
    ['booleans match booleans only', { detail: { b: [true] } }, ec2({ b: true }), ec2({ b: 'true' })],
    ['false is a value, not an absence', { detail: { b: [false] } }, ec2({ b: false }), ec2Event],
    ['exists: false matches a missing field', { detail: { gone: [{ exists: false }] } }, ec2Event, ec2({ gone: 'here' })],
    ['exists: false does not match a field that is null', { detail: { gone: [{ exists: false }] } }, ec2Event, ec2({ gone: null })],
    ['exists: true matches a field that is null', { detail: { gone: [{ exists: true }] } }, ec2({ gone: null }), ec2Event],
    ['exists: false matches when a parent is missing', { detail: { a: { b: [{ exists: false }] } } }, ec2Event, ec2({ a: { b: 1 } })],
    ['anything-but does not match a missing field', { detail: { s: [{ 'anything-but': 'x' }] } }, ec2({ s: 'y' }), ec2Event],
    ['anything-but matches a present null', { detail: { s: [{ 'anything-but': 'x' }] } }, ec2({ s: null }), ec2({ s: 'x' })],
    [
      'anything-but a prefix lets non-strings through',
      { detail: { s: [{ 'anything-but': { prefix: 'init' } }] } },
      ec2({ s: 12 }),
      ec2({ s: 'init' }),
    ],
    [
      'anything-but a string lets the same digits as a number through',
      { detail: { s: [{ 'anything-but': '5' }] } },
      ec2({ s: 5 }),
      ec2({ s: '5' }),
    ],
    [
      'any element of an event array may match',
      { detail: { s: [{ prefix: 'run' }] } },
      ec2({ s: ['stopped', 'running'] }),
      ec2({ s: ['stopped'] }),
    ],
    [
      'an event array matches anything-but if any element differs',
      { detail: { s: [{ 'anything-but': 'a' }] } },
      ec2({ s: ['a', 'b'] }),
      ec2({ s: ['a'] }),
    ],
    ['a leaf mixing exists: false and a value is an OR', { detail: { s: [{ exists: false }, 'on'] } }, ec2({ s: 'on' }), ec2({ s: 'off' })],
    [
      'pattern keys descend through arrays of objects',
      { detail: { items: { sku: ['B'] } } },
      ec2({ items: [{ sku: 'A' }, { sku: 'B' }] }),
      ec2({ items: [{ sku: 'A' }] }),
    ],
    [
      'sibling conditions must hold in the same array element',
      { detail: { items: { sku: ['B'], qty: [2] } } },
      ec2({
        items: [
          { sku: 'A', qty: 2 },
          { sku: 'B', qty: 2 },
        ],
      }),
      ec2({
        items: [
          { sku: 'A', qty: 2 },
          { sku: 'B', qty: 1 },
        ],
      }),
    ],
  ]);

  it.each([null, 42, 'text', [ec2Event]])('an event that is not an object has no fields: %j', (event) => {
    expect(matchesPattern({ source: ['aws.ec2'] }, event)).toBe(false);
    expect(matchesPattern({ source: [{ exists: false }] }, event)).toBe(true);
  });

  it('treats a member holding undefined as absent, as JSON would', () => {
    expect(matchesPattern({ detail: { s: [{ exists: false }] } }, ec2({ s: undefined }))).toBe(true);
  });

  it.each([
    ['=', [5, 5.0], [4.9, 5.1]],
    ['<', [4.999999, -5], [5, 6]],
    ['<=', [5, 4], [5.000001]],
    ['>', [5.000001, 6], [5, 4]],
    ['>=', [5, 6], [4.999999]],
  ])('numeric [%j, 5] matches %j but not %j', (op, inside, outside) => {
    const pattern = { detail: { n: [{ numeric: [op, 5] }] } };
    expect(inside.map((n) => matchesPattern(pattern, ec2({ n })))).toEqual(inside.map(() => true));
    expect(outside.map((n) => matchesPattern(pattern, ec2({ n })))).toEqual(outside.map(() => false));
  });

  it('numeric ranges are half-open or closed as written', () => {
    const range = { detail: { n: [{ numeric: ['>=', -1.5, '<', 1e3] }] } };
    expect([-1.5, 0, 999.99].map((n) => matchesPattern(range, ec2({ n })))).toEqual([true, true, true]);
    expect([-1.51, 1000].map((n) => matchesPattern(range, ec2({ n })))).toEqual([false, false]);
  });
});

// Wildcard matching ("Comparison operators"), with escaping as described in the aws/event-ruler README.
describe('wildcard', () => {
  it.each([
    ['dir/*.png', 'dir/.png', true], // * may match nothing
    ['dir/*.png', 'dir/a/b.png', true], // * crosses "/"
    ['dir/*.png', 'dir/a.jpg', false],
    ['*Title*', 'The Title Page', true],
    ['*Title*', 'The title page', false], // case-sensitive
    ['a.c', 'abc', false], // regular-expression characters are literal
    ['(a|b)+', '(a|b)+', true],
    ['dir/\\*.png', 'dir/*.png', true], // \* is a literal star
    ['dir/\\*.png', 'dir/a.png', false],
    ['C:\\\\*', 'C:\\Windows', true], // \\ is a literal backslash, then a wildcard
    ['line*end', 'line\nend', true],
  ])('%s against %j → %s', (wildcard, value, expected) => {
    expect(matchesPattern({ detail: { v: [{ wildcard }] } }, ec2({ v: value }))).toBe(expected);
  });

  it('only matches strings', () => {
    expect(matchesPattern({ detail: { v: [{ wildcard: '1*' }] } }, ec2({ v: 12 }))).toBe(false);
  });
});

// IP address matching ("Content filtering": "You can use IP address matching for IPv4 and IPv6 addresses").
describe('cidr', () => {
  it.each([
    ['10.0.0.0/24', '10.0.0.0', true],
    ['10.0.0.0/24', '10.0.0.255', true],
    ['10.0.0.0/24', '10.0.1.1', false],
    ['10.0.0.0/8', '10.255.255.255', true],
    ['0.0.0.0/0', '203.0.113.9', true],
    ['192.168.1.7/32', '192.168.1.7', true],
    ['192.168.1.7/32', '192.168.1.8', false],
    ['2001:db8:1234:1a00::/64', '2001:0db8:1234:1a00:0000:0000:0000:0000', true],
    ['2001:db8:1234:1a00::/64', '2001:db8:1234:1a00:ffff:ffff:ffff:ffff', true],
    ['2001:db8:1234:1a00::/64', '2001:db8:1234:1a01::', false],
    ['::ffff:0:0/96', '::ffff:192.0.2.128', true],
    ['2001:db8::/32', '10.0.0.1', false], // families never mix
    ['10.0.0.0/8', '::ffff:10.0.0.1', false],
    ['10.0.0.0/24', 'not an ip', false],
    ['10.0.0.0/24', '10.0.0.256', false],
    ['10.0.0.0/24', '10.0.0', false],
    ['2001:db8::/32', '2001:db8::1::1', false],
  ])('%s contains %j → %s', (cidr, ip, expected) => {
    expect(matchesPattern({ detail: { ip: [{ cidr }] } }, ec2({ ip }))).toBe(expected);
  });

  it('only matches strings', () => {
    expect(matchesPattern({ detail: { ip: [{ cidr: '10.0.0.0/24' }] } }, ec2({ ip: 123 }))).toBe(false);
  });
});

describe('validatePattern', () => {
  const errorOf = (pattern: unknown): unknown => {
    try {
      validatePattern(pattern);
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it.each([
    ['(root)', null, /JSON object/],
    ['(root)', ['source'], /JSON object/],
    ['source', { source: 'aws.ec2' }, /must be an object .* or an array/],
    ['detail.state', { detail: { state: 'terminated' } }, /must be an object .* or an array/],
    ['source', { source: [] }, /empty arrays/],
    ['source[0]', { source: [['aws.ec2']] }, /string, number, true, false, null/],
    ['source[0]', { source: [{ contains: 'ec2' }] }, /unknown operator "contains"/],
    ['source[0]', { source: [{ prefix: 'a', suffix: 'b' }] }, /exactly one key, found 2/],
    ['source[0]', { source: [{}] }, /exactly one key, found 0/],
    ['source[0].prefix', { source: [{ prefix: 1 }] }, /must be a string/],
    ['source[0].prefix', { source: [{ prefix: { 'ignore-case': 'a' } }] }, /equals-ignore-case/],
    ['source[0].equals-ignore-case', { source: [{ 'equals-ignore-case': ['a'] }] }, /must be a string/],
    ['detail.n[0].numeric', { detail: { n: [{ numeric: 5 }] } }, /non-empty array/],
    ['detail.n[0].numeric', { detail: { n: [{ numeric: [] }] } }, /non-empty array/],
    ['detail.n[0].numeric[0]', { detail: { n: [{ numeric: ['!=', 5] }] } }, /unknown numeric operator "!="/],
    ['detail.n[0].numeric[0]', { detail: { n: [{ numeric: [5, '<'] }] } }, /unknown numeric operator 5/],
    ['detail.n[0].numeric[1]', { detail: { n: [{ numeric: ['=', '5'] }] } }, /must be a number/],
    ['detail.n[0].numeric[1]', { detail: { n: [{ numeric: ['>'] }] } }, /must be a number/],
    ['detail.n[0].numeric[2]', { detail: { n: [{ numeric: ['=', 5, '<', 9] }] } }, /only a lower bound/],
    ['detail.n[0].numeric[2]', { detail: { n: [{ numeric: ['<', 10, '>', 0] }] } }, /only a lower bound/],
    ['detail.n[0].numeric[2]', { detail: { n: [{ numeric: ['>', 0, '>', 0] }] } }, /upper bound .* < or <=/],
    ['detail.n[0].numeric[3]', { detail: { n: [{ numeric: ['>', 0, '<'] }] } }, /must be a number/],
    ['detail.n[0].numeric[4]', { detail: { n: [{ numeric: ['>', 0, '<', 5, '<', 6] }] } }, /too many terms/],
    ['detail.n[0].numeric', { detail: { n: [{ numeric: ['>', 5, '<=', 5] }] } }, /lower bound must be less/],
    ['detail.s[0].exists', { detail: { s: [{ exists: 'false' }] } }, /true or false/],
    ['detail.s[0].anything-but', { detail: { s: [{ 'anything-but': [] }] } }, /empty arrays/],
    ['detail.s[0].anything-but', { detail: { s: [{ 'anything-but': ['stopped', null] }] } }, /only strings or only numbers/],
    ['detail.s[0].anything-but', { detail: { s: [{ 'anything-but': ['stopped', 1] }] } }, /only strings or only numbers/],
    ['detail.s[0].anything-but', { detail: { s: [{ 'anything-but': true }] } }, /string, a number, a list/],
    ['detail.s[0].anything-but', { detail: { s: [{ 'anything-but': { numeric: ['>', 1] } }] } }, /unsupported operator "numeric"/],
    [
      'detail.s[0].anything-but.prefix',
      { detail: { s: [{ 'anything-but': { prefix: { 'equals-ignore-case': 'a' } } }] } },
      /string or a list of strings/,
    ],
    ['detail.s[0].anything-but.prefix', { detail: { s: [{ 'anything-but': { prefix: '' } }] } }, /empty prefix/],
    ['detail.s[0].anything-but.suffix[1]', { detail: { s: [{ 'anything-but': { suffix: ['.a', 2] } }] } }, /string or a list of strings/],
    ['detail.s[0].anything-but.wildcard[0]', { detail: { s: [{ 'anything-but': { wildcard: ['a**'] } }] } }, /consecutive wildcard/],
    ['detail.ip[0].cidr', { detail: { ip: [{ cidr: '10.0.0.0' }] } }, /exactly one "\/"/],
    ['detail.ip[0].cidr', { detail: { ip: [{ cidr: '10.0.0.0/8/8' }] } }, /exactly one "\/"/],
    ['detail.ip[0].cidr', { detail: { ip: [{ cidr: '10.0.0.0/33' }] } }, /from 0 to 32/],
    ['detail.ip[0].cidr', { detail: { ip: [{ cidr: '2001:db8::/129' }] } }, /from 0 to 128/],
    ['detail.ip[0].cidr', { detail: { ip: [{ cidr: '300.0.0.0/8' }] } }, /not an IPv4 or IPv6 address/],
    ['detail.ip[0].cidr', { detail: { ip: [{ cidr: 10 }] } }, /must be a string/],
    ['detail.f[0].wildcard', { detail: { f: [{ wildcard: 'dir/**.png' }] } }, /consecutive wildcard characters at position 4/],
    ['detail.f[0].wildcard', { detail: { f: [{ wildcard: 'dir\\a' }] } }, /may only escape/],
    ['detail.f[0].wildcard', { detail: { f: [{ wildcard: 'dir\\' }] } }, /may only escape/],
    ['detail.f[0].wildcard', { detail: { f: [{ wildcard: 5 }] } }, /must be a string/],
    ['$or', { $or: [{ source: ['a'] }] }, /at least two/],
    ['$or[1]', { $or: [{ source: ['a'] }, 'b'] }, /must be a pattern object/],
    ['$or[1].detail.n[0].numeric[0]', { $or: [{ source: ['a'] }, { detail: { n: [{ numeric: ['~', 1] }] } }] }, /unknown numeric operator/],
  ])('rejects %s in %j', (path, pattern, reason) => {
    const error = errorOf(pattern);
    expect(error).toBeInstanceOf(InvalidEventPatternError);
    expect((error as InvalidEventPatternError).path).toBe(path);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).toContain(`at ${path}:`);
  });

  it.each([
    { detail: { f: [{ wildcard: 'dir/\\**' }] } }, // an escaped star then a wildcard is not two wildcards
    { detail: { f: [{ wildcard: 'C:\\\\*' }] } },
    { detail: { s: [{ 'anything-but': { prefix: ['init', 'test'] } }] } },
    { detail: { s: [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }] } },
    { detail: { ip: [{ cidr: '2001:db8:1234:1a00::/64' }] } },
    { $or: { metricType: ['MetricType'] } }, // "$or" holding an object is an ordinary field name
    { detail: { n: [{ numeric: ['>=', -1e9, '<', 1e9] }, 0] } },
  ])('accepts %j', (pattern) => {
    expect(errorOf(pattern)).toBeUndefined();
  });

  it('matchesPattern refuses an invalid pattern instead of quietly never matching', () => {
    expect(() => matchesPattern({ source: 'aws.ec2' }, ec2Event)).toThrow(InvalidEventPatternError);
  });
});

// The patterns CDK hands to EventBridge must be ones EventBridge accepts.
describe('project rules', () => {
  it.each(projectionRules)('$projection has a valid pattern', ({ pattern }) => {
    expect(() => validatePattern(pattern)).not.toThrow();
  });
});
