import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

// The database enforces the model (kinds, statuses, precisions, links) so that
// no writer — form, API, importer or a psql session — can store an invalid row.

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

const PRECISION_CHECK = (column: string) => sql.raw(`${column} IN ('year', 'month', 'day')`);

// A partial date is stored as its first day plus a precision: a month-precision
// date must be the 1st, a year-precision date the 1st of January.
const PARTIAL_DATE_CHECK = (dateColumn: string, precisionColumn: string) =>
  sql.raw(
    `(${dateColumn} IS NULL AND ${precisionColumn} IS NULL) OR (${dateColumn} IS NOT NULL AND ${precisionColumn} IS NOT NULL AND ` +
      `(${precisionColumn} = 'day' OR (${precisionColumn} = 'month' AND extract(day FROM ${dateColumn}) = 1) OR ` +
      `(${precisionColumn} = 'year' AND extract(day FROM ${dateColumn}) = 1 AND extract(month FROM ${dateColumn}) = 1)))`,
  );

/** A link to a statement that goes with it (the row is the statement's: its topic, report, review …). */
const statementReference = (column: string) =>
  integer(column)
    .notNull()
    .references((): AnyPgColumn => statements.id, { onDelete: "cascade" });

export const users = pgTable(
  "users",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role").notNull(),
    passwordHash: text("password_hash"),
    sessionVersion: integer("session_version").notNull().default(1),
    disabled: boolean("disabled").notNull().default(false),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    check("users_role_check", sql`${t.role} IN ('admin', 'editor')`),
    check("users_email_check", sql`${t.email} LIKE '%_@_%'`),
  ],
);

export const speakers = pgTable(
  "speakers",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    slug: text("slug").notNull(),
    kind: text("kind").notNull(),
    // The canonical display name; nameAr/nameEn/nameDe hold the name per language.
    name: text("name").notNull(),
    nameAr: text("name_ar"),
    nameEn: text("name_en"),
    nameDe: text("name_de"),
    aliases: text("aliases")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    role: text("role"),
    affiliation: text("affiliation"),
    affiliationId: integer("affiliation_id").references((): AnyPgColumn => speakers.id, { onDelete: "set null" }),
    country: text("country"),
    wikidataId: text("wikidata_id"),
    description: text("description"),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("speakers_slug_key").on(t.slug),
    // The importer finds a speaker by Wikidata id before trying names.
    index("speakers_wikidata_idx")
      .on(t.wikidataId)
      .where(sql`${t.wikidataId} IS NOT NULL`),
    check("speakers_kind_check", sql`${t.kind} IN ('person', 'organization', 'group')`),
    check("speakers_slug_check", sql`${t.slug} = lower(${t.slug}) AND ${t.slug} ~ '^[^\\s/?#%]{1,120}$'`),
    check("speakers_name_check", sql`length(btrim(${t.name})) > 0`),
    // The rule of lib/validation/import-line.ts's WIKIDATA_ID_PATTERN (migration 0010).
    check("speakers_wikidata_check", sql`${t.wikidataId} IS NULL OR ${t.wikidataId} ~ '^Q[1-9][0-9]{0,11}$'`),
    check("speakers_affiliation_self_check", sql`${t.affiliationId} IS NULL OR ${t.affiliationId} <> ${t.id}`),
  ],
);

