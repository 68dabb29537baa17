import { ERASED } from '../../../events/personal/marks.ts';
import { authoredBy, maskByKind, minorsNeed, personalDataFor, seesPersonalData } from '../auth/mask.ts';
import type { Role } from '../auth/roles.ts';
import type { DataKey, KeyStore } from './key-store.ts';
import { openValue, parseSealed, type ParsedToken } from './sealed-value.ts';

type Caller = { role: string; organisation: string };

/** A sealed value this key store cannot open although its key exists (a tampered token). */
export const UNREADABLE = '[unreadable]';

export type OpenedAnswer<T> = {
  value: T;
  /** The records (key ids) whose personal data the answer showed, masked or not: what a read audit records. */
  subjects: string[];
  /** Whether the caller saw personal data in full or masked. */
  shown: 'full' | 'masked';
};

const collectTokens = (value: unknown, into: Map<string, ParsedToken>) => {
  if (typeof value === 'string') {
    const token = parseSealed(value);
    if (token) into.set(value, token);
  } else if (Array.isArray(value)) for (const v of value) collectTokens(v, into);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) collectTokens(v, into);
};

/**
 * Any answer as this caller may see it: every sealed value opened with its record's key (or shown as
 * erased), then shown in full or masked by its kind for the caller's role; a minor's value is masked
 * for every role without the need to act for the minor; what the caller's own organisation recorded in
 * its role (an envelope's `actor`, a history entry's `who`) is shown as it recorded it. Plain values
 * in records written before sealing are masked by field name, as before (mask.ts).
 */
export const openPersonal = async <T>(keys: KeyStore, caller: Caller, value: T): Promise<OpenedAnswer<T>> => {
  const tokens = new Map<string, ParsedToken>();
  collectTokens(value, tokens);
  const full = seesPersonalData(caller);
  if (tokens.size === 0) return { value: personalDataFor(caller, value), subjects: [], shown: full ? 'full' : 'masked' };
  const dataKeys = await keys.dataKeys([...new Set([...tokens.values()].map((t) => t.keyId))]);
  const subjects = new Set<string>();
  const minorsInFull = full && minorsNeed.has(caller.role as Role);

  const show = (token: ParsedToken, key: DataKey | undefined, own: boolean): string => {
    subjects.add(token.keyId);
    if (key === 'destroyed') return ERASED;
    const plain = Buffer.isBuffer(key) ? openValue(key, token) : null;
    if (plain === null) return UNREADABLE;
    const inFull = own || (full && (!token.minor || minorsInFull));
    return inFull ? plain : maskByKind[token.kind](plain);
  };

  const walk = (v: unknown, own: boolean): unknown => {
    if (typeof v === 'string') {
      const token = tokens.get(v);
      return token ? show(token, dataKeys.get(token.keyId), own) : v;
    }
    if (Array.isArray(v)) return v.map((item) => walk(item, own));
    if (v === null || typeof v !== 'object') return v;
    const record = v as Record<string, unknown>;
    const mine = own || authoredBy(record, caller);
    return Object.fromEntries(Object.entries(record).map(([k, item]) => [k, walk(item, mine)]));
  };
  // Plain values (records from before sealing) are masked by name as before; the sealed ones by kind.
  const opened = walk(value, false) as T;
  return { value: personalDataFor(caller, opened), subjects: [...subjects].sort(), shown: full ? 'full' : 'masked' };
};
