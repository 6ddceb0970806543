import type { Queryable } from "./client";

// Every change of a record writes one revision: who, when, the fields that
// changed as [before, after], and (for statements, speakers and topics) the
// whole record after the change so that any revision can be restored.

export type RevisionEntity = "statement" | "speaker" | "topic" | "user";
export type RevisionAction =
  | "create"
  | "update"
  | "import"
  | "retract"
  | "restore"
  | "merge"
  | "split"
  | "unmerge"
  | "unsplit"
  | "delete"
  | "role"
  | "disable"
  | "enable"
  | "password"
  | "logout_all"
  | "two_factor_enrol"
  | "two_factor_reset";

export type FieldChanges = Record<string, [unknown, unknown]>;

/** The fields whose values differ, as [before, after]; a field absent on one side counts as null. */
export function diffRecords(before: Record<string, unknown>, after: Record<string, unknown>): FieldChanges {
  const changes: FieldChanges = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = [a, b];
  }
  return changes;
}

export async function writeRevision(
  tx: Queryable,
  revision: {
    entityType: RevisionEntity;
    entityId: number;
    version: number;
    action: RevisionAction;
    userId: number | null;
    changes: FieldChanges;
    snapshot?: unknown;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO revisions (entity_type, entity_id, version, action, user_id, changes, snapshot) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      revision.entityType,
      revision.entityId,
      revision.version,
      revision.action,
      revision.userId,
      JSON.stringify(revision.changes),
      revision.snapshot === undefined ? null : JSON.stringify(revision.snapshot),
    ],
  );
}

/**
 * The full record kept with a statement's latest revision, for a change that alters none of the
 * statement's own fields (a review, a merge): it still describes the statement, for a later restore.
 * Undefined when that revision has none (an import's; lib/curate/statements.ts keeps it at the next edit).
 */
export async function latestStatementSnapshot(tx: Queryable, statementId: number): Promise<unknown> {
  const { rows } = await tx.query<{ snapshot: unknown }>(
    `SELECT snapshot FROM revisions WHERE entity_type = 'statement' AND entity_id = $1 ORDER BY version DESC, id DESC LIMIT 1`,
    [statementId],
  );
  return rows[0]?.snapshot ?? undefined;
}
