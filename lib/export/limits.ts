import { z } from "zod";
import { oneOf, single } from "@/lib/validation/query-params";

// Limits of the search exports, apart from their code so that pages can show them.

export const EXPORT_FORMATS = ["csv", "jsonl"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_LIMITS = {
  /** A result larger than this is cut here; the response says so in its headers, the search page beside its links. */
  maxStatements: 100_000,
  /** Statements read from Postgres per query. */
  batchSize: 1_000,
} as const;

/** `format` of /search/export: csv (the default) or jsonl, in either case. Read by lib/export/search-export.ts, described by the OpenAPI document. */
export const EXPORT_FORMAT_PARAMETER = single(
  z
    .string()
    .transform((value) => value.toLowerCase())
    .pipe(oneOf(EXPORT_FORMATS))
    .default("csv")
    .meta({ type: "string", enum: [...EXPORT_FORMATS] }),
);
