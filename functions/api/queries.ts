import type { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import type { CaseStatusTable } from '../lib/read-models/case-status-table.ts';
import { createHttpHandler } from '../lib/http/http-handler.ts';
import { HttpError } from '../lib/http/http-error.ts';
import { principalOf } from '../lib/http/principal.ts';
import { json } from '../lib/http/response.ts';
import { buildOpenApi } from './openapi.ts';

// Built on first request, not at cold start: most invocations never ask for it.
let openApi: Record<string, unknown> | null = null;
const openApiDocument = () => (openApi ??= buildOpenApi());

export type QueryDeps = { caseStatus: CaseStatusTable; logger: Logger };

const caseIdParam = z.string().regex(/^[0-9a-f-]{36}$/, 'a case id');

export const createQueryHandler = ({ caseStatus, logger }: QueryDeps) =>
  createHttpHandler(
    {
      'GET /health': async () => json(200, { status: 'ok' }),
      'GET /openapi.json': async () => json(200, openApiDocument()),
      'GET /cases/{id}': async (event) => {
        principalOf(event);
        const parsed = caseIdParam.safeParse(event.pathParameters?.id);
        if (!parsed.success) throw new HttpError(400, 'INVALID_FIELD', 'the path names a case id', { field: 'id' });
        const record = await caseStatus.get(parsed.data);
        if (!record) throw new HttpError(404, 'CASE_NOT_FOUND', `no case ${parsed.data}`);
        const s = record.state;
        return json(
          200,
          {
            caseId: record.caseId,
            version: record.version,
            status: s.status,
            agencyId: s.agencyId,
            province: s.province,
            origin: s.origin,
            category: s.category,
            formOfAid: s.formOfAid,
            receivedAt: s.receivedAt,
            updatedAt: record.updatedAt,
          },
          { etag: `"${record.version}"` },
        );
      },
    },
    logger,
  );
