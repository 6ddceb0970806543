import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { SUPPORTED_LANGUAGES } from "@/lib/languages";
import { idSchema } from "@/lib/validation/id";
import { SPEAKER_KINDS, STATEMENT_KINDS, STATEMENT_LIMITS, WIKIDATA_ID_PATTERN } from "@/lib/validation/import-line";
import {
  ATTRIBUTIONS,
  restoreRequestSchema,
  retractionSchema,
  statementEditSchema,
  statementFormSchema,
} from "@/lib/validation/statement-form";

// The shapes of the API's answers (and the write API's bodies), as zod schemas:
// the OpenAPI document's components (lib/api/openapi.ts) are generated from
// them, and the tests check every real answer against that document. Each
// schema registered in `apiSchemas` becomes `#/components/schemas/<id>`; a
// schema used inside another one is referenced, not repeated.
//
// No "server-only" imports here (the /developers page renders the document):
// the few limits that live only in server modules are in SERVER_LIMITS.

export type ApiSchemaMeta = { id: string };

/** What a route answers with this schema: its handler's body `satisfies Answer<typeof X>`, so the database's types and the document cannot drift apart. */
export type Answer<S extends z.ZodType> = z.output<S>;

/** The answers: described as the server writes them (zod's "output"). */
export const answerSchemas = z.registry<ApiSchemaMeta>();
/** The write API's bodies: described as a client may send them (zod's "input", before defaults and cleaning). */
export const bodySchemas = z.registry<ApiSchemaMeta>();

// The description goes on the schema itself: toJSONSchema reads only `id` from a registry of its own.
function named<T extends z.ZodType>(schema: T, id: string, description?: string, registry = answerSchemas): T {
  const described = (description ? schema.describe(description) : schema) as T;
  (described as z.ZodType).register(registry, { id });
  return described;
}

/**
 * Limits of the server that live in "server-only" modules, repeated here;
 * lib/api/openapi.test.ts checks each against its source.
 */
export const SERVER_LIMITS = {
  /** API_TOKEN_LIMITS.nameMaxLength of lib/auth/api-tokens.ts */
  tokenNameMaxLength: 100,
  /** API_TOKEN_LIMITS.activePerUser of lib/auth/api-tokens.ts */
  activeTokensPerUser: 25,
  /** MAX_BODY_BYTES of lib/api/curator-route.ts: the body of a write API request */
  bodyMaxBytes: 1_000_000,
  /** readJsonBody(request, 10_000) of app/api/curate/tokens/route.ts */
  tokenBodyMaxBytes: 10_000,
  /** FEED_SIZE of lib/feeds/statement-feed.ts */
  feedSize: 50,
} as const;

// ——— Building blocks ———

const PARTIAL_DATE_ISO = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const HTTP_URL = /^https?:\/\//;
export const slugSchema = z.string().min(1).max(120);
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .meta({ format: "date" });
const dateTime = z.string().meta({ format: "date-time" });
const count = z.int().min(0);
const nullableText = z.string().nullable();
const names = z
  .object({ ar: nullableText, en: nullableText, de: nullableText })
  .describe("The name in each language it has one in (null where none).");

// ——— The read API ———

export const PartialDate = named(
  z.object({
    iso: z
      .string()
      .regex(PARTIAL_DATE_ISO)
      .meta({ examples: ["2016-11", "2016-11-17", "2016"] }),
    precision: z.enum(["year", "month", "day"]),
    start: isoDay,
    end: isoDay,
  }),
  "PartialDate",
  "A date known to the day, the month or only the year: `iso` as written (YYYY, YYYY-MM or YYYY-MM-DD), its `precision`, and the first and last day of the period it names.",
);

export const SpeakerRef = named(
  z.object({ slug: slugSchema, name: z.string() }),
  "SpeakerRef",
  "Who said it: the speaker's address (slug) and canonical name.",
);
export const TopicRef = named(z.object({ slug: slugSchema, name: z.string() }), "TopicRef");

export const Source = named(
  z.object({
    url: z
      .string()
      .regex(HTTP_URL)
      .nullable()
      .describe(
        "The report's http(s) address as the source gave it (not checked further: quote it, never trust it as markup).",
      ),
    outlet: nullableText,
    title: nullableText,
    publishedOn: PartialDate.nullable(),
  }),
  "Source",
  "A publication that reported the statement: its address, outlet, title and publication date.",
);

export const Report = named(
  z.object({
    source: Source,
    text: z
      .string()
      .describe(
        "The statement as this source printed it. A source whose own wording was not recorded has the statement's `text`.",
      ),
    reportedOn: PartialDate.nullable().describe(
      "When this source reported it: the source's publication date when known; null when unknown.",
    ),
  }),
  "Report",
  "One report of the statement: a source that printed it, in that source's wording, and when.",
);

