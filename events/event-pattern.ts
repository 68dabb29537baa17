// Amazon EventBridge event-pattern matching, so the local bus and the rebuild route events exactly as rules will in AWS.
// Semantics follow the AWS user guide ("Amazon EventBridge event patterns", "Content filtering in Amazon
// EventBridge event patterns", "Comparison operators for use in event patterns"); where the guide is silent we
// follow aws/event-ruler, the open-source engine EventBridge runs on. Pure: no I/O, no clock.
import type { EventPattern } from './routing.ts';

/** Thrown for a pattern EventBridge would refuse; `path` names the offending part, e.g. `detail.state[0].numeric`. */
export class InvalidEventPatternError extends Error {
  readonly path: string;

  constructor(path: string, reason: string) {
    super(`Invalid event pattern at ${path}: ${reason}`);
    this.name = 'InvalidEventPatternError';
    this.path = path;
  }
}

type Scalar = string | number | boolean | null;
type Fields = Record<string, unknown>;

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isScalar = (v: unknown): v is Scalar => v === null || typeof v === 'string' || typeof v === 'boolean' || isNumber(v);
const child = (path: string, key: string) => (path ? `${path}.${key}` : key);
function fail(path: string, reason: string): never {
  throw new InvalidEventPatternError(path, reason);
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

/** Throws InvalidEventPatternError if EventBridge would reject `pattern` (PutRule / TestEventPattern). */
export function validatePattern(pattern: unknown): asserts pattern is EventPattern {
  if (!isObject(pattern)) fail('(root)', 'a pattern must be a JSON object');
  validateFields(pattern, '');
}

function validateFields(fields: Fields, path: string): void {
  for (const [key, spec] of Object.entries(fields)) {
    const at = child(path, key);
    // event-ruler reads "$or" as a field name unless it holds an array, for patterns that predate the operator.
    if (key === '$or' && Array.isArray(spec)) validateOr(spec, at);
    else if (isObject(spec)) validateFields(spec, at);
    else if (Array.isArray(spec)) validateValues(spec, at);
    else fail(at, 'must be an object (to match nested fields) or an array of values to match');
  }
}

function validateOr(branches: unknown[], path: string): void {
  if (branches.length < 2) fail(path, '$or needs an array of at least two patterns');
  branches.forEach((branch, i) => {
    if (!isObject(branch)) fail(`${path}[${i}]`, 'each $or branch must be a pattern object');
    validateFields(branch, `${path}[${i}]`);
  });
}

function validateValues(values: unknown[], path: string): void {
  // An empty list could never match, and EventBridge rejects it.
  if (values.length === 0) fail(path, 'empty arrays are not allowed');
  values.forEach((value, i) => validateValue(value, `${path}[${i}]`));
}

/** The sole `[operator, argument]` of an operator object such as `{ "prefix": "us-" }`. */
function operatorOf(value: Fields, path: string): [string, unknown] {
  const entries = Object.entries(value);
  const [entry] = entries;
  if (entries.length !== 1 || !entry) fail(path, `an operator object needs exactly one key, found ${entries.length}`);
  return entry;
}

function validateValue(value: unknown, path: string): void {
  if (isScalar(value)) return;
  if (!isObject(value)) fail(path, 'a match value must be a string, number, true, false, null or an operator object');
  const [op, arg] = operatorOf(value, path);
  const at = child(path, op);
  switch (op) {
    case 'prefix':
    case 'suffix':
      return validateAffix(arg, at);
    case 'equals-ignore-case':
      if (typeof arg !== 'string') fail(at, 'must be a string');
      return;
    case 'wildcard':
      return validateWildcard(arg, at);
    case 'anything-but':
      return validateAnythingBut(arg, at);
    case 'numeric':
      return validateNumeric(arg, at);
    case 'exists':
      if (typeof arg !== 'boolean') fail(at, 'must be true or false');
      return;
    case 'cidr':
      return validateCidr(arg, at);
    default:
      fail(path, `unknown operator "${op}"`);
  }
}

function validateAffix(arg: unknown, path: string): void {
  if (typeof arg === 'string') return;
  if (isObject(arg)) {
    const [op, inner] = operatorOf(arg, path);
    if (op === 'equals-ignore-case' && typeof inner === 'string') return;
  }
  fail(path, 'must be a string or { "equals-ignore-case": string }');
}

const ANYTHING_BUT_OPERATORS = ['prefix', 'suffix', 'equals-ignore-case', 'wildcard'];

function validateAnythingBut(arg: unknown, path: string): void {
  if (typeof arg === 'string' || isNumber(arg)) return;
  if (Array.isArray(arg)) {
    if (arg.length === 0) fail(path, 'empty arrays are not allowed');
    if (!arg.every((v) => typeof v === 'string') && !arg.every(isNumber)) {
      fail(path, 'a list must hold only strings or only numbers');
    }
    return;
  }
  if (!isObject(arg)) fail(path, 'must be a string, a number, a list of those, or an operator object');
  const [op, inner] = operatorOf(arg, path);
  const at = child(path, op);
  if (!ANYTHING_BUT_OPERATORS.includes(op)) {
    fail(path, `unsupported operator "${op}"; expected one of ${ANYTHING_BUT_OPERATORS.join(', ')}`);
  }
  const list = Array.isArray(inner) ? inner : [inner];
  if (list.length === 0) fail(at, 'empty arrays are not allowed');
  list.forEach((v, i) => {
    const where = Array.isArray(inner) ? `${at}[${i}]` : at;
    if (typeof v !== 'string') fail(where, 'must be a string or a list of strings');
    if (op === 'wildcard') validateWildcard(v, where);
    if ((op === 'prefix' || op === 'suffix') && v === '') fail(where, `an empty ${op} is not allowed`);
  });
}

const NUMERIC_OPERATORS = ['=', '<', '<=', '>', '>='];

// EventBridge accepts one comparison, or a range written bottom first: [">" | ">=", low, "<" | "<=", high].
function validateNumeric(arg: unknown, path: string): void {
  if (!Array.isArray(arg) || arg.length === 0) fail(path, 'must be a non-empty array such as [">", 0, "<=", 5]');
  const [op, bound, upperOp, upper, ...rest] = arg as unknown[];
  if (typeof op !== 'string' || !NUMERIC_OPERATORS.includes(op)) {
    fail(`${path}[0]`, `unknown numeric operator ${JSON.stringify(op)}; expected one of ${NUMERIC_OPERATORS.join(' ')}`);
  }
  if (!isNumber(bound)) fail(`${path}[1]`, `the value after "${op}" must be a number`);
  if (arg.length === 2) return;
  if (op !== '>' && op !== '>=') fail(`${path}[2]`, 'only a lower bound (> or >=) may be followed by an upper bound');
  if (upperOp !== '<' && upperOp !== '<=') fail(`${path}[2]`, 'the upper bound of a range must use < or <=');
  if (!isNumber(upper)) fail(`${path}[3]`, `the value after "${upperOp}" must be a number`);
  if (rest.length > 0) fail(`${path}[4]`, 'too many terms: a range has one lower and one upper bound');
  if (upper <= bound) fail(path, 'the lower bound must be less than the upper bound');
}

function validateCidr(arg: unknown, path: string): void {
  if (typeof arg !== 'string') fail(path, 'must be a string such as "10.0.0.0/24"');
  const [address = '', prefix, ...extra] = arg.split('/');
  if (prefix === undefined || extra.length > 0) fail(path, `"${arg}" needs exactly one "/"`);
  const ip = parseIp(address);
  if (!ip) fail(path, `"${address}" is not an IPv4 or IPv6 address`);
  if (!parseCidr(arg)) fail(path, `prefix length "${prefix}" must be a whole number from 0 to ${ip.bits}`);
}

function validateWildcard(arg: unknown, path: string): void {
  if (typeof arg !== 'string') fail(path, 'must be a string');
  let afterStar = false;
  for (let i = 0; i < arg.length; i++) {
    const c = arg[i];
    if (c === '\\') {
      const next = arg[++i];
      if (next !== '*' && next !== '\\') fail(path, `"\\" at position ${i - 1} may only escape "*" or "\\"`);
      afterStar = false;
    } else if (c === '*') {
      if (afterStar) fail(path, `consecutive wildcard characters at position ${i - 1}`);
      afterStar = true;
    } else {
      afterStar = false;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Matching

/**
 * Whether `event` matches `pattern`: every field of the pattern must match (AND), and a field matches when any of
 * its listed values does (OR). Throws InvalidEventPatternError for a pattern EventBridge would reject, so a bad
 * rule fails loudly here rather than quietly never matching.
 */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  validatePattern(pattern);
  return matchesFields(pattern, event);
}

// An event that is not an object simply has none of the fields, which only `exists: false` can match.
function matchesFields(pattern: Fields, event: unknown): boolean {
  return Object.entries(pattern).every(([key, spec]) => {
    if (key === '$or' && Array.isArray(spec)) return spec.some((branch) => matchesFields(branch as Fields, event));
    // JSON has no undefined, so a member holding it is treated as absent.
    const value = isObject(event) && Object.hasOwn(event, key) ? event[key] : undefined;
    return Array.isArray(spec) ? matchesValues(spec, leafValues(value)) : matchesNested(spec as Fields, value);
  });
}

// Over an array of objects a nested pattern must be met by one element on its own, so conditions on sibling
// fields cannot be satisfied by different elements (event-ruler's array-consistent matching).
function matchesNested(pattern: Fields, value: unknown): boolean {
  if (Array.isArray(value) && value.length > 0) return value.some((element) => matchesNested(pattern, element));
  return matchesFields(pattern, value);
}

/**
 * The values a leaf pattern is tested against, or undefined when the field is absent. Arrays are flattened (any
 * element may match); objects are not leaves, so a field holding one, or only empty arrays, counts as absent.
 */
function leafValues(value: unknown): Scalar[] | undefined {
  if (value === undefined) return undefined;
  const values = (Array.isArray(value) ? value.flat(Infinity) : [value]).filter(isScalar);
  return values.length > 0 ? values : undefined;
}

function matchesValues(spec: unknown[], values: Scalar[] | undefined): boolean {
  return spec.some((condition) =>
    values === undefined ? isObject(condition) && condition.exists === false : values.some((value) => matchesValue(condition, value)),
  );
}

// Types are never coerced: "5" is not 5, prefix only tests strings, numeric only tests JSON numbers.
function matchesValue(condition: unknown, value: Scalar): boolean {
  if (!isObject(condition)) return condition === value;
  const [op, arg] = Object.entries(condition)[0] ?? [];
  switch (op) {
    case 'exists':
      return arg === true;
    case 'prefix':
      return typeof value === 'string' && matchesAffix(arg, value, (s, affix) => s.startsWith(affix));
    case 'suffix':
      return typeof value === 'string' && matchesAffix(arg, value, (s, affix) => s.endsWith(affix));
    case 'equals-ignore-case':
      return typeof value === 'string' && fold(value) === fold(arg as string);
    case 'wildcard':
      return typeof value === 'string' && wildcardRegExp(arg as string).test(value);
    case 'numeric':
      return typeof value === 'number' && inNumericRange(arg as unknown[], value);
    case 'cidr':
      return typeof value === 'string' && inCidr(arg as string, value);
    case 'anything-but':
      // A present null still counts as "anything but"; only a missing field fails (handled in matchesValues).
      return !isExcluded(arg, value);
    default:
      return false;
  }
}

const fold = (s: string) => s.toLowerCase();

function matchesAffix(arg: unknown, value: string, test: (s: string, affix: string) => boolean): boolean {
  if (typeof arg === 'string') return test(value, arg);
  return test(fold(value), fold((arg as Fields)['equals-ignore-case'] as string));
}

function isExcluded(arg: unknown, value: Scalar): boolean {
  if (Array.isArray(arg)) return arg.includes(value);
  if (!isObject(arg)) return arg === value;
  // { prefix | suffix | equals-ignore-case | wildcard: string | string[] } only ever excludes strings.
  const [op, inner] = Object.entries(arg)[0] ?? [];
  const list = Array.isArray(inner) ? inner : [inner];
  return typeof value === 'string' && op !== undefined && list.some((one) => matchesValue({ [op]: one }, value));
}

function inNumericRange(spec: unknown[], value: number): boolean {
  for (let i = 0; i + 1 < spec.length; i += 2) {
    const bound = spec[i + 1] as number;
    const ok =
      spec[i] === '='
        ? value === bound
        : spec[i] === '<'
          ? value < bound
          : spec[i] === '<='
            ? value <= bound
            : spec[i] === '>'
              ? value > bound
              : spec[i] === '>='
                ? value >= bound
                : false;
    if (!ok) return false;
  }
  return true;
}

// `*` matches any run of characters, including none; `\*` is a literal star and `\\` a literal backslash.
function wildcardRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '\\') source += escapeRegExp(pattern[++i] ?? '');
    else source += c === '*' ? '.*' : escapeRegExp(c);
  }
  return new RegExp(`^${source}$`, 's');
}

