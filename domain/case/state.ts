import type { Category, FormOfAid } from '../../events/catalogue/vocabulary.ts';

export type CaseStatus = 'none' | 'under-review';

export type CaseState = {
  status: CaseStatus;
  caseId: string | null;
  agencyId: string | null;
  province: string | null;
  origin: { kind: 'application'; channel: string } | null;
  category: Category | null;
  formOfAid: FormOfAid | null;
  receivedAt: string | null;
};

export const initialCaseState = (): CaseState => ({
  status: 'none',
  caseId: null,
  agencyId: null,
  province: null,
  origin: null,
  category: null,
  formOfAid: null,
  receivedAt: null,
});
