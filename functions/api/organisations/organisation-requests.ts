import * as z from 'zod';
import { organisationKindSchema } from '../../../events/catalogue/organisation-vocabulary.ts';
import { dateSchema } from '../../../events/catalogue/vocabulary.ts';

// Query parameters of the registry's read routes (functions/api/routes.ts). No AWS imports: the
// route table is read by CDK as well.

const onDate = dateSchema.optional().describe('The business day (China time) the tree is read on, YYYY-MM-DD; by default today');

export const organisationQuery = z.strictObject({ date: onDate });

export const childrenQuery = z.strictObject({
  date: onDate,
  kind: organisationKindSchema.optional().describe('Only organisations of this kind'),
  depth: z
    .enum(['children', 'all'])
    .default('children')
    .describe('children: those placed directly under it; all: everything that lies under it'),
});

export const pathQuery = z.strictObject({ date: onDate });