const escapeRegExp = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

// ---------------------------------------------------------------------------------------------------------------
// IP addresses, as 32- or 128-bit integers so a CIDR test is a shift and compare.

type Ip = { bits: 32 | 128; value: bigint };

function inCidr(cidr: string, address: string): boolean {
  const network = parseCidr(cidr);
  const ip = parseIp(address);
  if (!network || !ip || ip.bits !== network.bits) return false;
  const hostBits = BigInt(network.bits - network.prefix);
  return ip.value >> hostBits === network.value >> hostBits;
}

function parseCidr(cidr: string): (Ip & { prefix: number }) | undefined {
  const [address = '', prefix = '', ...extra] = cidr.split('/');
  const ip = parseIp(address);
  if (!ip || extra.length > 0 || !/^\d{1,3}$/.test(prefix) || Number(prefix) > ip.bits) return undefined;
  return { ...ip, prefix: Number(prefix) };
}

function parseIp(address: string): Ip | undefined {
  const value = address.includes(':') ? parseIpv6(address) : parseIpv4(address);
  if (value === undefined) return undefined;
  return { bits: address.includes(':') ? 128 : 32, value };
}

function parseIpv4(address: string): bigint | undefined {
  const octets = address.split('.');
  if (octets.length !== 4 || !octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)) return undefined;
  return octets.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n);
}

// Eight 16-bit groups; "::" stands for one or more zero groups and the last 32 bits may be written as IPv4.
function parseIpv6(address: string): bigint | undefined {
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const groups = halves.map((half, i) => parseGroups(half, i === halves.length - 1));
  const [head, tail = []] = groups;
  if (!head || groups.some((g) => g === undefined)) return undefined;
  const zeros = 8 - head.length - tail.length;
  if (halves.length === 2 ? zeros < 1 : zeros !== 0) return undefined;
  return [...head, ...Array<number>(zeros).fill(0), ...tail].reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

function parseGroups(part: string, last: boolean): number[] | undefined {
  if (part === '') return [];
  const groups: number[] = [];
  const pieces = part.split(':');
  for (const [i, piece] of pieces.entries()) {
    if (last && i === pieces.length - 1 && piece.includes('.')) {
      const v4 = parseIpv4(piece);
      if (v4 === undefined) return undefined;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (/^[0-9a-f]{1,4}$/i.test(piece)) {
      groups.push(parseInt(piece, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}
