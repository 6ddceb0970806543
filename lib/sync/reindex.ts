import type { SearchClient } from "@/lib/search/client";
import type pg from "pg";
import { deleteIndex, ensureStatementIndex, swapIndexes, upsertDocumentsPipelined } from "@/lib/search/index-admin";
import { allDocuments } from "./documents";

/**
 * Builds a fresh index from Postgres beside the live one and swaps it in
 * atomically: readers never see a half-built index. Changes committed while it
 * runs are replayed from the outbox afterwards, so none is lost by the swap.
 */
export async function reindexAll(
  ctx: { pool: pg.Pool; meili: SearchClient; indexUid: string },
  onProgress?: (indexed: number) => void,
): Promise<{ documents: number }> {
  const started = await ctx.pool.query<{ now: Date }>("SELECT now() AS now");
  const startedAt = started.rows[0]!.now;
  const fresh = `${ctx.indexUid}_rebuild_${Date.now()}`;
  await ensureStatementIndex(ctx.meili, ctx.indexUid);
  await ensureStatementIndex(ctx.meili, fresh);
  let documents = 0;
  try {
    documents = await upsertDocumentsPipelined(ctx.meili, fresh, allDocuments(ctx.pool, 5_000), onProgress);
    await swapIndexes(ctx.meili, ctx.indexUid, fresh);
  } finally {
    await deleteIndex(ctx.meili, fresh);
  }
  // Whatever the worker wrote into the old index after we started reading is
  // written again into the new one.
  await ctx.pool.query(
    `UPDATE outbox SET done_at = NULL, available_at = now() WHERE done_at >= $1 AND entity_type = 'statement'`,
    [startedAt],
  );
  return { documents };
}
