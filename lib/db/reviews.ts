import type { Queryable } from "@/lib/db/client";
import { partialDateFromStorage, type DatePrecision, type PartialDate } from "@/lib/validation/partial-date";
import type { StatementReview } from "@/lib/validation/import-line";

// Fact-check reviews of statements (statement_reviews): written by the importer, the curators and
// the restore, read by the statement page, the API and the exports, all through here.

/** A review as the page and the API give it: the import format's fields, the date as a partial date. */
export type PublicReview = Omit<StatementReview, "reviewedOn"> & { id: number; reviewedOn: PartialDate };

/** The columns of one review as JSON, for `SELECT … FROM statement_reviews r` (ordered by the caller). */
export const REVIEW_JSON = `json_build_object('id', r.id, 'rating', r.rating, 'ratingValue', r.rating_value, 'bestRating', r.best_rating,
  'worstRating', r.worst_rating, 'reviewer', json_build_object('name', r.reviewer_name, 'url', r.reviewer_url), 'url', r.url,
  'reviewedOn', r.reviewed_on::text, 'precision', r.reviewed_on_precision)`;

/** Newest review first, then the order they were added in. */
export const REVIEW_ORDER = `r.reviewed_on DESC, r.id`;

type ReviewJson = Omit<PublicReview, "reviewedOn"> & { reviewedOn: string; precision: DatePrecision };

/** A row built by REVIEW_JSON as a PublicReview. */
export function publicReview(row: ReviewJson): PublicReview {
  const { precision, reviewedOn, ...rest } = row;
  return { ...rest, reviewedOn: partialDateFromStorage(reviewedOn, precision) };
}

/** The reviews of some statements, by statement id, newest first. */
export async function reviewsOf(db: Queryable, statementIds: number[]): Promise<Map<number, PublicReview[]>> {
  const byStatement = new Map<number, PublicReview[]>();
  if (statementIds.length === 0) return byStatement;
  const { rows } = await db.query<{ statement_id: number; review: ReviewJson }>(
    `SELECT r.statement_id, ${REVIEW_JSON} AS review FROM statement_reviews r WHERE r.statement_id = ANY($1::int[]) ORDER BY ${REVIEW_ORDER}`,
    [statementIds],
  );
  for (const row of rows) {
    const list = byStatement.get(row.statement_id) ?? [];
    list.push(publicReview(row.review));
    byStatement.set(row.statement_id, list);
  }
  return byStatement;
}

/** Adds reviews (inside the caller's transaction); a review whose address the statement already has replaces it. */
export async function insertReviews(
  db: Queryable,
  rows: Array<{ statementId: number; review: StatementReview }>,
): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (row: { statementId: number; review: StatementReview }) => T) => rows.map(pick);
  await db.query(
    `INSERT INTO statement_reviews (statement_id, rating, rating_value, best_rating, worst_rating, reviewer_name, reviewer_url, url, reviewed_on, reviewed_on_precision)
     SELECT * FROM unnest($1::int[], $2::text[], $3::float8[], $4::float8[], $5::float8[], $6::text[], $7::text[], $8::text[], $9::date[], $10::text[])
     ON CONFLICT (statement_id, url) DO UPDATE SET rating = EXCLUDED.rating, rating_value = EXCLUDED.rating_value, best_rating = EXCLUDED.best_rating,
       worst_rating = EXCLUDED.worst_rating, reviewer_name = EXCLUDED.reviewer_name, reviewer_url = EXCLUDED.reviewer_url,
       reviewed_on = EXCLUDED.reviewed_on, reviewed_on_precision = EXCLUDED.reviewed_on_precision`,
    [
      column((r) => r.statementId),
      column((r) => r.review.rating),
      column((r) => r.review.ratingValue),
      column((r) => r.review.bestRating),
      column((r) => r.review.worstRating),
      column((r) => r.review.reviewer.name),
      column((r) => r.review.reviewer.url),
      column((r) => r.review.url),
      column((r) => r.review.reviewedOn.start),
      column((r) => r.review.reviewedOn.precision),
    ],
  );
}

/** The statements' reviews become exactly `rows`' (the importer's rule: a line's reviews are the statement's). */
export async function replaceReviews(
  db: Queryable,
  statementIds: number[],
  rows: Array<{ statementId: number; review: StatementReview }>,
): Promise<void> {
  if (statementIds.length > 0)
    await db.query(`DELETE FROM statement_reviews WHERE statement_id = ANY($1::int[])`, [statementIds]);
  await insertReviews(db, rows);
}
