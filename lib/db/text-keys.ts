import type { Queryable } from "@/lib/db/client";
import { statementTextKey } from "@/lib/text/statement-key";

const BATCH = 5_000;

/**
 * Gives every statement without one its text key (migration 0012 adds the column; restores write rows
 * without it). Batched, so a million rows never sit in memory at once; a no-op once all are filled.
 */
export async function fillTextKeys(db: Queryable): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db.query<{ id: number; text: string }>(
      `SELECT id, text FROM statements WHERE text_key IS NULL ORDER BY id LIMIT $1`,
      [BATCH],
    );
    if (rows.rows.length === 0) return filled;
    await db.query(
      `UPDATE statements s SET text_key = k.key FROM unnest($1::int[], $2::text[]) AS k(id, key) WHERE s.id = k.id`,
      [rows.rows.map((r) => r.id), rows.rows.map((r) => statementTextKey(r.text))],
    );
    filled += rows.rows.length;
  }
}
