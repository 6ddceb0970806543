import type { Queryable } from "./client";

/**
 * Where a statement's merges end (issue 15): the statement `id` was merged into, or the one that
 * statement was merged into later, and so on (at most 20 steps); `id` itself when it is not merged.
 * Null when there is no such statement. The importer sends a merged statement's line there, and the
 * merged statement's address redirects there.
 */
export async function mergeChainEnd(db: Queryable, id: number): Promise<{ id: number; status: string } | null> {
  const { rows } = await db.query<{ id: number; status: string }>(
    `WITH RECURSIVE chain(id, merged_into_id, status, depth) AS (
       SELECT id, merged_into_id, status, 0 FROM statements WHERE id = $1
       UNION ALL
       SELECT s.id, s.merged_into_id, s.status, c.depth + 1 FROM statements s JOIN chain c ON s.id = c.merged_into_id
        WHERE c.depth < 20)
     SELECT id, status FROM chain WHERE merged_into_id IS NULL LIMIT 1`,
    [id],
  );
  return rows[0] ?? null;
}
