import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/roles";
import { createUser } from "@/lib/auth/users";
import { addReview, removeReview } from "@/lib/curate/reviews";
import { getPublicStatement } from "@/lib/db/queries/statements";
import { VersionConflictError, ValidationError } from "@/lib/errors";
import { writeBackup } from "@/lib/export/backup";
import { toImportFormat } from "@/lib/export/jsonl";
import { restoreBackup } from "@/lib/export/restore";
import { loadExportStatements } from "@/lib/export/statements";
import { ImportResolver, importBatch } from "@/lib/import/import-statements";
import { getDocument } from "@/lib/search/index-admin";
import { searchStatements } from "@/lib/search/query";
import { drainOutbox } from "@/lib/sync/worker";
import { parseImportLine, type ImportLine } from "@/lib/validation/import-line";
import { parseSearchParams } from "@/lib/validation/search-params";
import { useTestEnvironment } from "../support/integration";
import { createTestDatabase } from "../support/test-services";

// Fact-check reviews (issue 15, item 2) on real Postgres and Meilisearch: the import format's
// `reviews` and its bad-input rules, the statement's reviews in the API, the "reviewed" search
// facet, curators adding and removing them (versions, revisions), exports, backups and restores.

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
let curator: CurrentUser;
const extraPools: pg.Pool[] = [];

const REVIEW = {
  rating: "Misleading",
  ratingValue: 2,
  bestRating: 5,
  worstRating: 1,
  reviewer: { name: "Fact Desk", url: "https://factdesk.example" },
  url: "https://factdesk.example/checks/1",
  reviewedOn: "2016-11-21",
};

function raw(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    externalId: "rv-1",
    text: "The convoy was never attacked.",
    language: "en",
    speaker: { name: "Review Speaker" },
    saidOn: "2016-11-20",
    reviews: [REVIEW],
    ...overrides,
  };
}

