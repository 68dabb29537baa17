import type { OrganisationEvent } from '../../events/catalogue/organisation-events.ts';
import { canonicalJson } from '../../events/canonical-json.ts';
import { refuse } from '../error-codes.ts';
import type { OrganisationCommand } from './commands.ts';
import type { OrganisationContext } from './context.ts';
import { idFitsKind, idPrefixKinds, idPrefixOf } from './kinds.ts';
import { checkChildrenStayInside, checkNothingOpenUnder, checkPlacement } from './placement-rules.ts';
import { endOf, isOpenOn, isRegistered, latestPlacement, type OrganisationState, type RegisteredOrganisation } from './state.ts';

const registered = (state: OrganisationState): RegisteredOrganisation => {
  if (!isRegistered(state)) throw refuse('ORGANISATION_NOT_FOUND', 'no organisation is registered under this id');
  const end = endOf(state);
  if (end !== null) throw refuse('ORGANISATION_ENDED', `${state.organisationId} ends on ${end}; only its history remains`);
  return state;
};

/** Changes are recorded in the order they take effect, so every dated question has one answer. */
const inOrder = (state: RegisteredOrganisation, effectiveFrom: string): void => {
  if (effectiveFrom < state.lastChangeOn!) {
    throw refuse(
      'EFFECTIVE_DATE_OUT_OF_ORDER',
      `${effectiveFrom} is before ${state.organisationId}'s last change (${state.lastChangeOn})`,
      'effectiveFrom',
    );
  }
};

export const decideOrganisation = (
  command: OrganisationCommand,
  state: OrganisationState,
  { registry }: OrganisationContext,
): OrganisationEvent[] => {
  if (command.type === 'RegisterOrganisation') {
    const d = command.data;
    if (state.status !== 'none') throw refuse('ORGANISATION_EXISTS', `${state.organisationId} is registered`, 'organisationId');
    if (!idFitsKind(d.organisationId, d.kind)) {
      const kinds = idPrefixKinds[idPrefixOf(d.organisationId)];
      throw refuse(
        'ORGANISATION_ID_KIND_MISMATCH',
        `${d.organisationId} names ${kinds ? kinds.join(' or ') : 'no kind'}, not a ${d.kind}`,
        'organisationId',
      );
    }
    checkPlacement(
      { organisationId: d.organisationId, kind: d.kind, parentId: d.parentId, divisionCode: d.divisionCode, date: d.validFrom },
      registry,
    );
    return [{ type: 'OrganisationRegistered', data: d }];
  }
  const self = registered(state);
  inOrder(self, command.data.effectiveFrom);
  switch (command.type) {
    case 'RenameOrganisation':
      if (self.names.at(-1)?.name === command.data.name)
        throw refuse('NOTHING_TO_UPDATE', `${self.organisationId} is already called ${command.data.name}`, 'name');
      return [{ type: 'OrganisationRenamed', data: command.data }];
    case 'MoveOrganisation': {
      const { parentId, effectiveFrom } = command.data;
      const current = latestPlacement(self)!;
      const divisionCode = command.data.divisionCode ?? current.divisionCode;
      if (parentId === current.parentId && divisionCode === current.divisionCode)
        throw refuse('NOTHING_TO_UPDATE', `${self.organisationId} is already there`, 'parentId');
      checkPlacement({ organisationId: self.organisationId, kind: self.kind, parentId, divisionCode, date: effectiveFrom }, registry);
      if (divisionCode !== current.divisionCode) checkChildrenStayInside(self.organisationId, divisionCode, effectiveFrom, registry);
      return [{ type: 'OrganisationMoved', data: { parentId, divisionCode, effectiveFrom } }];
    }
    case 'MergeOrganisation': {
      const { successorId, effectiveFrom } = command.data;
      if (successorId === self.organisationId) throw refuse('MERGE_INTO_SELF', `${successorId} cannot merge into itself`, 'successorId');
      const successor = registry.get(successorId);
      if (!successor) throw refuse('ORGANISATION_NOT_FOUND', `${successorId} is not registered`, 'successorId');
      if (successor.kind !== self.kind)
        throw refuse('MERGE_SUCCESSOR_KIND_MISMATCH', `a ${self.kind} merges into a ${self.kind}, not a ${successor.kind}`, 'successorId');
      if (!isOpenOn(successor, effectiveFrom) || endOf(successor) !== null) {
        throw refuse(
          'MERGE_SUCCESSOR_NOT_OPEN',
          `${successorId} is not open on ${effectiveFrom}, or its own end is recorded`,
          'successorId',
        );
      }
      checkNothingOpenUnder(self.organisationId, effectiveFrom, registry);
      return [{ type: 'OrganisationMerged', data: command.data }];
    }
    case 'CloseOrganisation':
      checkNothingOpenUnder(self.organisationId, command.data.effectiveFrom, registry);
      return [{ type: 'OrganisationClosed', data: command.data }];
    case 'ChangeOrganisationContacts':
      if (canonicalJson(self.contacts) === canonicalJson(command.data.contacts))
        throw refuse('NOTHING_TO_UPDATE', 'the contacts are unchanged', 'contacts');
      return [{ type: 'OrganisationContactsChanged', data: command.data }];
  }
};
