import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { chooseDated } from '../../../domain/rules/choose-dated.ts';
import { disclosureRules } from '../../../domain/rules/disclosure.ts';
import type { Period } from '../../../domain/statistics/period.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import type { RouteHandler } from '../../lib/http/http-handler.ts';
import type { ReadModelsTableRef } from '../../lib/read-models/read-model-table.ts';
import type { RegistrySource } from '../../lib/registry/registry-source.ts';
import { disclosureFiguresOf } from './disclosure-figures.ts';
import { disclosureQuery } from './disclosure-request.ts';
import { disclosureTable } from './disclosure-table.ts';

// The public disclosure (Legal Aid Law Art 58): figures per agency, city and province, no token, no
// personal data, small counts withheld. Cacheable: the answer names no caller, so a CDN or browser
// may keep it for an hour and revalidate with its ETag (a 304 carries no body).

/** An hour: the figures of an open period move as records come in; a closed period's hardly do. */
export const DISCLOSURE_CACHE_CONTROL = 'public, max-age=3600';

export const disclosureRoutes = ({
  readModels,
  registry,
  clock,
}: {
  readModels: ReadModelsTableRef;
  registry: RegistrySource;
  clock: () => Date;
}): Record<string, RouteHandler<never>> => ({
  'GET /public/statistics': async (event: APIGatewayProxyEventV2) => {
    const q = disclosureQuery.parse(event.queryStringParameters ?? {});
    const { registry: tree } = await registry.current();
    if (tree.get(q.provinceId)?.kind !== 'provincial-department')
      throw new HttpError(404, 'ORGANISATION_NOT_FOUND', 'provinceId names no provincial justice department the registry knows', {
        field: 'provinceId',
      });
    const period: Period = q.year ? { kind: 'year', year: Number(q.year) } : { kind: 'month', month: q.month! };
    const now = clock().toISOString();
    const rule = chooseDated(disclosureRules, null, now);
    if (!rule) throw new Error('no disclosure rule in force');
    const report = await disclosureFiguresOf(readModels, tree, q.provinceId, period, now);
    if (!report) throw new HttpError(404, 'ORGANISATION_NOT_FOUND', 'provinceId names no reportable organisation', { field: 'provinceId' });
    const body = JSON.stringify(disclosureTable({ report, registry: tree, provinceId: q.provinceId, period, rule }));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const headers = { etag, 'cache-control': DISCLOSURE_CACHE_CONTROL };
    if (event.headers?.['if-none-match'] === etag) return { statusCode: 304, headers, body: '' };
    return { statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body };
  },
});
