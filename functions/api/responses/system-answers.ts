import * as z from 'zod';
import { isoTime, nextCursor, openRecord } from './shared.ts';

// The health check, the document itself, the import, the erasure list and the read audit.

export const healthSchema = z.object({ status: z.literal('ok') });

export const openApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: openRecord('This document itself: its shape is the OpenAPI 3.1 specification (https://spec.openapis.org/oas/v3.1.0)'),
});

const lineOutcome = z.discriminatedUnion('status', [
  z.object({ line: z.int(), record: z.string(), status: z.enum(['accepted', 'replayed']), stream: z.string(), version: z.int() }),
  z.object({
    line: z.int(),
    record: z.string().nullable(),
    status: z.literal('rejected'),
    code: z.string(),
    field: z.string().nullable(),
    reason: z.string(),
  }),
  z.object({ line: z.int(), record: z.string(), status: z.literal('skipped'), reason: z.string() }),
]);

export const importAnswerSchema = z.object({
  system: z.string(),
  batch: z.string(),
  summary: z.object({ lines: z.int(), accepted: z.int(), replayed: z.int(), rejected: z.int(), skipped: z.int() }),
  outcomes: z.array(lineOutcome),
});

export const erasuresDueSchema = z.object({
  items: z.array(
    z.object({
      recordKind: z.string(),
      recordId: z.string(),
      agencyId: z.string(),
      ruleId: z.string(),
      years: z.number(),
      binding: z.boolean(),
      source: z.string(),
      endedOn: z.string(),
      endsOn: z.string(),
    }),
  ),
  nextCursor,
});

export const readsSchema = z.object({
  reads: z.array(
    z.object({
      readId: z.string(),
      at: isoTime,
      record: z.string(),
      requested: z.string().nullable(),
      routeKey: z.string(),
      reader: z.object({ id: z.string(), role: z.string(), organisation: z.string(), workstation: z.string().nullable() }),
      sourceIp: z.string().nullable(),
      shown: z.enum(['full', 'masked']),
      purpose: z.string().nullable(),
    }),
  ),
  nextCursor,
});
