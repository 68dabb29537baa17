import type { OrganisationEvent } from '../../events/catalogue/organisation-events.ts';
import type { OrganisationState } from './state.ts';

const later = (a: string | null, b: string): string => (a !== null && a > b ? a : b);

export const evolveOrganisation = (state: OrganisationState, event: OrganisationEvent): OrganisationState => {
  switch (event.type) {
    case 'OrganisationRegistered': {
      const d = event.data;
      return {
        ...state,
        status: 'registered',
        organisationId: d.organisationId,
        kind: d.kind,
        validFrom: d.validFrom,
        names: [{ name: d.name, from: d.validFrom }],
        placements: [{ parentId: d.parentId, divisionCode: d.divisionCode, from: d.validFrom }],
        contacts: d.contacts,
        lastChangeOn: d.validFrom,
      };
    }
    case 'OrganisationRenamed':
      return {
        ...state,
        names: [...state.names, { name: event.data.name, from: event.data.effectiveFrom }],
        lastChangeOn: later(state.lastChangeOn, event.data.effectiveFrom),
      };
    case 'OrganisationMoved': {
      const { parentId, divisionCode, effectiveFrom } = event.data;
      return {
        ...state,
        placements: [...state.placements, { parentId, divisionCode, from: effectiveFrom }],
        lastChangeOn: later(state.lastChangeOn, effectiveFrom),
      };
    }
    case 'OrganisationMerged':
      return {
        ...state,
        merged: { successorId: event.data.successorId, from: event.data.effectiveFrom },
        lastChangeOn: later(state.lastChangeOn, event.data.effectiveFrom),
      };
    case 'OrganisationClosed':
      return { ...state, closedFrom: event.data.effectiveFrom, lastChangeOn: later(state.lastChangeOn, event.data.effectiveFrom) };
    case 'OrganisationContactsChanged':
      return { ...state, contacts: event.data.contacts, lastChangeOn: later(state.lastChangeOn, event.data.effectiveFrom) };
  }
};
