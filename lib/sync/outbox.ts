import type { Queryable } from "@/lib/db/client";

export type OutboxEntity = "statement" | "speaker" | "topic";

/**
 * Announces changed entities to the sync worker. Call it inside the transaction that makes the change: the
 * outbox row commits or rolls back with it. Bulk writers (the importer) pass `background`: the worker takes
 * curators' single changes first, so a save is searchable at once even while a large import is indexed.
 */
export async function enqueueOutbox(
  tx: Queryable,
  entityType: OutboxEntity,
  ids: number[],
  { background = false }: { background?: boolean } = {},
): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(`INSERT INTO outbox (entity_type, entity_id, background) SELECT $1, unnest($2::int[]), $3`, [
    entityType,
    ids,
    background,
  ]);
}

export async function pendingOutboxCount(db: Queryable): Promise<number> {
  const result = await db.query<{ count: string }>(`SELECT count(*) FROM outbox WHERE done_at IS NULL`);
  return Number(result.rows[0]?.count ?? 0);
}

/** Waits until every change in the outbox has reached the index (a worker must be running). */
export async function waitForOutboxDrained(
  db: Queryable,
  onWait?: (pending: number) => void,
  pollMs = 250,
): Promise<void> {
  for (;;) {
    const pending = await pendingOutboxCount(db);
    if (pending === 0) return;
    onWait?.(pending);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
