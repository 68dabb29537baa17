import { describe, expect, it } from 'vitest';
import { registryCommandRefusal } from '../../../domain/organisation/command-authority.ts';
import type { OrganisationCommand } from '../../../domain/organisation/commands.ts';
import { createRegistry } from '../../../domain/organisation/registry.ts';
import { initialOrganisationState } from '../../../domain/organisation/state.ts';
import { seededStates } from './organisation-fixtures.ts';

// Who may change the registry: an administrator of a justice body, over the places in the tree the
// change touches, on the day it takes effect. Asked of the seeded tree (Zhejiang and Anhui).

const states = seededStates();
const registry = createRegistry(states.values());
const own = (id: string) => states.get(id) ?? initialOrganisationState();

const station = (parentId: string | null, validFrom = '2026-06-01'): OrganisationCommand => ({
  type: 'RegisterOrganisation',
  data: {
    organisationId: 'workstation:hz-xihu-new',
    kind: 'township-workstation',
    name: '新工作站',
    parentId,
    divisionCode: '330106',
    validFrom,
    contacts: [],
  },
});
const rename: OrganisationCommand = { type: 'RenameOrganisation', data: { name: '新名称', effectiveFrom: '2026-06-01' } };
const moveTo = (parentId: string): OrganisationCommand => ({ type: 'MoveOrganisation', data: { parentId, effectiveFrom: '2026-06-01' } });
const mergeInto = (successorId: string): OrganisationCommand => ({
  type: 'MergeOrganisation',
  data: { successorId, effectiveFrom: '2026-06-01' },
});
const refusal = (caller: string, command: OrganisationCommand, id: string, role = 'administrator') =>
  registryCommandRefusal(registry, { role, organisation: caller }, command, own(id));

describe('who may register an organisation', () => {
  it('the bureau over the parent, at any level above it, and the parent bureau itself', () => {
    expect(refusal('justice-bureau:hz-xihu', station('agency:hz-xihu'), 'workstation:hz-xihu-new')).toBeNull();
    expect(refusal('justice-bureau:hz', station('agency:hz-xihu'), 'workstation:hz-xihu-new')).toBeNull();
    expect(refusal('justice-department:zj', station('agency:hz-xihu'), 'workstation:hz-xihu-new')).toBeNull();
    expect(refusal('justice-bureau:hz', station('justice-bureau:hz'), 'workstation:hz-xihu-new')).toBeNull();
  });

  it('not a sibling bureau, another city or another province', () => {
    expect(refusal('justice-bureau:hz-binjiang', station('agency:hz-xihu'), 'workstation:hz-xihu-new')).toEqual({
      code: 'OUT_OF_SCOPE',
      reason: 'agency:hz-xihu does not lie under justice-bureau:hz-binjiang on 2026-06-01',
    });
    expect(refusal('justice-bureau:nb', station('agency:hz-xihu'), 'workstation:hz-xihu-new')?.code).toBe('OUT_OF_SCOPE');
    expect(refusal('justice-bureau:hf', station('agency:hz-xihu'), 'workstation:hz-xihu-new')?.code).toBe('OUT_OF_SCOPE');
    expect(refusal('justice-department:ah', station('agency:hz-xihu'), 'workstation:hz-xihu-new')?.code).toBe('OUT_OF_SCOPE');
  });

  it('not by an agency, a court or any role but administrator', () => {
    expect(refusal('agency:hz-xihu', station('agency:hz-xihu'), 'workstation:hz-xihu-new')?.code).toBe('NOT_A_JUSTICE_BODY');
    expect(refusal('court:hz-xihu', station('agency:hz-xihu'), 'workstation:hz-xihu-new')?.code).toBe('NOT_A_JUSTICE_BODY');
    expect(refusal('justice-bureau:hz', station('agency:hz-xihu'), 'workstation:hz-xihu-new', 'auditor')?.code).toBe('NOT_A_JUSTICE_BODY');
    expect(refusal('agency:nowhere', station('agency:hz-xihu'), 'workstation:hz-xihu-new')?.code).toBe('NOT_A_JUSTICE_BODY');
  });

  it('not a provincial department: no bureau of the registry is above one', () => {
    expect(refusal('justice-department:zj', station(null), 'justice-department:js')?.code).toBe('OUT_OF_SCOPE');
  });

  it('on the day it takes effect: under a merged bureau the successor answers from the merger on', () => {
    const under = (date: string) => station('justice-bureau:hz-jianggan', date);
    expect(refusal('justice-bureau:hz-jianggan', under('2021-04-08'), 'workstation:hz-xihu-new')).toBeNull();
    expect(refusal('justice-bureau:hz-jianggan', under('2021-04-09'), 'workstation:hz-xihu-new')?.code).toBe('OUT_OF_SCOPE');
    expect(refusal('justice-bureau:hz-shangcheng', under('2021-04-08'), 'workstation:hz-xihu-new')?.code).toBe('OUT_OF_SCOPE');
    expect(refusal('justice-bureau:hz-shangcheng', under('2021-04-09'), 'workstation:hz-xihu-new')).toBeNull();
  });
});

describe('who may change an organisation', () => {
  it('the bureaus above its parent, never the organisation itself', () => {
    expect(refusal('justice-bureau:hz-xihu', rename, 'agency:hz-xihu')).toBeNull();
    expect(refusal('justice-bureau:hz', rename, 'justice-bureau:hz-xihu')).toBeNull();
    expect(refusal('justice-bureau:hz-xihu', rename, 'justice-bureau:hz-xihu')?.code).toBe('OUT_OF_SCOPE');
    expect(refusal('justice-bureau:hz-binjiang', rename, 'agency:hz-xihu')?.code).toBe('OUT_OF_SCOPE');
  });

  it('a move: both the old and the new parent under the caller', () => {
    expect(refusal('justice-bureau:hz', moveTo('justice-bureau:hz-binjiang'), 'court:hz-xihu')).toBeNull();
    expect(refusal('justice-bureau:hz-xihu', moveTo('justice-bureau:hz-binjiang'), 'court:hz-xihu')).toEqual({
      code: 'OUT_OF_SCOPE',
      reason: 'justice-bureau:hz-binjiang does not lie under justice-bureau:hz-xihu on 2026-06-01',
    });
    expect(refusal('justice-bureau:hz-binjiang', moveTo('justice-bureau:hz-binjiang'), 'court:hz-xihu')?.reason).toBe(
      'justice-bureau:hz-xihu does not lie under justice-bureau:hz-binjiang on 2026-06-01',
    );
  });

  it('a merger: the successor under the caller too', () => {
    expect(refusal('justice-bureau:hz', mergeInto('agency:hz-binjiang'), 'agency:hz-xihu')).toBeNull();
    expect(refusal('justice-bureau:hz-xihu', mergeInto('agency:hz-binjiang'), 'agency:hz-xihu')?.reason).toBe(
      'agency:hz-binjiang does not lie under justice-bureau:hz-xihu on 2026-06-01',
    );
  });
});
