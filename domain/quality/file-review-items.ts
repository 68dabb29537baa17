import { refuse } from '../error-codes.ts';
import type { CaseState } from '../case/state.ts';
import { chooseDated } from '../rules/choose-dated.ts';
import { caseTypeOf, qualityStandards, type CaseType, type QualityStandard } from './standard.ts';

// A case-file review against the items of the case's type (seed 004): it answers every item of that
// type, and only those, so that scores of one type compare. The standard is the one in force on the
// case's receipt, as the required checks are chosen (domain/quality/record.ts).

export type ReviewedItem = { itemId: string; met: boolean };

/** The case type of a case, and the points its review's missing items deduct; refused with the field when the items do not fit. */
export const fileReviewItemsOf = (
  state: Pick<CaseState, 'category' | 'province' | 'receivedAt'>,
  items: readonly ReviewedItem[],
  standards: readonly QualityStandard[] = qualityStandards,
): { caseType: CaseType; deducted: number } => {
  const caseType = caseTypeOf(state.category);
  if (!caseType) throw refuse('FILE_REVIEW_CASE_TYPE_UNKNOWN', 'the case has no category yet, so no item standard applies', 'items');
  const standard = (state.receivedAt ? chooseDated(standards, state.province, state.receivedAt) : null) ?? standards[0]!;
  const ofType = standard.fileReviewItems[caseType];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (!ofType.some((t) => t.id === item.itemId))
      throw refuse(
        'FILE_REVIEW_ITEM_NOT_OF_CASE_TYPE',
        `${item.itemId} is not an item of the ${caseType} file-review standard (${standard.id})`,
        `items.${i}.itemId`,
      );
    if (seen.has(item.itemId)) throw refuse('FILE_REVIEW_ITEM_REPEATED', `${item.itemId} is answered twice`, `items.${i}.itemId`);
    seen.add(item.itemId);
  });
  const omitted = ofType.filter((t) => !seen.has(t.id)).map((t) => t.id);
  if (omitted.length > 0)
    throw refuse('FILE_REVIEW_ITEM_OMITTED', `the ${caseType} file-review standard also checks: ${omitted.join(', ')}`, 'items');
  const deducted = ofType.filter((t) => items.some((i) => i.itemId === t.id && !i.met)).reduce((n, t) => n + t.points, 0);
  return { caseType, deducted };
};
