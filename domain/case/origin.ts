import type { CaseState } from './state.ts';

/** Where a case came from, flattened for lists and statistics: how (kind), through whom (via), which organisation. */
export type OriginSummary = { kind: 'application' | 'forwarded-application' | 'notification'; via: string; organisationId: string | null };

export const originOf = (state: Pick<CaseState, 'origin'>): OriginSummary | null => {
  const o = state.origin;
  if (!o) return null;
  switch (o.kind) {
    case 'application':
      return { kind: o.kind, via: o.channel, organisationId: null };
    case 'forwarded-application':
      return { kind: o.kind, via: o.forwarder.kind, organisationId: o.forwarder.organisationId };
    case 'notification':
      return { kind: o.kind, via: o.authority.kind, organisationId: o.authority.organisationId };
  }
};
