import type pg from "pg";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/roles";
import { NotFoundError, ValidationError, VersionConflictError } from "@/lib/errors";
import { insertReviews, reviewsOf, type PublicReview } from "@/lib/db/reviews";
import { latestStatementSnapshot, writeRevision } from "@/lib/db/revisions";
import { inTransaction } from "@/lib/db/transaction";
import { enqueueOutbox } from "@/lib/sync/outbox";
import { reviewSchema } from "@/lib/validation/import-line";
import { requiredBodyId } from "@/lib/validation/id";
import { parseOrThrow } from "./entities";

// Curators add and remove a statement's fact-check reviews. Each change is a change of the
// statement: its version goes up (a stale page is refused with 409), a revision records the review
// addresses before and after, and the outbox updates its search document (the "reviewed" facet).

const versionField = z.number({ error: "is required: the version you are changing" }).int().min(1);

/** The body of "add a review": the import format's review, and the statement's version. */
export const addReviewSchema = z.object({ version: versionField, review: reviewSchema });
export const removeReviewSchema = z.object({
  version: versionField,
  reviewId: requiredBodyId,
});

export type ReviewsSaved = { id: number; version: number; reviews: PublicReview[] };

/** Locks the statement and checks the version the curator saw; returns its reviews' addresses and the snapshot of its last revision. */
async function lockStatement(
  tx: pg.PoolClient,
  id: number,
  baseVersion: number,
): Promise<{ urls: string[]; snapshot: unknown }> {
  const { rows } = await tx.query<{ version: number }>(`SELECT version FROM statements WHERE id = $1 FOR UPDATE`, [id]);
  const found = rows[0];
  if (!found) throw new NotFoundError(`No statement ${id}.`);
  const reviews = (await reviewsOf(tx, [id])).get(id) ?? [];
  if (found.version !== baseVersion) throw new VersionConflictError(found.version, { reviews });
  return { urls: reviews.map((r) => r.url), snapshot: await latestStatementSnapshot(tx, id) };
}

async function finish(
  tx: pg.PoolClient,
  id: number,
  user: CurrentUser,
  before: string[],
  snapshot: unknown,
): Promise<ReviewsSaved> {
  const { rows } = await tx.query<{ version: number }>(
    `UPDATE statements SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
    [id],
  );
  const version = rows[0]!.version;
  const reviews = (await reviewsOf(tx, [id])).get(id) ?? [];
  await writeRevision(tx, {
    entityType: "statement",
    entityId: id,
    version,
    action: "update",
    userId: user.id,
    changes: { reviews: [before, reviews.map((r) => r.url)] },
    snapshot: snapshot ?? undefined,
  });
  await enqueueOutbox(tx, "statement", [id]);
  return { id, version, reviews };
}

/** Adds a review (or replaces the statement's review at the same address). */
export async function addReview(
  pool: pg.Pool,
  user: CurrentUser,
  statementId: number,
  body: unknown,
): Promise<ReviewsSaved> {
  const { version, review } = parseOrThrow(addReviewSchema, body);
  return inTransaction(pool, async (tx) => {
    const { urls, snapshot } = await lockStatement(tx, statementId, version);
    await insertReviews(tx, [{ statementId, review }]);
    return finish(tx, statementId, user, urls, snapshot);
  });
}

export async function removeReview(
  pool: pg.Pool,
  user: CurrentUser,
  statementId: number,
  body: unknown,
): Promise<ReviewsSaved> {
  const { version, reviewId } = parseOrThrow(removeReviewSchema, body);
  return inTransaction(pool, async (tx) => {
    const { urls, snapshot } = await lockStatement(tx, statementId, version);
    const deleted = await tx.query(`DELETE FROM statement_reviews WHERE id = $1 AND statement_id = $2`, [
      reviewId,
      statementId,
    ]);
    if (deleted.rowCount === 0)
      throw new ValidationError([{ field: "reviewId", message: `no review ${reviewId} of statement ${statementId}` }]);
    return finish(tx, statementId, user, urls, snapshot);
  });
}