// Every name and alias of a speaker in normalised form, so that the importer and
// the curator's autocomplete resolve «ميركل», "Merkel" and "Angela Merkel" alike.
export const speakerNames = pgTable(
  "speaker_names",
  {
    speakerId: integer("speaker_id")
      .notNull()
      .references(() => speakers.id, { onDelete: "cascade" }),
    normalized: text("normalized").notNull(),
    name: text("name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.speakerId, t.normalized] }), index("speaker_names_normalized_idx").on(t.normalized)],
);

export const topics = pgTable(
  "topics",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    nameAr: text("name_ar"),
    nameEn: text("name_en"),
    nameDe: text("name_de"),
    parentId: integer("parent_id").references((): AnyPgColumn => topics.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("topics_slug_key").on(t.slug),
    check("topics_slug_check", sql`${t.slug} = lower(${t.slug}) AND ${t.slug} ~ '^[^\\s/?#%]{1,120}$'`),
    check("topics_name_check", sql`length(btrim(${t.name})) > 0`),
    check("topics_parent_self_check", sql`${t.parentId} IS NULL OR ${t.parentId} <> ${t.id}`),
  ],
);

export const sources = pgTable(
  "sources",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    // One source per URL; a source without URL is identified by outlet, title and date.
    key: text("key").notNull(),
    url: text("url"),
    outlet: text("outlet"),
    title: text("title"),
    language: text("language"),
    publishedOn: date("published_on", { mode: "string" }),
    publishedOnPrecision: text("published_on_precision"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("sources_key_key").on(t.key),
    check(
      "sources_published_precision_check",
      sql`${t.publishedOnPrecision} IS NULL OR ${PRECISION_CHECK("published_on_precision")}`,
    ),
    check("sources_published_check", PARTIAL_DATE_CHECK("published_on", "published_on_precision")),
    check("sources_url_check", sql`${t.url} IS NULL OR ${t.url} ~ '^https?://'`),
  ],
);

export const statements = pgTable(
  "statements",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    externalId: text("external_id"),
    text: text("text").notNull(),
    language: text("language").notNull(),
    kind: text("kind").notNull(),
    speakerId: integer("speaker_id")
      .notNull()
      .references(() => speakers.id, { onDelete: "restrict" }),
    saidOn: date("said_on", { mode: "string" }),
    saidOnPrecision: text("said_on_precision"),
    saidOnApproximate: boolean("said_on_approximate").notNull().default(false),
    reportedOn: date("reported_on", { mode: "string" }),
    reportedOnPrecision: text("reported_on_precision"),
    context: text("context"),
    translationOfId: integer("translation_of_id").references((): AnyPgColumn => statements.id, {
      onDelete: "set null",
    }),
    translatedBy: text("translated_by"),
    attribution: text("attribution").notNull().default("secondary"),
    attributionNote: text("attribution_note"),
    status: text("status").notNull().default("published"),
    retractionReason: text("retraction_reason"),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    updatedById: integer("updated_by_id").references(() => users.id, { onDelete: "set null" }),
    // Hash of the import line that last wrote this statement: a re-import of the
    // same line changes nothing.
    importFingerprint: text("import_fingerprint"),
    // Hash of the text's words after normalisation (lib/text/statement-key.ts): the importer joins a line
    // with the same speaker and the same words to the existing statement as a new report.
    textKey: text("text_key"),
    // Set while status is 'merged': the statement this one was merged into (its URL redirects there).
    mergedIntoId: integer("merged_into_id").references((): AnyPgColumn => statements.id, { onDelete: "cascade" }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("statements_external_id_key").on(t.externalId),
    index("statements_speaker_text_key_idx").on(t.speakerId, t.textKey),
    index("statements_text_key_missing_idx")
      .on(t.id)
      .where(sql`${t.textKey} IS NULL`),
    index("statements_merged_into_idx")
      .on(t.mergedIntoId)
      .where(sql`${t.mergedIntoId} IS NOT NULL`),
    index("statements_speaker_idx").on(t.speakerId, t.saidOn),
    // Keyset paging of the statements API by (said_on, id); the dates API reads published dates only.
    index("statements_said_on_id_idx").on(t.saidOn, t.id),
    index("statements_published_said_on_idx")
      .on(t.saidOn, t.saidOnPrecision)
      .where(sql`${t.status} = 'published'`),
    // "Latest statements" (home page, feeds): read in exactly this order and
    // stopped at the LIMIT, instead of sorting every published statement
    // (id DESC NULLS FIRST is Postgres's own `id DESC`, so the planner matches it).
    index("statements_published_latest_idx")
      .on(t.saidOn.desc().nullsLast(), t.id.desc().nullsFirst())
      .where(sql`${t.status} = 'published'`),
    // The same per speaker (speaker page): without it the planner may read the
    // index above for one speaker, passing every newer statement of the others.
    index("statements_published_speaker_latest_idx")
      .on(t.speakerId, t.saidOn.desc().nullsLast(), t.id.desc().nullsFirst())
      .where(sql`${t.status} = 'published'`),
    index("statements_translation_of_idx").on(t.translationOfId),
    index("statements_status_idx").on(t.status, t.updatedAt),
    check("statements_kind_check", sql`${t.kind} IN ('direct', 'indirect', 'mixed')`),
    check("statements_status_check", sql`${t.status} IN ('draft', 'published', 'retracted', 'merged')`),
    check(
      "statements_attribution_check",
      sql`${t.attribution} IN ('own_channel', 'secondary', 'disputed', 'misattributed')`,
    ),
    check("statements_language_check", sql`${t.language} ~ '^[a-z]{2,3}$'`),
    check("statements_text_check", sql`length(btrim(${t.text})) > 0 AND length(${t.text}) <= 10000`),
    check(
      "statements_said_on_precision_check",
      sql`${t.saidOnPrecision} IS NULL OR ${PRECISION_CHECK("said_on_precision")}`,
    ),
    check("statements_said_on_check", PARTIAL_DATE_CHECK("said_on", "said_on_precision")),
    check(
      "statements_reported_on_precision_check",
      sql`${t.reportedOnPrecision} IS NULL OR ${PRECISION_CHECK("reported_on_precision")}`,
    ),
    check("statements_reported_on_check", PARTIAL_DATE_CHECK("reported_on", "reported_on_precision")),
    check("statements_merged_check", sql`(${t.status} = 'merged') = (${t.mergedIntoId} IS NOT NULL)`),
    check("statements_retraction_check", sql`(${t.status} = 'retracted') = (${t.retractionReason} IS NOT NULL)`),
    check("statements_translation_self_check", sql`${t.translationOfId} IS NULL OR ${t.translationOfId} <> ${t.id}`),
    check("statements_external_id_check", sql`${t.externalId} IS NULL OR length(${t.externalId}) BETWEEN 1 AND 200`),
  ],
);

export const statementTopics = pgTable(
  "statement_topics",
  {
    statementId: statementReference("statement_id"),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.statementId, t.topicId] }), index("statement_topics_topic_idx").on(t.topicId)],
);

