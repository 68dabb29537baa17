import * as z from 'zod';
import { organisationIdSchema } from '../../../events/catalogue/vocabulary.ts';
import { yearParam } from './requests.ts';

// The query of GET /service-standard/pass-rates, for the route table and the handler. No AWS imports: CDK reads routes.

export const passRatesQuery = z.strictObject({
  bureauId: organisationIdSchema.describe(
    'A justice bureau or department (a city: justice-bureau:hz; a province: justice-department:zj): the agencies and workstations under it today',
  ),
  year: yearParam.describe('The year assessed'),
});