export const Review = named(
  z.object({
    id: idSchema,
    rating: z.string().describe("The verdict in the reviewer's words (schema.org reviewRating.alternateName)."),
    ratingValue: z
      .number()
      .nullable()
      .describe(
        "The verdict on the reviewer's numeric scale, when they give one (then bestRating and worstRating are given too).",
      ),
    bestRating: z.number().nullable(),
    worstRating: z.number().nullable(),
    reviewer: z.object({ name: z.string(), url: z.string().regex(HTTP_URL).nullable() }),
    url: z.string().regex(HTTP_URL).describe("The review itself."),
    reviewedOn: PartialDate,
  }),
  "Review",
  "A fact-check of the statement by a reviewer (the import format's `reviews`); the statement's page describes each as schema.org ClaimReview.",
);

export const StatementLink = named(
  z.object({ id: idSchema, text: z.string(), language: z.string(), speaker: SpeakerRef }),
  "StatementLink",
  "A linked statement (a translation, or a statement this one responds to).",
);

const statementFields = {
  id: idSchema,
  externalId: z.string().nullable().describe("The identifier given on import (`externalId` of the import format)."),
  text: z.string().describe('The wording as reported, in its own language and script: display it with dir="auto".'),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .describe("ISO 639-1 code of the text's language."),
  kind: z
    .enum(STATEMENT_KINDS)
    .describe("direct quote, paraphrase (indirect), or paraphrase with quoted words (mixed)."),
  status: z.enum(["published", "retracted"]),
  retractionReason: nullableText,
  speaker: z.object({ slug: slugSchema, name: z.string(), kind: z.enum(SPEAKER_KINDS) }),
  saidOn: PartialDate.nullable().describe("When it was said, to the precision known; null when unknown."),
  saidOnApproximate: z.boolean(),
  reportedOn: PartialDate.nullable(),
  context: nullableText,
  attribution: z.enum(ATTRIBUTIONS),
  attributionNote: nullableText,
  translatedBy: z.string().nullable().describe("Who translated it, when the statement is a translation."),
  topics: z.array(TopicRef),
  reports: z
    .array(Report)
    .describe(
      "Every source that reported the statement, oldest first (undated reports last). Replaces `sources` (added with issue 15).",
    ),
  firstReportedOn: PartialDate.nullable().describe(
    "The earliest report's `reportedOn`: when the statement was first reported; null without a dated report.",
  ),
  sources: z.array(Source).meta({
    deprecated: true,
    description:
      "Deprecated: the reports' sources, in the order of `reports`; use `reports`. Kept for clients written before reports.",
  }),
  createdAt: dateTime,
  updatedAt: dateTime,
  version: z.int().min(1).describe("Goes up by one with every change."),
};

export const StatementListItem = named(
  z.object(statementFields),
  "StatementListItem",
  'A statement as the list gives it: the fields of GET /api/v1/statements/{id} except the linked statements. Retracted statements are listed with `status` "retracted" and their `retractionReason`.',
);

export const Statement = named(
  z.object({
    ...statementFields,
    translationOf: StatementLink.nullable(),
    translations: z.array(StatementLink),
    respondsTo: z.array(StatementLink),
    responses: z.array(StatementLink),
    reviews: z.array(Review).describe("Fact-checks of the statement, newest first."),
  }),
  "Statement",
  "One statement with its links: the translation it is of, its translations, what it responds to and the responses to it.",
);

const nextCursor = z.string().nullable();
const page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor });

export const StatementList = named(
  z.object({
    data: z.array(StatementListItem),
    nextCursor: nextCursor.describe("Pass as `cursor` to get the next page; null on the last page."),
  }),
  "StatementList",
);

export const SearchHit = named(
  z.object({
    id: idSchema,
    externalId: z.string().nullable(),
    text: z.string(),
    language: z.string(),
    kind: z.enum(STATEMENT_KINDS),
    speaker: SpeakerRef,
    saidOn: z.string().regex(PARTIAL_DATE_ISO).nullable().describe("As written: YYYY, YYYY-MM or YYYY-MM-DD."),
    saidOnPrecision: z.enum(["year", "month", "day"]).nullable(),
    topics: z.array(z.string()).describe("Topic slugs."),
    outlet: z.string().nullable().describe("The outlet of the statement's first report (oldest first)."),
    reportCount: count.describe(
      "How many reports (sources that printed it) the statement has. A statement is one hit however often it was reported.",
    ),
    highlight: z
      .array(z.tuple([z.int().min(0), z.int().min(0)]))
      .describe("[start, end) offsets (JavaScript string indices) of the words in `text` that match the query."),
  }),
  "SearchHit",
);