// Where a statement was reported (issue 15): each outlet that printed it, in that outlet's wording.
// `text` is null when no separate wording was recorded (a curator's source): the statement's own
// text is then the wording. `external_id` is the import line that brought the report, so a changed
// line replaces its own report and no other outlet's.
export const statementReports = pgTable(
  "statement_reports",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    statementId: statementReference("statement_id"),
    sourceId: integer("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "restrict" }),
    text: text("text"),
    reportedOn: date("reported_on", { mode: "string" }),
    reportedOnPrecision: text("reported_on_precision"),
    externalId: text("external_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("statement_reports_statement_source_key").on(t.statementId, t.sourceId),
    index("statement_reports_source_idx").on(t.sourceId),
    check(
      "statement_reports_text_check",
      sql`${t.text} IS NULL OR (length(btrim(${t.text})) > 0 AND length(${t.text}) <= 10000)`,
    ),
    check(
      "statement_reports_precision_check",
      sql`${t.reportedOnPrecision} IS NULL OR ${PRECISION_CHECK("reported_on_precision")}`,
    ),
    check("statement_reports_reported_check", PARTIAL_DATE_CHECK("reported_on", "reported_on_precision")),
  ],
);

// Import ids of lines that became reports of an existing statement (same speaker, same words), and of
// statements merged into another: a re-import of such a line finds its statement here and changes nothing.
export const statementAliases = pgTable(
  "statement_aliases",
  {
    externalId: text("external_id").primaryKey(),
    statementId: statementReference("statement_id"),
    importFingerprint: text("import_fingerprint"),
  },
  (t) => [index("statement_aliases_statement_idx").on(t.statementId)],
);

// Pairs of one speaker's statements that look like the same statement (close wording, close dates),
// found by the background job (lib/merge/candidate-job.ts) for curators to accept (merge) or reject.
// The pair is stored in id order, so each pair has one row whatever order it was found in.
export const mergeCandidates = pgTable(
  "merge_candidates",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    statementId: statementReference("statement_id"),
    otherId: statementReference("other_id"),
    score: doublePrecision("score").notNull(),
    status: text("status").notNull().default("pending"),
    decidedById: integer("decided_by_id").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("merge_candidates_pair_key").on(t.statementId, t.otherId),
    index("merge_candidates_other_idx").on(t.otherId),
    index("merge_candidates_pending_idx")
      .on(t.score.desc(), t.id)
      .where(sql`${t.status} = 'pending'`),
    check("merge_candidates_order_check", sql`${t.statementId} < ${t.otherId}`),
    check("merge_candidates_status_check", sql`${t.status} IN ('pending', 'accepted', 'rejected')`),
  ],
);

