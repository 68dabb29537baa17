import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divisionLiesIn } from '../../../domain/organisation/division-code.ts';
import { DomainError } from '../../../domain/errors.ts';
import { organisationCommandSchemas, type OrganisationCommand } from '../../../domain/organisation/commands.ts';
import { decideInMemory } from '../../../domain/organisation/in-memory.ts';
import { allowedParentKinds, idPrefixForKind } from '../../../domain/organisation/kinds.ts';
import { createRegistry } from '../../../domain/organisation/registry.ts';
import { isOpenOn, placementOn, type OrganisationState } from '../../../domain/organisation/state.ts';
import { organisationKindSchema, type OrganisationKind } from '../../../events/catalogue/organisation-vocabulary.ts';

// Random registry command sequences: registrations of any kind under any organisation (or none),
// moves, mergers and closings, with dates out of order and codes both inside and outside the
// parent's division. Whatever the decider accepts is kept; then, on every date that matters, the
// result must be a tree: every open organisation's parent exists, is open, is of an allowed kind,
// holds its division code, and walking up ends at a province-level root without meeting itself.

const DATES = ['2000-01-01', '2005-06-01', '2010-01-01', '2015-03-15', '2020-01-01', '2024-12-31'];
const kinds = organisationKindSchema.options;

type Step =
  | { op: 'register'; kind: number; parent: number | null; fitting: boolean; code: number; date: number }
  | { op: 'move'; who: number; parent: number; fitting: boolean; code: number; date: number }
  | { op: 'merge'; who: number; into: number; fitting: boolean; date: number }
  | { op: 'close'; who: number; date: number };

const index = fc.nat({ max: 200 });
// Negative: the date that follows the sequence (one step of DATES per eight commands); else any date.
const date = fc.integer({ min: -DATES.length, max: DATES.length - 1 });
const code = fc.nat({ max: 9 });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('register' as const),
      kind: fc.nat({ max: kinds.length - 1 }),
      parent: fc.option(index, { freq: 6 }),
      fitting: fc.boolean(),
      code,
      date,
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('move' as const), who: index, parent: index, fitting: fc.boolean(), code, date }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('merge' as const), who: index, into: index, fitting: fc.boolean(), date }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('close' as const), who: index, date }) },
);

/** Mostly a code inside the parent's division at this kind's level, sometimes one elsewhere. */
const codeFor = (kind: OrganisationKind, parentCode: string | null, pick: number): string => {
  if (pick === 9) return ['330000', '340100', '340104', '330106'][pick % 4]!;
  const digits = String(1 + (pick % 3)).padStart(2, '0');
  const province = parentCode?.slice(0, 2) ?? (pick % 2 ? '33' : '34');
  if (kind === 'provincial-department') return `${province}0000`;
  if (kind === 'city-bureau') return `${province}${digits}00`;
  if (kind === 'county-bureau') return `${(parentCode ?? '330100').slice(0, 4)}${digits}`;
  return parentCode ?? '330000';
};

const commandOf = (
  s: Step,
  ids: readonly string[],
  states: ReadonlyMap<string, OrganisationState>,
  n: number,
): { organisationId: string; command: OrganisationCommand } | null => {
  const at = (i: number) => (ids.length ? ids[i % ids.length]! : null);
  const day = (d: number) => DATES[d >= 0 ? d : Math.min(DATES.length - 1, Math.floor(n / 8))]!;
  const codeOf = (id: string | null) => (id ? (states.get(id)?.placements.at(-1)?.divisionCode ?? null) : null);
  switch (s.op) {
    case 'register': {
      // Half the time a kind that has somewhere to go, under an organisation of a kind it may sit
      // under, so that deep trees are built; otherwise any kind under anything.
      const fits = (kind: OrganisationKind, id: string) => allowedParentKinds[kind].includes(states.get(id)!.kind!);
      const placeable = kinds.filter((k) => allowedParentKinds[k].length === 0 || ids.some((id) => fits(k, id)));
      const kind = s.fitting ? placeable[s.kind % placeable.length]! : kinds[s.kind]!;
      const fitting = ids.filter((id) => fits(kind, id));
      const parentId = s.fitting
        ? fitting.length && s.parent !== null
          ? fitting[s.parent % fitting.length]!
          : null
        : s.parent === null
          ? null
          : at(s.parent);
      const organisationId = `${idPrefixForKind(kind)}:n${n}`;
      return {
        organisationId,
        command: {
          type: 'RegisterOrganisation',
          data: {
            organisationId,
            kind,
            name: organisationId,
            parentId,
            divisionCode: codeFor(kind, codeOf(parentId), s.code),
            validFrom: day(s.date),
            contacts: [],
          },
        },
      };
    }
    case 'move': {
      const who = at(s.who);
      if (!who) return null;
      const kind = states.get(who)!.kind!;
      const fitting = ids.filter((id) => allowedParentKinds[kind].includes(states.get(id)!.kind!));
      const parentId = s.fitting && fitting.length ? fitting[s.parent % fitting.length]! : at(s.parent);
      if (!parentId) return null;
      return {
        organisationId: who,
        command: {
          type: 'MoveOrganisation',
          data: { parentId, divisionCode: codeFor(kind, codeOf(parentId), s.code), effectiveFrom: day(s.date) },
        },
      };
    }
    case 'merge': {
      const who = at(s.who);
      const sameKind = who ? ids.filter((id) => id !== who && states.get(id)!.kind === states.get(who)!.kind) : [];
      const into = s.fitting && sameKind.length ? sameKind[s.into % sameKind.length]! : at(s.into);
      return who && into
        ? { organisationId: who, command: { type: 'MergeOrganisation', data: { successorId: into, effectiveFrom: day(s.date) } } }
        : null;
    }
    case 'close': {
      const who = at(s.who);
      return who
        ? { organisationId: who, command: { type: 'CloseOrganisation', data: { reason: 'r', effectiveFrom: day(s.date) } } }
        : null;
    }
  }
};