export const FacetCounts = named(z.record(z.string(), count), "FacetCounts", "Matching statements per value.");

export const SearchResult = named(
  z.object({
    hits: z.array(SearchHit),
    total: count,
    page: z.int().min(1),
    limit: z.int().min(1),
    totalPages: count,
    facets: z
      .object({
        speaker: FacetCounts,
        topic: FacetCounts,
        language: FacetCounts,
        kind: FacetCounts,
        year: FacetCounts,
        reviewed: FacetCounts,
      })
      .describe('`reviewed` counts only the statements with a fact-check review, under the value "true".'),
  }),
  "SearchResult",
);

export const OEmbed = named(
  z.object({
    version: z.literal("1.0"),
    type: z.literal("rich"),
    title: z.string(),
    author_name: z.string().describe("The speaker."),
    author_url: z.string().regex(HTTP_URL).describe("The speaker's page."),
    provider_name: z.string(),
    provider_url: z.string().regex(HTTP_URL),
    cache_age: z.int().min(1),
    html: z
      .string()
      .describe(
        "An iframe of the statement's card (/statements/{id}/embed), every value in it escaped: paste it as it is.",
      ),
    width: z.int().min(1),
    height: z.int().min(1),
  }),
  "OEmbed",
  "An oEmbed 1.0 answer of type rich (https://oembed.com/).",
);

const statementCount = count.describe("Published statements.");

export const Speaker = named(
  z.object({
    slug: slugSchema,
    kind: z.enum(SPEAKER_KINDS),
    name: z.string().describe("The canonical name."),
    names,
    aliases: z.array(z.string()).describe("Other names and spellings, in any script."),
    role: nullableText,
    affiliation: nullableText,
    country: nullableText,
    wikidataId: z
      .string()
      .regex(WIKIDATA_ID_PATTERN)
      .nullable()
      .describe("The speaker's Wikidata item (Q567); the speaker page links it and gives it as schema.org sameAs."),
    description: nullableText,
    statementCount,
  }),
  "Speaker",
);

export const SpeakerList = named(page(Speaker), "SpeakerList");

export const Topic = named(
  z.object({ slug: slugSchema, name: z.string(), names, parent: TopicRef.nullable(), statementCount }),
  "Topic",
);

export const TopicList = named(page(Topic), "TopicList");

export const DateDay = named(z.object({ day: z.int().min(1).max(31), date: isoDay, count: z.int().min(1) }), "DateDay");

export const DateMonth = named(
  z.object({
    month: z.int().min(1).max(12),
    date: z.string().regex(/^\d{4}-\d{2}$/),
    count: z.int().min(1).describe("Statements known at least to the month."),
    days: z.array(DateDay).describe("Days with statements known to the day."),
  }),
  "DateMonth",
);

export const DateYear = named(
  z.object({
    year: z.int().min(1000).max(2999),
    date: z.string().regex(/^\d{4}$/),
    count: z.int().min(1).describe("Every statement said that year, however precisely dated."),
    months: z.array(DateMonth),
  }),
  "DateYear",
);

export const DateIndex = named(
  z.object({
    data: z.array(DateYear).describe("Oldest year first."),
    undated: count.describe("Published statements whose date is unknown."),
  }),
  "DateIndex",
);

export const FieldMessage = named(
  z.object({
    field: z.string().describe('The parameter or field at fault ("" for the request as a whole).'),
    message: z.string().describe("The rule it breaks."),
  }),
  "FieldMessage",
);

export const ApiError = named(
  z.object({
    error: z.object({
      code: z.string().meta({
        examples: ["invalid_parameter", "not_found", "rate_limited", "search_unavailable", "database_unavailable"],
      }),
      message: z.string(),
      fields: z.array(FieldMessage).optional(),
    }),
  }),
  "Error",
);

/** What GET /api/v1/openapi.json answers, as far as a client relies on it. */
export const OpenApiDocumentShape = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({}),
  paths: z.looseObject({}),
  components: z.looseObject({}),
});

// ——— The write API ———

// The routes refuse a field these schemas do not name (rejectUnknownFields), which their zod objects leave to the route.
const refusesUnknownFields = { additionalProperties: false } as const;

export const StatementInput = named(
  statementFormSchema.meta(refusesUnknownFields),
  "StatementInput",
  "A statement as the workspace's editor submits it. Unknown top-level fields are refused (400 naming them): a misspelt `said_on` is never dropped silently.",
  bodySchemas,
);

export const StatementEdit = named(
  statementEditSchema.meta(refusesUnknownFields),
  "StatementEdit",
  "The whole statement as it should be after the edit (fields left out take their defaults), with the version it is based on. The `record` of GET /api/curate/statements/{id}, without `retractionReason` and with `status` draft or published, is a valid edit.",
  bodySchemas,
);

