import type { OrganisationCommand } from './commands.ts';
import { isJusticeKind } from './kinds.ts';
import type { Registry } from './registry.ts';
import { latestPlacement, type OrganisationState } from './state.ts';

export type RegistryCommandRefusal = { code: 'NOT_A_JUSTICE_BODY' | 'OUT_OF_SCOPE'; reason: string };

/** The business date a registry command takes effect: the date every question about it is asked on. */
export const effectiveDateOf = (command: OrganisationCommand): string =>
  command.type === 'RegisterOrganisation' ? command.data.validFrom : command.data.effectiveFrom;

/**
 * The places in the tree a command changes: where the organisation is put (a registration's parent),
 * where it is taken from and put (a move's old and new parent), whose records it hands over (a
 * merger's successor), and otherwise where it hangs (its parent). Null: it hangs under nothing (a
 * provincial department, the country's to register).
 */
const placesTouched = (command: OrganisationCommand, own: OrganisationState): (string | null)[] => {
  if (command.type === 'RegisterOrganisation') return [command.data.parentId];
  const current = latestPlacement(own)?.parentId ?? null;
  if (command.type === 'MoveOrganisation') return [current, command.data.parentId];
  if (command.type === 'MergeOrganisation') return [current, command.data.successorId];
  return [current];
};

/**
 * Why `caller` may not issue `command` on an organisation in the state `own`, or null when it may.
 * A justice body's administrators keep the registry of what lies under it (Art 12: the bureau sets
 * up the agency; the stations an agency sets up under Art 13 are recorded by the bureau over it,
 * an agency's own administrator keeps no registry): every place the command touches must lie under
 * the caller's organisation (or be it) on the day the command takes effect. So a bureau registers
 * and renames what hangs below it, never itself or a sibling; a change to a bureau is its parent's
 * to make. The decider does not look at the actor, as the case decider leaves roles to the gate.
 */
export const registryCommandRefusal = (
  registry: Registry,
  caller: { role: string; organisation: string },
  command: OrganisationCommand,
  own: OrganisationState,
): RegistryCommandRefusal | null => {
  const callerKind = registry.get(caller.organisation)?.kind;
  if (caller.role !== 'administrator' || !callerKind || !isJusticeKind(callerKind)) {
    return {
      code: 'NOT_A_JUSTICE_BODY',
      reason: `the registry is kept by the administrators of a justice department or bureau, not by a${callerKind ? ` ${callerKind}` : 'n unknown organisation'}'s ${caller.role}`,
    };
  }
  const date = effectiveDateOf(command);
  for (const place of placesTouched(command, own)) {
    if (place === null)
      return { code: 'OUT_OF_SCOPE', reason: 'a provincial department hangs under the country, not under any bureau of the registry' };
    if (!registry.liesUnder(place, caller.organisation, date))
      return { code: 'OUT_OF_SCOPE', reason: `${place} does not lie under ${caller.organisation} on ${date}` };
  }
  return null;
};
