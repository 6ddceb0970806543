// Limits of the search exports, apart from their code so that pages can show them.

export const EXPORT_FORMATS = ["csv", "jsonl"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_LIMITS = {
  /** A result larger than this is cut here; the response says so in its headers, the search page beside its links. */
  maxStatements: 100_000,
  /** Statements read from Postgres per query. */
  batchSize: 1_000,
} as const;