export const Retraction = named(retractionSchema.meta(refusesUnknownFields), "Retraction", undefined, bodySchemas);

export const RestoreRequest = named(
  restoreRequestSchema.meta(refusesUnknownFields),
  "RestoreRequest",
  undefined,
  bodySchemas,
);

export const Saved = named(
  z.object({ id: idSchema, version: z.int().min(1) }),
  "Saved",
  "The statement's id and its version after the change: base the next change on it.",
);

const partialDateText = z
  .string()
  .regex(PARTIAL_DATE_ISO)
  .nullable()
  .describe('YYYY, YYYY-MM or YYYY-MM-DD (a real date); null or "" when unknown.');

export const StatementRecord = named(
  z.object({
    text: z.string().min(1).max(STATEMENT_LIMITS.textMaxLength).describe("The wording as reported."),
    language: z.enum(SUPPORTED_LANGUAGES),
    kind: z.enum(STATEMENT_KINDS),
    speakerId: idSchema,
    saidOn: partialDateText,
    saidOnApproximate: z.boolean(),
    topicIds: z.array(idSchema),
    sources: z.array(
      z.object({
        url: z
          .string()
          .max(STATEMENT_LIMITS.urlMaxLength)
          .regex(HTTP_URL)
          .nullable()
          .describe(
            "An http(s) address, kept as written (non-Latin paths stay readable); a known address reuses its source.",
          ),
        outlet: z.string().max(STATEMENT_LIMITS.outletMaxLength).nullable(),
        title: z.string().max(STATEMENT_LIMITS.titleMaxLength).nullable(),
        publishedOn: partialDateText,
      }),
    ),
    context: nullableText,
    translationOfId: idSchema.nullable(),
    translatedBy: nullableText,
    respondsToIds: z.array(idSchema),
    attribution: z.enum(ATTRIBUTIONS),
    attributionNote: nullableText,
    status: z.enum(["draft", "published", "retracted"]),
    retractionReason: nullableText,
  }),
  "StatementRecord",
  "A statement as the editor holds it, drafts included.",
);

const idLabel = z.object({ id: idSchema, slug: z.string(), name: z.string() });
const textLabel = z.object({ id: idSchema, text: z.string() });

export const StatementLabels = named(
  z.object({
    speaker: idLabel.nullable(),
    topics: z.array(idLabel),
    translationOf: textLabel.nullable(),
    respondsTo: z.array(textLabel),
  }),
  "StatementLabels",
  "Names for the ids of a record.",
);

const updatedBy = z.string().nullable();

export const EditableStatement = named(
  z.object({
    id: idSchema,
    externalId: z.string().nullable(),
    version: z.int().min(1).describe("Send it back as `version` with the next change."),
    record: StatementRecord,
    labels: StatementLabels,
    updatedAt: dateTime,
    updatedBy: updatedBy.describe("The name of the curator who saved last (null for the importer)."),
  }),
  "EditableStatement",
);

export const VersionConflict = named(
  z.object({
    error: z.object({ code: z.literal("version_conflict"), message: z.string() }),
    currentVersion: z.int().min(1).describe("The version stored now: send the change again based on it."),
    current: z
      .object({ record: StatementRecord, labels: StatementLabels, updatedAt: dateTime, updatedBy })
      .describe("The statement as stored now."),
  }),
  "VersionConflict",
);

export const ApiToken = named(
  z.object({
    id: idSchema,
    name: z.string().min(1).max(SERVER_LIMITS.tokenNameMaxLength),
    role: z.enum(ROLES),
    createdAt: dateTime,
    lastUsedAt: dateTime.nullable().describe("Written at most once a minute."),
    revokedAt: dateTime.nullable(),
  }),
  "ApiToken",
  "A personal API token as listed: never the token itself (only its SHA-256 is stored).",
);

/** Read by lib/auth/api-tokens.ts (server-only, so its rules are repeated here; the test compares the limits). */
export const NewApiToken = named(
  z.strictObject({
    name: z.string().min(1).max(SERVER_LIMITS.tokenNameMaxLength).describe("What the token is for (spaces collapsed)."),
    role: z.enum(ROLES).nullish().default("editor").describe("At most the curator's own role."),
  }),
  "NewApiToken",
  undefined,
  bodySchemas,
);

export const CreatedApiToken = named(
  z.object({
    token: z
      .string()
      .regex(/^stk_[A-Za-z0-9_-]{43}$/)
      .describe("The token itself: in this answer only, never again."),
    apiToken: ApiToken,
  }),
  "CreatedApiToken",
);

export const ApiTokenList = named(z.object({ tokens: z.array(ApiToken) }), "ApiTokenList");
export const RevokedApiToken = named(z.object({ apiToken: ApiToken }), "RevokedApiToken");
