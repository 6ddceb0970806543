import type { FieldMessage } from "@/lib/validation/zod-messages";

// The expected failures, below every layer so that any layer may throw or
// recognise them. Route handlers turn them into 400/404/409/503 answers in one
// place (lib/api/responses.ts, lib/api/curator-route.ts); anything else is a bug.

export class ValidationError extends Error {
  constructor(readonly fields: FieldMessage[]) {
    super(fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join("; "));
  }
}

export class NotFoundError extends Error {}

/** A save based on an older version: `current` is what is stored now, for the curator to reconcile. */
export class VersionConflictError<T = unknown> extends Error {
  constructor(
    readonly currentVersion: number,
    readonly current: T,
  ) {
    super(`Someone else saved a newer version (${currentVersion}) while you were editing.`);
  }
}

/** A delete refused because statements still use the speaker or topic (answered with 409). */
export class InUseError extends Error {
  constructor(
    readonly statementCount: number,
    message: string,
  ) {
    super(message);
  }
}

/** Postgres unreachable (connection refused, server shutting down, pool timeout). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  const message = error instanceof Error ? error.message : "";
  return (
    code === "ECONNREFUSED" ||
    code === "ECONNRESET" ||
    code === "57P01" || // admin_shutdown
    code === "57P02" ||
    code === "57P03" || // cannot_connect_now
    /timeout exceeded when trying to connect|Connection terminated/i.test(message)
  );
}
