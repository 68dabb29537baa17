import * as z from 'zod';
import { FundAllocated, fundSourceSchema, fundYearSchema } from '../../events/catalogue/funding-events.ts';
import { fenSchema, textSchema } from '../../events/catalogue/vocabulary.ts';

/** A fund of the case's own agency, named by year and source. */
export const agencyFundSchema = z.strictObject({ year: fundYearSchema, source: fundSourceSchema });

/** Funding commands (Art 4, Art 52). Role: finance, for its own agency. */
export const fundingCommandSchemas = {
  /** An allocation to a fund (the budget, a provincial transfer, the central lottery-fund project); allocations add up. */
  AllocateFund: FundAllocated.schema.omit({ allocatedAt: true }).extend({ note: textSchema.default('') }),
  /** Approve the subsidy of a closed case, as assessed (or less, with a reason), committing it on the named fund. */
  ApproveSubsidy: z.strictObject({ fund: agencyFundSchema, approvedFen: fenSchema.optional(), note: textSchema.default('') }),
  /** Pay the approved subsidy from the named fund: the one it is committed on, or another with room (which releases the commitment). */
  PaySubsidy: z.strictObject({ fund: agencyFundSchema, reference: z.string().min(1).max(100) }),
};

export type ApproveSubsidyData = z.infer<typeof fundingCommandSchemas.ApproveSubsidy>;
export type PaySubsidyData = z.infer<typeof fundingCommandSchemas.PaySubsidy>;