// Each merge and split a curator made (lib/curate/merges.ts), with what it moved, so it can be undone
// exactly: a merge moves \`other\`'s reports into \`statement\`; a split moves one report of \`statement\`
// to the new statement \`other\`.
export const statementMerges = pgTable(
  "statement_merges",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    kind: text("kind").notNull(),
    statementId: statementReference("statement_id"),
    otherId: statementReference("other_id"),
    candidateId: integer("candidate_id").references(() => mergeCandidates.id, { onDelete: "set null" }),
    moved: jsonb("moved").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp("undone_at", { withTimezone: true }),
    undoneById: integer("undone_by_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("statement_merges_statement_idx").on(t.statementId, t.createdAt),
    index("statement_merges_other_idx").on(t.otherId, t.createdAt),
    check("statement_merges_kind_check", sql`${t.kind} IN ('merge', 'split')`),
  ],
);

// Statements the merge candidate finder (lib/curate/merge-candidates.ts) has still to compare with their
// speaker's others: filled by triggers (migration 0013) when a public statement is written or its words,
// date or status change, emptied by the job. A queue rather than a cursor over ids: a statement
// published later than others with higher ids, or edited, is compared again.
// No foreign key (migration 0013 says why): a deleted statement's id is skipped and removed by the job.
export const mergeScanQueue = pgTable("merge_scan_queue", {
  statementId: integer("statement_id").primaryKey(),
});

// Fact-checks of a statement (issue 15; schema.org ClaimReview on its page): the verdict in the
// reviewer's words, on a numeric scale when the reviewer gives one, who reviewed, where and when.
// One review per address and statement; the importer replaces a statement's reviews with its line's.
export const statementReviews = pgTable(
  "statement_reviews",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    statementId: statementReference("statement_id"),
    rating: text("rating").notNull(),
    ratingValue: doublePrecision("rating_value"),
    bestRating: doublePrecision("best_rating"),
    worstRating: doublePrecision("worst_rating"),
    reviewerName: text("reviewer_name").notNull(),
    reviewerUrl: text("reviewer_url"),
    url: text("url").notNull(),
    reviewedOn: date("reviewed_on", { mode: "string" }).notNull(),
    reviewedOnPrecision: text("reviewed_on_precision").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("statement_reviews_statement_url_key").on(t.statementId, t.url),
    check("statement_reviews_rating_check", sql`length(btrim(${t.rating})) > 0`),
    check("statement_reviews_reviewer_check", sql`length(btrim(${t.reviewerName})) > 0`),
    check(
      "statement_reviews_url_check",
      sql`${t.url} ~ '^https?://' AND (${t.reviewerUrl} IS NULL OR ${t.reviewerUrl} ~ '^https?://')`,
    ),
    // Without a scale the rating is text only; with one, both ends, in order, and the value between them.
    check(
      "statement_reviews_scale_check",
      sql`(${t.bestRating} IS NULL AND ${t.worstRating} IS NULL AND ${t.ratingValue} IS NULL) OR (${t.bestRating} IS NOT NULL AND ${t.worstRating} IS NOT NULL AND ${t.worstRating} < ${t.bestRating} AND (${t.ratingValue} IS NULL OR ${t.ratingValue} BETWEEN ${t.worstRating} AND ${t.bestRating}))`,
    ),
    check("statement_reviews_precision_check", PRECISION_CHECK("reviewed_on_precision")),
    check("statement_reviews_reviewed_check", PARTIAL_DATE_CHECK("reviewed_on", "reviewed_on_precision")),
  ],
);

// A reaction may answer several statements (the envoy welcomes both Merkel's and
// Steinmeier's words), so responses are a link table rather than one column.
export const statementResponses = pgTable(
  "statement_responses",
  {
    statementId: statementReference("statement_id"),
    respondsToId: statementReference("responds_to_id"),
  },
  (t) => [
    primaryKey({ columns: [t.statementId, t.respondsToId] }),
    index("statement_responses_target_idx").on(t.respondsToId),
    check("statement_responses_self_check", sql`${t.statementId} <> ${t.respondsToId}`),
  ],
);