function line(overrides: Record<string, unknown> = {}): ImportLine {
  const parsed = parseImportLine(JSON.stringify(raw(overrides)));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

function reason(overrides: Record<string, unknown>): string {
  const parsed = parseImportLine(JSON.stringify(raw(overrides)));
  if (parsed.ok) throw new Error(`expected ${JSON.stringify(overrides)} to be refused`);
  return parsed.reason;
}

async function idOf(externalId: string): Promise<number> {
  const { rows } = await env.pool.query<{ id: number }>(`SELECT id FROM statements WHERE external_id = $1`, [
    externalId,
  ]);
  if (!rows[0]) throw new Error(`no statement ${externalId}`);
  return rows[0].id;
}

async function drain() {
  await drainOutbox(env.ctx);
  await drainOutbox(env.ctx);
}

beforeAll(async () => {
  env = await useTestEnvironment("reviews");
  process.env.API_RATE_LIMIT_PER_MINUTE = "0";
  const id = await createUser(env.pool, {
    email: "reviews@example.org",
    name: "Reviews",
    role: "editor",
    password: "reviews-password-1",
  });
  curator = { id, email: "reviews@example.org", name: "Reviews", role: "editor" };
}, 60_000);

afterAll(async () => {
  for (const pool of extraPools) await pool.end();
  await env?.close();
});

describe("reviews in the import format", () => {
  it("refuses bad reviews with a message naming the field and the rule", () => {
    const { reviewer: _reviewer, ...withoutReviewer } = REVIEW;
    void _reviewer;
    expect(reason({ reviews: [withoutReviewer] })).toBe("reviews.0.reviewer.name: is required");
    expect(reason({ reviews: [{ ...REVIEW, reviewer: { url: "https://x.example" } }] })).toBe(
      "reviews.0.reviewer.name: is required",
    );
    const { url: _url, ...withoutUrl } = REVIEW;
    void _url;
    expect(reason({ reviews: [withoutUrl] })).toBe("reviews.0.url: is required: the address of the review");
    expect(reason({ reviews: [{ ...REVIEW, url: "ftp://x" }] })).toBe("reviews.0.url: must be an http(s) URL");
    expect(reason({ reviews: [{ ...REVIEW, ratingValue: 7 }] })).toBe(
      "reviews.0.ratingValue: must be within the scale, from worstRating (1) to bestRating (5)",
    );
    expect(reason({ reviews: [{ ...REVIEW, bestRating: undefined, worstRating: undefined }] })).toBe(
      "reviews.0.ratingValue: needs a scale (bestRating and worstRating); without one the rating is text only",
    );
    expect(reason({ reviews: [{ ...REVIEW, worstRating: undefined }] })).toBe(
      "reviews.0.worstRating: is required with a scale: give bestRating and worstRating together",
    );
    expect(reason({ reviews: [{ ...REVIEW, worstRating: 5 }] })).toBe(
      "reviews.0.worstRating: must be below bestRating (5)",
    );
    expect(reason({ reviews: [{ ...REVIEW, rating: " " }] })).toBe("reviews.0.rating: is required");
    expect(reason({ reviews: [{ ...REVIEW, reviewedOn: undefined }] })).toBe("reviews.0.reviewedOn: is required");
    expect(reason({ reviews: [{ ...REVIEW, reviewedOn: "21.11.2016" }] })).toMatch(
      /^reviews\.0\.reviewedOn: must be a date written YYYY, YYYY-MM or YYYY-MM-DD/,
    );
    expect(reason({ reviews: [REVIEW, { ...REVIEW, rating: "False" }] })).toBe(
      "reviews.1.url: repeats the address of review 0",
    );
    expect(reason({ reviews: "yes" })).toBe("reviews: must be an array of reviews");
    // Text only: no scale, no value.
    expect(
      line({
        reviews: [{ rating: "False", reviewer: { name: "Desk" }, url: "https://d.example/2", reviewedOn: "2016-11" }],
      }).reviews[0],
    ).toMatchObject({
      rating: "False",
      ratingValue: null,
      bestRating: null,
      worstRating: null,
      reviewer: { name: "Desk", url: null },
    });
  });

  it("gives the statement its line's reviews; a re-import changes nothing; a changed line replaces them", async () => {
    expect(
      await importBatch(env.pool, new ImportResolver(), [
        line(),
        line({ externalId: "rv-2", text: "Nobody was hurt.", reviews: undefined }),
      ]),
    ).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      merged: 0,
    });
    const id = await idOf("rv-1");
    const statement = await getPublicStatement(id);
    expect(statement?.reviews).toEqual([
      {
        id: expect.any(Number),
        rating: "Misleading",
        ratingValue: 2,
        bestRating: 5,
        worstRating: 1,
        reviewer: { name: "Fact Desk", url: "https://factdesk.example" },
        url: "https://factdesk.example/checks/1",
        reviewedOn: { iso: "2016-11-21", precision: "day", start: "2016-11-21", end: "2016-11-21" },
      },
    ]);
    expect((await getPublicStatement(await idOf("rv-2")))?.reviews).toEqual([]);
    expect(await importBatch(env.pool, new ImportResolver(), [line()])).toEqual({
      created: 0,
      updated: 0,
      unchanged: 1,
      merged: 0,
    });

    const second = {
      rating: "False",
      reviewer: { name: "Other Desk" },
      url: "https://other.example/c",
      reviewedOn: "2016-12",
    };
    await importBatch(env.pool, new ImportResolver(), [
      line({ reviews: [second, { ...REVIEW, rating: "Mostly false" }] }),
    ]);
    const replaced = (await getPublicStatement(id))!.reviews;
    // Newest first.
    expect(replaced.map((r) => [r.url, r.rating])).toEqual([
      ["https://other.example/c", "False"],
      ["https://factdesk.example/checks/1", "Mostly false"],
    ]);
    await importBatch(env.pool, new ImportResolver(), [line()]);
    expect((await getPublicStatement(id))!.reviews.map((r) => r.rating)).toEqual(["Misleading"]);
  });

  it("are in GET /api/v1/statements/:id", async () => {
    const id = await idOf("rv-1");
    const { GET } = await import("@/app/api/v1/statements/[id]/route");
    const response = await GET(new Request(`http://localhost/api/v1/statements/${id}`), {
      params: Promise.resolve({ id: String(id) }),
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.reviews).toMatchObject([
      {
        rating: "Misleading",
        ratingValue: 2,
        bestRating: 5,
        worstRating: 1,
        reviewer: { name: "Fact Desk" },
        url: REVIEW.url,
        reviewedOn: { iso: "2016-11-21" },
      },
    ]);
  });
});

