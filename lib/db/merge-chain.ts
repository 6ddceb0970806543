import type { Queryable } from "./client";

/**
 * Where a statement's merges end (issue 15): the statement `id` was merged into, or the one that
 * statement was merged into later, and so on (at most 20 steps); `id` itself when it is not merged.
 * Null when there is no such statement. The importer sends a merged statement's line there, and the
 * merged statement's address redirects there. The walk is the SQL function statement_merge_end
 * (migration 0014), which the statement page's links use too.
 */
export async function mergeChainEnd(db: Queryable, id: number): Promise<{ id: number; status: string } | null> {
  const { rows } = await db.query<{ id: number; status: string }>(
    `SELECT id, status FROM statements WHERE id = statement_merge_end($1)`,
    [id],
  );
  return rows[0] ?? null;
}