export const revisions = pgTable(
  "revisions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    entityType: text("entity_type").notNull(),
    entityId: integer("entity_id").notNull(),
    version: integer("version").notNull(),
    action: text("action").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    // { field: [before, after] } — readable diffs are rendered from this.
    changes: jsonb("changes").notNull(),
    // The whole record after this change (curator writes), so any revision can be restored.
    snapshot: jsonb("snapshot"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("revisions_entity_idx").on(t.entityType, t.entityId, t.version),
    index("revisions_user_idx").on(t.userId, t.createdAt),
    check("revisions_entity_type_check", sql`${t.entityType} IN ('statement', 'speaker', 'topic', 'user')`),
    check(
      "revisions_action_check",
      sql`${t.action} IN ('create', 'update', 'import', 'retract', 'restore', 'merge', 'split', 'unmerge', 'unsplit', 'delete', 'role', 'disable', 'enable', 'password', 'logout_all', 'two_factor_enrol', 'two_factor_reset')`,
    ),
  ],
);

// The transactional outbox: written in the same transaction as the change it
// announces, drained by the sync worker into Meilisearch.
export const outbox = pgTable(
  "outbox",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    entityType: text("entity_type").notNull(),
    entityId: integer("entity_id").notNull(),
    attempts: integer("attempts").notNull().default(0),
    availableAt: timestamp("available_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp("done_at", { withTimezone: true }),
    // Bulk work (imports, a migration's re-indexing) waits behind curators' single changes.
    background: boolean("background").notNull().default(false),
  },
  (t) => [
    // The worker's claim order: curators' changes first, then the bulk, each oldest first.
    index("outbox_claim_idx")
      .on(t.background, t.id)
      .where(sql`${t.doneAt} IS NULL`),
    check("outbox_entity_type_check", sql`${t.entityType} IN ('statement', 'speaker', 'topic')`),
  ],
);

// Failed logins, counted per account and per client address over a sliding
// window. Kept in Postgres so the limit holds across several app instances.
export const loginFailures = pgTable(
  "login_failures",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    failedAt: timestamp("failed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("login_failures_key_idx").on(t.scope, t.key, t.failedAt),
    check("login_failures_scope_check", sql`${t.scope} IN ('account', 'address')`),
  ],
);

// The one-time link `npm start` prints while no user exists; only its hash is stored.
export const setupTokens = pgTable("setup_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

// The old address of a merged speaker or topic keeps working: it redirects to the survivor.
export const slugRedirects = pgTable(
  "slug_redirects",
  {
    entityType: text("entity_type").notNull(),
    oldSlug: text("old_slug").notNull(),
    targetId: integer("target_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.entityType, t.oldSlug] }),
    check("slug_redirects_entity_type_check", sql`${t.entityType} IN ('speaker', 'topic')`),
  ],
);

// Personal API tokens for the write API: only a SHA-256 of the token is kept;
// the role is at most the owner's (checked again on every use).
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    role: text("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_key").on(t.tokenHash),
    index("api_tokens_user_idx").on(t.userId),
    check("api_tokens_role_check", sql`${t.role} IN ('admin', 'editor')`),
    check("api_tokens_name_check", sql`length(btrim(${t.name})) BETWEEN 1 AND 100`),
  ],
);

// One row per login (the JWT carries its id as `sid`): lib/auth/session.ts
// accepts a session only while its row is not ended, so a logout ends it on the
// server too and a copied cookie stops working. Not backed up (lib/export/backup.ts).
export const userSessions = pgTable(
  "user_sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId), index("user_sessions_expires_idx").on(t.expiresAt)],
);

// Two-factor login (TOTP, RFC 6238) of a curator: a row once enrolment starts.
// `pending_secret` is the secret shown on the enrolment page until a first
// code confirms it; `last_used_step` refuses a code used again within its
// window; recovery codes are kept only as SHA-256 hashes, each removed when
// used. Backed up only with --with-password-hashes (lib/export/backup.ts).
export const userTwoFactor = pgTable(
  "user_two_factor",
  {
    userId: integer("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    secret: text("secret"),
    enabledAt: timestamp("enabled_at", { withTimezone: true }),
    lastUsedStep: bigint("last_used_step", { mode: "number" }),
    pendingSecret: text("pending_secret"),
    pendingCreatedAt: timestamp("pending_created_at", { withTimezone: true }),
    recoveryCodeHashes: text("recovery_code_hashes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    check("user_two_factor_enabled_check", sql`(${t.secret} IS NULL) = (${t.enabledAt} IS NULL)`),
    check("user_two_factor_pending_check", sql`(${t.pendingSecret} IS NULL) = (${t.pendingCreatedAt} IS NULL)`),
  ],
);

// Fixed-window request counters of the public API, per client address, shared
// by every app instance through Postgres.
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index("rate_limits_window_idx").on(t.windowStart)],
);