describe("the reviewed facet", () => {
  it("marks reviewed statements' documents, and ?reviewed=true finds only them", async () => {
    await drain();
    const reviewedId = await idOf("rv-1");
    const plainId = await idOf("rv-2");
    expect((await getDocument(env.meili, env.indexUid, reviewedId))?.reviewed).toBe(true);
    expect(await getDocument(env.meili, env.indexUid, plainId)).not.toHaveProperty("reviewed");

    const parsed = parseSearchParams(new URLSearchParams("reviewed=true"));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.query.reviewed).toBe(true);
    const only = await searchStatements(parsed.query, { disjunctiveFacets: true });
    expect(only.hits.map((h) => h.id)).toEqual([reviewedId]);
    expect(only.facets.reviewed).toEqual({ true: 1 });
    const all = await searchStatements({ ...parsed.query, reviewed: false });
    expect(all.hits.map((h) => h.id).sort()).toEqual([reviewedId, plainId].sort());
    expect(all.facets.reviewed).toEqual({ true: 1 });

    const bad = parseSearchParams(new URLSearchParams("reviewed=maybe"));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.field)).toEqual(["reviewed"]);
  });
});

describe("curators' reviews", () => {
  it("adds and removes a review: the version goes up, a revision records it, search follows", async () => {
    const id = await idOf("rv-2");
    const version = (await env.pool.query<{ version: number }>(`SELECT version FROM statements WHERE id = $1`, [id]))
      .rows[0]!.version;
    const added = await addReview(env.pool, curator, id, {
      version,
      review: { ...REVIEW, url: "https://factdesk.example/checks/2" },
    });
    expect(added.version).toBe(version + 1);
    expect(added.reviews.map((r) => r.url)).toEqual(["https://factdesk.example/checks/2"]);
    const { rows } = await env.pool.query(
      `SELECT action, user_id, changes FROM revisions WHERE entity_type = 'statement' AND entity_id = $1 AND version = $2`,
      [id, version + 1],
    );
    expect(rows).toEqual([
      { action: "update", user_id: curator.id, changes: { reviews: [[], ["https://factdesk.example/checks/2"]] } },
    ]);
    await drain();
    expect((await getDocument(env.meili, env.indexUid, id))?.reviewed).toBe(true);

    // A page that saw the old version is refused; a bad review names its field.
    await expect(addReview(env.pool, curator, id, { version, review: REVIEW })).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    const invalid = await addReview(env.pool, curator, id, {
      version: version + 1,
      review: { ...REVIEW, reviewer: {} },
    }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect((invalid as ValidationError).fields).toEqual([{ field: "review.reviewer.name", message: "is required" }]);

    const removed = await removeReview(env.pool, curator, id, { version: version + 1, reviewId: added.reviews[0]!.id });
    expect(removed).toMatchObject({ version: version + 2, reviews: [] });
    await drain();
    expect(await getDocument(env.meili, env.indexUid, id)).not.toHaveProperty("reviewed");
    const missing = await removeReview(env.pool, curator, id, { version: version + 2, reviewId: 999_999 }).catch(
      (e: unknown) => e,
    );
    expect((missing as ValidationError).fields[0]?.field).toBe("reviewId");
  });
});

describe("reviews travel", () => {
  it("in the search export's import-format lines, which import back with them", async () => {
    const [exported] = await loadExportStatements(env.pool, [await idOf("rv-1")]);
    const formatted = toImportFormat(exported!);
    expect(formatted.reviews).toEqual([REVIEW]);
    const parsed = parseImportLine(JSON.stringify(formatted));
    expect(parsed.ok && parsed.value.reviews).toEqual(line().reviews);
  });

  it("in a backup, and back in a restore", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reviews-backup-"));
    const file = path.join(dir, "backup.jsonl.gz");
    const summary = await writeBackup(env.pool, file);
    expect(summary.counts.review).toBe(1);
    const lines = zlib
      .gunzipSync(fs.readFileSync(file))
      .toString("utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const review = lines.find((l) => l.type === "review");
    expect(review).toMatchObject({
      statementId: await idOf("rv-1"),
      rating: "Misleading",
      ratingValue: 2,
      reviewerName: "Fact Desk",
      url: REVIEW.url,
      reviewedOn: "2016-11-21",
    });

    const { databaseUrl } = await createTestDatabase(env.services, "reviews_restore");
    const target = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    extraPools.push(target);
    const restored = await restoreBackup(target, file);
    expect(restored.counts.review).toBe(1);
    const { rows } = await target.query(
      `SELECT statement_id, rating, rating_value, best_rating, worst_rating, reviewer_name, url, reviewed_on::text FROM statement_reviews`,
    );
    expect(rows).toEqual([
      {
        statement_id: await idOf("rv-1"),
        rating: "Misleading",
        rating_value: 2,
        best_rating: 5,
        worst_rating: 1,
        reviewer_name: "Fact Desk",
        url: REVIEW.url,
        reviewed_on: "2016-11-21",
      },
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
