import * as z from 'zod';
import { fact } from '../personal/marks.ts';
import { defineEvent, type EventOf } from './define-event.ts';
import { dateSchema, fenSchema, isoTimeSchema, organisationIdSchema, recordIdSchema, textSchema } from './vocabulary.ts';

// Funding (经费, Art 4, Art 52). Two kinds of stream:
//  - `fund#<agencyId>#<year>#<source>`: one earmarked fund (专款专用, 科目单列) of an agency for a budget
//    year: its allocations, the subsidies committed to it and those paid from it. Its version is the
//    guard that no fund ever commits or pays beyond its allocation.
//  - `subsidy#<caseId>`: the subsidy of one closed case: approval (with the assessment) and payment.

/** Where money comes from: the local budget, the provincial fund, the central lottery-fund project (中央专项彩票公益金). */
export const fundSourceSchema = z.enum(['local-budget', 'provincial-fund', 'central-lottery-fund']);
export type FundSource = z.infer<typeof fundSourceSchema>;

// From 2003 (the regulation's first year): the funds of imported past years keep their budget year.
export const fundYearSchema = z.int().min(2003).max(2100);

/** A fund, named as every payment names it. */
export const fundRefSchema = z.strictObject({ agencyId: organisationIdSchema, year: fundYearSchema, source: fundSourceSchema });
export type FundRef = z.infer<typeof fundRefSchema>;

const referenceSchema = fact(z.string().min(1).max(100), 'the number of a payment or allocation document');

export const FundAllocated = defineEvent(
  'FundAllocated',
  1,
  z.strictObject({
    agencyId: organisationIdSchema,
    year: fundYearSchema,
    source: fundSourceSchema,
    amountFen: z.int().positive(),
    /** The budget document or transfer it rests on. */
    reference: referenceSchema,
    note: textSchema,
    allocatedAt: isoTimeSchema,
  }),
);

/** A case's approved subsidy reserved on the fund it is to be paid from. */
export const SubsidyCommitted = defineEvent(
  'SubsidyCommitted',
  1,
  z.strictObject({ caseId: recordIdSchema, amountFen: fenSchema, committedAt: isoTimeSchema }),
);

/** The subsidy was paid from another fund: its reservation here ends. */
export const SubsidyCommitmentReleased = defineEvent(
  'SubsidyCommitmentReleased',
  1,
  z.strictObject({ caseId: recordIdSchema, amountFen: fenSchema, releasedAt: isoTimeSchema }),
);

export const SubsidyPaidFromFund = defineEvent(
  'SubsidyPaidFromFund',
  1,
  z.strictObject({
    caseId: recordIdSchema,
    workerId: recordIdSchema,
    amountFen: fenSchema,
    reference: referenceSchema,
    paidAt: isoTimeSchema,
  }),
);

export const fundEventDefinitions = [FundAllocated, SubsidyCommitted, SubsidyCommitmentReleased, SubsidyPaidFromFund] as const;
export type FundEvent = EventOf<(typeof fundEventDefinitions)[number]>;

/** The finance officer's approval of a closed case's subsidy, with the assessment it rests on. */
export const SubsidyApproved = defineEvent(
  'SubsidyApproved',
  1,
  z.strictObject({
    caseId: recordIdSchema,
    agencyId: organisationIdSchema,
    workerId: recordIdSchema,
    rateTableId: fact(z.string().min(1).max(100), 'the id of a subsidy rate table (rules are data)'),
    /** The China date that chose the rate table (the case's first assignment). */
    relevantDate: dateSchema,
    baseFen: fenSchema,
    adjustmentPercent: z.number().min(-100).max(100),
    assessedFen: fenSchema,
    approvedFen: fenSchema,
    fund: fundRefSchema,
    note: textSchema,
    approvedAt: isoTimeSchema,
  }),
);

export const SubsidyPaid = defineEvent(
  'SubsidyPaid',
  1,
  z.strictObject({ fund: fundRefSchema, amountFen: fenSchema, reference: referenceSchema, paidAt: isoTimeSchema }),
);

export const subsidyEventDefinitions = [SubsidyApproved, SubsidyPaid] as const;
export type SubsidyEvent = EventOf<(typeof subsidyEventDefinitions)[number]>;

export const fundingEventDefinitions = [...fundEventDefinitions, ...subsidyEventDefinitions] as const;
