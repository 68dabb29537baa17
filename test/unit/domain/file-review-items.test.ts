import { describe, expect, it } from 'vitest';
import { commandRequestExamples } from '../../../functions/api/examples/command-request-examples.ts';
import type { CaseCommand } from '../../../domain/case/commands.ts';
import { caseDecider } from '../../../domain/case/decider.ts';
import { evolveQualityFacts, initialQualityFacts, qualityRecordOf } from '../../../domain/quality/record.ts';
import { scorecardOf } from '../../../functions/lib/read-models/quality-queries.ts';
import { caseTypes, nationalQualityStandard2022 } from '../../../domain/quality/standard.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import { caseSpec, closed, context, inProgress, received, supervisor, T } from './fixtures.ts';

// Seed 004: a file review is scored against the items of its case's type (the fixtures' case is labour).
const asSupervisor = context(T('2026-06-01 09:00'), supervisor);
const at = T('2026-05-20 09:00');
const labourItems = nationalQualityStandard2022.fileReviewItems['labour-arbitration'];
const review = (items: { itemId: string; met: boolean }[], deductions: number[] = []): CaseCommand => ({
  type: 'RecordCaseFileReview',
  data: { at, remarks: '', deductions: deductions.map((points, i) => ({ item: `free ${i}`, points })), items },
});
const allMet = () => labourItems.map((i) => ({ itemId: i.id, met: true }));

describe('file review by the items of the case type (seed 004)', () => {
  it("has items for every case type, each type's points adding up to 100", () => {
    for (const t of caseTypes) {
      const items = nationalQualityStandard2022.fileReviewItems[t];
      expect(items.length, t).toBeGreaterThan(0);
      expect(
        items.reduce((n, i) => n + i.points, 0),
        t,
      ).toBe(100);
      expect(new Set(items.map((i) => i.id)).size, t).toBe(items.length);
    }
  });

  it('deducts the points of each item found missing, with free deductions beside', () => {
    const [missing, other] = [labourItems[3]!, labourItems[0]!];
    const items = allMet().map((i) => (i.itemId === missing.id || i.itemId === other.id ? { ...i, met: false } : i));
    const [event] = caseSpec
      .given([...inProgress(), closed()])
      .when(review(items, [2]), asSupervisor)
      .events();
    expect(event).toMatchObject({
      type: 'CaseFileReviewed',
      data: { caseType: 'labour-arbitration', score: 100 - missing.points - other.points - 2, items },
    });
    const facts = evolveQualityFacts(initialQualityFacts(), event as CaseEvent);
    expect(facts.fileReviews[0]).toMatchObject({ caseType: 'labour-arbitration', missedItems: [other.id, missing.id].sort() });
  });

  it('refuses a review that names an item of another case type, with the field', () => {
    const criminalOnly = nationalQualityStandard2022.fileReviewItems.criminal.find((i) => !labourItems.some((l) => l.id === i.id))!;
    const error = caseSpec
      .given([...inProgress(), closed()])
      .when(review([...allMet(), { itemId: criminalOnly.id, met: true }]), asSupervisor)
      .thenThrows('FILE_REVIEW_ITEM_NOT_OF_CASE_TYPE');
    expect(error.field).toBe(`items.${labourItems.length}.itemId`);
  });

  it('refuses a review that omits an item of its type, or answers one twice', () => {
    const omitted = caseSpec
      .given([...inProgress(), closed()])
      .when(review(allMet().slice(1)), asSupervisor)
      .thenThrows('FILE_REVIEW_ITEM_OMITTED');
    expect(omitted.field).toBe('items');
    expect(omitted.message).toContain(labourItems[0]!.id);
    caseSpec
      .given([...inProgress(), closed()])
      .when(review([...allMet(), allMet()[0]!]), asSupervisor)
      .thenThrows('FILE_REVIEW_ITEM_REPEATED');
  });

  it('reviews a criminal case against the criminal items', () => {
    const criminal = nationalQualityStandard2022.fileReviewItems.criminal;
    const history = [...inProgress(), closed()].map((e) =>
      e.type === 'ApplicationReceived' ? received({ category: 'civil', formOfAid: 'litigation-representation' }) : e,
    );
    caseSpec
      .given(history)
      .when(review(criminal.map((i) => ({ itemId: i.id, met: true }))), asSupervisor)
      .thenThrows('FILE_REVIEW_ITEM_NOT_OF_CASE_TYPE');
    const civil = nationalQualityStandard2022.fileReviewItems.civil;
    expect(
      caseSpec
        .given(history)
        .when(review(civil.map((i) => ({ itemId: i.id, met: i.id !== civil[4]!.id }))), asSupervisor)
        .events()[0],
    ).toMatchObject({ data: { caseType: 'civil', score: 100 - civil[4]!.points } });
  });

  it('scores a review without items on its free deductions, as before', () => {
    const [event] = caseSpec
      .given([...inProgress(), closed()])
      .when({ type: 'RecordCaseFileReview', data: { at, remarks: '', deductions: [{ item: 'x', points: 7 }] } }, asSupervisor)
      .events();
    expect(event).toMatchObject({ data: { score: 93 } });
    expect((event as { data: object }).data).not.toHaveProperty('caseType');
  });
});

describe('the documented example of a review by items', () => {
  it('answers exactly the items of its case type, so a client copying it is not refused', () => {
    const example = commandRequestExamples.RecordCaseFileReview as { items: { itemId: string }[] };
    expect(example.items.map((i) => i.itemId)).toEqual(nationalQualityStandard2022.fileReviewItems['non-litigation'].map((i) => i.id));
  });
});

describe('scorecards by case type (seed 004)', () => {
  const recordOf = (events: readonly CaseEvent[]) =>
    qualityRecordOf(
      events.reduce(caseDecider.evolve, caseDecider.initialState()),
      events.reduce(evolveQualityFacts, initialQualityFacts()),
      T('2026-06-01 09:00'),
    );
  const reviewed = (history: CaseEvent[], command: CaseCommand) => [
    ...history,
    ...caseSpec.given(history).when(command, asSupervisor).events(),
  ];

  it('averages the reviews of each type and counts the items found missing; an old review without items counts under its category', () => {
    const labour = [...inProgress(), closed()];
    const [first, second] = [labourItems[0]!, labourItems[4]!];
    const byItems = reviewed(labour, review(allMet().map((i) => ({ ...i, met: i.itemId !== first.id && i.itemId !== second.id }))));
    const old = reviewed(labour, { type: 'RecordCaseFileReview', data: { at, remarks: '', deductions: [{ item: 'x', points: 10 }] } });
    const card = scorecardOf([recordOf(byItems), recordOf(old)], nationalQualityStandard2022);
    expect(card.fileReviews.byCaseType['labour-arbitration']).toEqual({
      count: 2,
      byItems: 1,
      averageScore: (100 - first.points - second.points + 90) / 2,
      missedItems: { [first.id]: 1, [second.id]: 1 },
    });
    expect(card.fileReviews.byCaseType.criminal).toEqual({ count: 0, byItems: 0, averageScore: null, missedItems: {} });
  });
});
