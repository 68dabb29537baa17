import type { OrganisationKind } from '../../events/catalogue/organisation-vocabulary.ts';
import { isJusticeKind } from './kinds.ts';
import { endOf, isOpenOn, isRegistered, nameOn, placementOn, type OrganisationState, type RegisteredOrganisation } from './state.ts';

/** The root every roll-up path ends at: the provincial departments sit under the country. */
export const COUNTRY = 'country:cn';

export type Validity = 'unknown' | 'not-yet-open' | 'open' | 'closed' | 'merged';

/**
 * Who is who on a business date, from the organisations' folded states. Every question takes the
 * date because a scope, a rule set or a report is asked about a day: the agency a case was received
 * by in 2020 may since have merged into another. Pure: no clock, the date is always an argument.
 *
 * Merged organisations are followed to their successor: the records of an absorbed agency belong,
 * from the merger on, to the agency that absorbed it, so that is where they lie.
 */
export const createRegistry = (states: Iterable<OrganisationState>) => {
  const byId = new Map<string, RegisteredOrganisation>();
  for (const s of states) if (isRegistered(s)) byId.set(s.organisationId, s);

  const get = (id: string): RegisteredOrganisation | null => byId.get(id) ?? null;
  const isOpen = (id: string, date: string): boolean => {
    const s = get(id);
    return s !== null && isOpenOn(s, date);
  };

  const validity = (id: string, date: string): Validity => {
    const s = get(id);
    if (!s) return 'unknown';
    if (date < s.validFrom) return 'not-yet-open';
    if (s.merged && s.merged.from <= date && endOf(s) === s.merged.from) return 'merged';
    return isOpenOn(s, date) ? 'open' : 'closed';
  };

  /** The organisation that holds `id`'s records on `date`: itself, or its successor after a merger (transitively). */
  const resolve = (id: string, date: string): string => {
    const seen = new Set<string>();
    let current = id;
    for (;;) {
      const merged = get(current)?.merged;
      if (!merged || merged.from > date || seen.has(current)) return current;
      seen.add(current);
      current = merged.successorId;
    }
  };

  const parentOf = (id: string, date: string): string | null => {
    const s = get(id);
    return s && isOpenOn(s, date) ? (placementOn(s, date)?.parentId ?? null) : null;
  };

  /** Parents from the nearest up, of the organisation holding `id`'s records; empty if it is not open then. */
  const ancestors = (id: string, date: string): string[] => {
    const chain: string[] = [];
    const seen = new Set<string>([resolve(id, date)]);
    for (let p = parentOf(resolve(id, date), date); p !== null && !seen.has(p); p = parentOf(p, date)) {
      chain.push(p);
      seen.add(p);
    }
    return chain;
  };

  const nearestAbove = (id: string, date: string, fits: (kind: OrganisationKind) => boolean): string | null =>
    ancestors(id, date).find((a) => fits(get(a)!.kind)) ?? null;

  /** The justice bureau nearest above (an agency's: the bureau that set it up, Art 12, and decides objections, Art 49). */
  const bureauOver = (id: string, date: string): string | null => nearestAbove(id, date, isJusticeKind);

  /** The provincial department at the top of the node's branch (the node itself if it is one), from the tree. */
  const provinceOf = (id: string, date: string): string | null => {
    const self = resolve(id, date);
    if (!isOpen(self, date)) return null;
    const top = ancestors(self, date).at(-1) ?? self;
    return get(top)?.kind === 'provincial-department' ? top : null;
  };

  /** Whether `node` (its records, after a merger) is `ancestor` or lies below it on `date`. */
  const liesUnder = (node: string, ancestor: string, date: string): boolean => {
    if (!isOpen(ancestor, date)) return false;
    const self = resolve(node, date);
    if (!isOpen(self, date)) return false;
    return self === ancestor || ancestors(self, date).includes(ancestor);
  };

  const childrenCache = new Map<string, Map<string, string[]>>();
  const childrenOn = (date: string): Map<string, string[]> => {
    const cached = childrenCache.get(date);
    if (cached) return cached;
    const children = new Map<string, string[]>();
    for (const s of byId.values()) {
      const parent = parentOf(s.organisationId, date);
      if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), s.organisationId]);
    }
    childrenCache.set(date, children);
    return children;
  };

  /** Everything open below `id` on `date` (not `id` itself), optionally only of some kinds: the agencies of a city. */
  const descendants = (id: string, date: string, kinds?: readonly OrganisationKind[]): string[] => {
    const children = childrenOn(date);
    const found: string[] = [];
    const queue = [...(children.get(id) ?? [])];
    const seen = new Set<string>([id]);
    while (queue.length) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      found.push(next);
      queue.push(...(children.get(next) ?? []));
    }
    return kinds ? found.filter((d) => kinds.includes(get(d)!.kind)) : found;
  };

  /** Where the node's figures roll up: itself (or its successor), each parent, then the country. */
  const rollUpPath = (id: string, date: string): string[] => {
    const self = resolve(id, date);
    return isOpen(self, date) ? [self, ...ancestors(self, date), COUNTRY] : [];
  };

  /** Every organisation that was ever placed under `id`, at any date: what must end before `id` may. */
  const everPlacedUnder = (id: string): RegisteredOrganisation[] =>
    [...byId.values()].filter((s) => s.placements.some((p) => p.parentId === id));

  const describe = (id: string, date: string) => {
    const s = get(id);
    return s
      ? {
          organisationId: id,
          kind: s.kind,
          name: nameOn(s, date) ?? s.names[0]!.name,
          validity: validity(id, date),
          successorId: s.merged?.successorId ?? null,
        }
      : null;
  };

  return {
    get,
    all: (): RegisteredOrganisation[] => [...byId.values()],
    isOpen,
    validity,
    resolve,
    parentOf,
    ancestors,
    bureauOver,
    provinceOf,
    liesUnder,
    descendants,
    rollUpPath,
    everPlacedUnder,
    describe,
    /** The same questions fixed to one business date. */
    asOf: (date: string) => ({
      date,
      isOpen: (id: string) => isOpen(id, date),
      validity: (id: string) => validity(id, date),
      resolve: (id: string) => resolve(id, date),
      parentOf: (id: string) => parentOf(id, date),
      ancestors: (id: string) => ancestors(id, date),
      bureauOver: (id: string) => bureauOver(id, date),
      provinceOf: (id: string) => provinceOf(id, date),
      liesUnder: (node: string, ancestor: string) => liesUnder(node, ancestor, date),
      descendants: (id: string, kinds?: readonly OrganisationKind[]) => descendants(id, date, kinds),
      rollUpPath: (id: string) => rollUpPath(id, date),
      describe: (id: string) => describe(id, date),
    }),
  };
};

export type Registry = ReturnType<typeof createRegistry>;
export type DatedRegistry = ReturnType<Registry['asOf']>;