const treeViolations = (states: ReadonlyMap<string, OrganisationState>): string[] => {
  const registry = createRegistry(states.values());
  const days = [...new Set(DATES.flatMap((d) => [d, `${d.slice(0, 8)}00`]))]; // each date and a day just before it
  const problems: string[] = [];
  for (const day of days) {
    for (const s of states.values()) {
      if (!isOpenOn(s, day)) continue;
      const id = s.organisationId!;
      const placement = placementOn(s, day)!;
      const parentId = placement.parentId;
      if (parentId === null) {
        if (allowedParentKinds[s.kind!].length) problems.push(`${id} has no parent on ${day}`);
        continue;
      }
      const parent = states.get(parentId);
      if (!parent || !isOpenOn(parent, day)) problems.push(`${id}'s parent ${parentId} is not open on ${day}`);
      else if (!allowedParentKinds[s.kind!].includes(parent.kind!)) problems.push(`${id} (${s.kind}) sits under a ${parent.kind}`);
      else if (!divisionLiesIn(placement.divisionCode, placementOn(parent, day)!.divisionCode))
        problems.push(`${id}'s code lies outside ${parentId}'s on ${day}`);
      // Walk up by the states themselves, not by the registry's own (cycle-guarded) walk.
      const seen = new Set([id]);
      let up: string | null = parentId;
      while (up !== null && !seen.has(up)) {
        seen.add(up);
        const next = states.get(up);
        up = next ? (placementOn(next, day)?.parentId ?? null) : null;
      }
      if (up !== null) problems.push(`${id} meets itself walking up on ${day}`);
      const root = registry.rollUpPath(id, day).at(-2);
      if (root === undefined || states.get(root)?.kind !== 'provincial-department') problems.push(`${id} rolls up to ${root} on ${day}`);
    }
  }
  return problems;
};

describe('the registry under random command sequences', () => {
  it('is always a tree on every date, whatever was accepted or refused', () => {
    let accepted = 0;
    let nested = 0;
    const acceptedByType = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60, size: 'max' }), (steps) => {
        let states = new Map<string, OrganisationState>();
        const ids: string[] = [];
        steps.forEach((s, n) => {
          const next = commandOf(s, ids, states, n);
          // Only what the boundary's schema lets through reaches the decider.
          if (!next || !organisationCommandSchemas[next.command.type].safeParse(next.command.data).success) return;
          try {
            states = decideInMemory(states, next.organisationId, next.command).states;
            accepted++;
            acceptedByType.set(next.command.type, (acceptedByType.get(next.command.type) ?? 0) + 1);
            if (next.command.type === 'RegisterOrganisation') {
              ids.push(next.organisationId);
              if (next.command.data.parentId !== null) nested++;
            }
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
        });
        expect(treeViolations(states)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
    // The property says nothing if every command was refused or nothing was ever nested.
    expect(accepted).toBeGreaterThan(2000);
    expect(nested).toBeGreaterThan(1000);
    for (const type of ['MoveOrganisation', 'MergeOrganisation', 'CloseOrganisation'])
      expect(acceptedByType.get(type) ?? 0, type).toBeGreaterThan(10);
  });
});
