import { CSV_CONTENT_TYPE } from "@/lib/export/csv";
import { JSONL_CONTENT_TYPE } from "@/lib/export/jsonl";
import { EXPORT_FORMAT_PARAMETER, EXPORT_LIMITS } from "@/lib/export/limits";
import { ATOM_CONTENT_TYPE } from "@/lib/feeds/atom";
import { idSchema } from "@/lib/validation/id";
import { SEARCH_LIMITS, SEARCH_PARAMETERS } from "@/lib/validation/search-params";
import { OpenApiDocumentShape, SERVER_LIMITS } from "./api-schemas";
import { LIST_LIMITS, LIST_QUERY_PARAMETERS } from "./list-params";
import {
  errors,
  jsonContent,
  jsonSchemaOf,
  ok,
  queryParameter,
  readHeaders,
  ref,
  type HeaderObject,
  type JsonSchema,
  type MediaTypeObject,
  type ParameterObject,
  type PathItemObject,
  type Reference,
  type ResponseObject,
} from "./openapi-parts";

// The paths of the public read API (/api/v1), the Atom feeds and the search
// export, for the OpenAPI document (lib/api/openapi.ts). Parameters and answers
// refer to schemas generated from zod (lib/api/api-schemas.ts, the parameter
// schemas of lib/validation/search-params.ts and lib/api/list-params.ts); what
// is written here is the prose and the examples.

// ——— Examples (from the demo data) ———

const exampleDate = { iso: "2016-11", precision: "month", start: "2016-11-01", end: "2016-11-30" };
const exampleText = "معظم السوريين الذين لجأوا إلى ألمانيا هربوا من إجرام الأسد وليس من إجرام داعش";
const exampleSource = {
  url: null,
  outlet: "Arabic news report (outlet not named in the demo data)",
  title: "Bombing of Aleppo: statements by Merkel, Steinmeier, MSF and the Syrian opposition",
  publishedOn: exampleDate,
};
const exampleItem = {
  id: 16,
  externalId: "demo-aleppo-16",
  text: exampleText,
  language: "ar",
  kind: "indirect",
  status: "published",
  retractionReason: null,
  speaker: { slug: "angela-merkel", name: "Angela Merkel", kind: "person" },
  saidOn: exampleDate,
  saidOnApproximate: false,
  reportedOn: exampleDate,
  context: null,
  attribution: "secondary",
  attributionNote: null,
  translatedBy: null,
  topics: [{ slug: "refugees", name: "Refugees" }],
  reports: [{ source: exampleSource, text: exampleText, reportedOn: exampleDate }],
  firstReportedOn: exampleDate,
  sources: [exampleSource],
  createdAt: "2026-11-25T21:57:49.789Z",
  updatedAt: "2026-11-25T21:57:49.789Z",
  version: 1,
};
const exampleSpeaker = {
  slug: "angela-merkel",
  kind: "person",
  name: "Angela Merkel",
  names: { ar: "أنجيلا ميركل", en: "Angela Merkel", de: "Angela Merkel" },
  aliases: ["ميركل", "المستشارة الألمانية", "Merkel"],
  role: "Chancellor of Germany (2005–2021)",
  affiliation: "Government of Germany",
  country: null,
  wikidataId: null,
  description: null,
  statementCount: 2,
};
const exampleTopic = {
  slug: "refugees",
  name: "Refugees",
  names: { ar: "اللاجئون", en: "Refugees", de: "Flüchtlinge" },
  parent: null,
  statementCount: 1,
};

// ——— Paths: the read API ———

const statements = LIST_QUERY_PARAMETERS.statements;

const statementFilters = [
  queryParameter(
    "q",
    statements.q,
    "Words the text contains, as written (case-insensitive; a plain substring match, not search).",
  ),
  ref.parameter("speaker"),
  ref.parameter("topic"),
  ref.parameter("lang"),
  ref.parameter("kind"),
  ref.parameter("year"),
  ref.parameter("from"),
  ref.parameter("to"),
] satisfies Array<ParameterObject | Reference>;

const listLimit = (list: "statements" | "speakers" | "topics"): ParameterObject => {
  const bounds = LIST_LIMITS[list];
  return queryParameter(
    "limit",
    LIST_QUERY_PARAMETERS[list].limit,
    `Items per page, 1–${bounds.maxLimit} (default ${bounds.defaultLimit}).`,
  );
};

/** What to search for, as GET /api/v1/search and GET /search/export take it. */
const searchParameters = [
  queryParameter("q", SEARCH_PARAMETERS.q, "The words to search for.", "ميركل"),
  ref.parameter("speaker"),
  ref.parameter("topic"),
  ref.parameter("lang"),
  ref.parameter("kind"),
  ref.parameter("year"),
  ref.parameter("from"),
  ref.parameter("to"),
  queryParameter(
    "reviewed",
    SEARCH_PARAMETERS.reviewed,
    "true: only statements with a fact-check review; false (the default): every statement.",
    "true",
  ),
  queryParameter("sort", SEARCH_PARAMETERS.sort, "relevance (the default), newest or oldest."),
] satisfies Array<ParameterObject | Reference>;

export const readPaths: Record<string, PathItemObject> = {
  "/api/v1/statements": {
    get: {
      operationId: "listStatements",
      summary: "List statements, a page at a time",
      description:
        "Published and retracted statements (retracted ones flagged by `status`), filtered as search filters them but read straight from the database: it answers while search is down, and pages never drift. Follow `nextCursor` until it is null. The order is stable: by date said (the first day of its period), then id; undated statements come after the dated ones.",
      tags: ["Statements"],
      parameters: [
        ...statementFilters,
        queryParameter("status", statements.status, "published, retracted, or both (the default)."),
        queryParameter(
          "sort",
          statements.sort,
          "newest (the default) or oldest by date said, then id; or id (ascending), the order to mirror the collection in.",
        ),
        ref.parameter("cursor"),
        listLimit("statements"),
      ],
      "x-example-request": "/api/v1/statements?speaker=angela-merkel&limit=2",
      responses: {
        "200": ok("A page of statements and the cursor of the next one.", ref.schema("StatementList"), {
          data: [exampleItem],
          nextCursor: null,
        }),
        ...errors(304, 400, 429, 503),
      },
    },
  },
  "/api/v1/statements/{id}": {
    get: {
      operationId: "getStatement",
      summary: "One statement",
      description:
        "A published or retracted statement with its reports (every source that printed it, in its own wording, oldest first), topics, fact-check reviews and linked statements. Drafts are not public (404); a statement merged into another is not either (its page redirects there).",
      tags: ["Statements"],
      parameters: [
        {
          name: "id",
          in: "path",
          required: true,
          description: "The statement's number.",
          schema: jsonSchemaOf(idSchema),
        },
      ],
      "x-example-request": "/api/v1/statements/16",
      responses: {
        "200": ok("The statement.", ref.schema("Statement"), {
          ...exampleItem,
          translationOf: null,
          translations: [],
          respondsTo: [],
          responses: [],
          reviews: [],
        }),
        ...errors(304, 400, 404, 429, 503),
      },
    },
  },
  "/api/v1/search": {
    get: {
      operationId: "searchStatements",
      summary: "Search statements",
      description:
        "Full-text search over published statements in every language (Arabic spelling variants folded, names matched in any script), ranked by relevance, with facet counts. One hit per statement, however many sources reported it (`reportCount` says how many). Pages go at most 10,000 results deep: to walk the whole collection use GET /api/v1/statements.",
      tags: ["Search"],
      parameters: [
        ...searchParameters,
        queryParameter("page", SEARCH_PARAMETERS.page, "Page number, from 1 (page × limit at most 10,000)."),
        queryParameter(
          "limit",
          SEARCH_PARAMETERS.limit,
          `Hits per page, 1–${SEARCH_LIMITS.maxLimit} (default ${SEARCH_LIMITS.defaultLimit}).`,
        ),
      ],
      "x-example-request": "/api/v1/search?q=Merkel&limit=1",
      responses: {
        "200": ok("The hits of one page, the total and the facet counts.", ref.schema("SearchResult"), {
          hits: [
            {
              id: 16,
              externalId: "demo-aleppo-16",
              text: exampleItem.text,
              language: "ar",
              kind: "indirect",
              speaker: { slug: "angela-merkel", name: "Angela Merkel" },
              saidOn: "2016-11",
              saidOnPrecision: "month",
              topics: ["refugees"],
              outlet: exampleSource.outlet,
              reportCount: 1,
              highlight: [],
            },
          ],
          total: 2,
          page: 1,
          limit: 1,
          totalPages: 2,
          facets: {
            speaker: { "angela-merkel": 2 },
            topic: { refugees: 1, "international-response": 1 },
            language: { ar: 2 },
            kind: { indirect: 2 },
            year: { "2016": 2 },
            reviewed: {},
          },
        }),
        ...errors(304, 400, 429, 503),
      },
    },
  },
  "/api/v1/speakers": {
    get: {
      operationId: "listSpeakers",
      summary: "List speakers, a page at a time",
      description:
        "Speakers in the order of their slugs, each with the number of their published statements. Follow `nextCursor` until it is null.",
      tags: ["Speakers"],
      parameters: [
        queryParameter(
          "q",
          LIST_QUERY_PARAMETERS.speakers.q,
          "The beginning of a name or alias, or of a word in one, in any script: q=merk and q=ميرك both find Angela Merkel.",
          "merk",
        ),
        queryParameter(
          "kind",
          LIST_QUERY_PARAMETERS.speakers.kind,
          "person, organization or group; several values match any of them.",
        ),
        ref.parameter("cursor"),
        listLimit("speakers"),
      ],
      "x-example-request": "/api/v1/speakers?kind=person&limit=5",
      responses: {
        "200": ok("A page of speakers and the cursor of the next one.", ref.schema("SpeakerList"), {
          data: [exampleSpeaker],
          nextCursor: null,
        }),
        ...errors(304, 400, 429, 503),
      },
    },
  },
  "/api/v1/speakers/{slug}": {
    get: {
      operationId: "getSpeaker",
      summary: "One speaker",
      tags: ["Speakers"],
      parameters: [ref.parameter("slug")],
      "x-example-request": "/api/v1/speakers/angela-merkel",
      responses: {
        "200": ok("The speaker.", ref.schema("Speaker"), exampleSpeaker),
        ...errors(304, 308, 404, 429, 503),
      },
    },
  },
  "/api/v1/topics": {
    get: {
      operationId: "listTopics",
      summary: "List topics",
      description: `Every topic in the order of their slugs, with its parent and the number of its published statements — all of them in one page unless there are more than ${LIST_LIMITS.topics.maxLimit}.`,
      tags: ["Topics"],
      parameters: [ref.parameter("cursor"), listLimit("topics")],
      "x-example-request": "/api/v1/topics",
      responses: {
        "200": ok("The topics and the cursor of the next page (null when all are listed).", ref.schema("TopicList"), {
          data: [exampleTopic],
          nextCursor: null,
        }),
        ...errors(304, 400, 429, 503),
      },
    },
  },
  "/api/v1/topics/{slug}": {
    get: {
      operationId: "getTopic",
      summary: "One topic",
      tags: ["Topics"],
      parameters: [ref.parameter("slug")],
      "x-example-request": "/api/v1/topics/refugees",
      responses: { "200": ok("The topic.", ref.schema("Topic"), exampleTopic), ...errors(304, 308, 404, 429, 503) },
    },
  },
  "/api/v1/dates": {
    get: {
      operationId: "listDates",
      summary: "The dates that have statements",
      description:
        "Years, their months and the months' days that have published statements, with counts, oldest first. A statement known only to its month counts for the month and the year, never for a day; one known only to its year counts for the year alone.",
      tags: ["Dates"],
      parameters: [queryParameter("year", LIST_QUERY_PARAMETERS.dates.year, "Only this year (YYYY).", "2016")],
      "x-example-request": "/api/v1/dates?year=2016",
      responses: {
        "200": ok("The dates with statements.", ref.schema("DateIndex"), {
          data: [
            { year: 2016, date: "2016", count: 18, months: [{ month: 11, date: "2016-11", count: 18, days: [] }] },
          ],
          undated: 0,
        }),
        ...errors(304, 400, 429, 503),
      },
    },
  },
  "/api/v1/openapi.json": {
    get: {
      operationId: "getOpenApiDocument",
      summary: "This description of the API",
      description: "The OpenAPI 3.1 document you are reading, as JSON.",
      tags: ["About the API"],
      "x-example-request": "/api/v1/openapi.json",
      responses: {
        "200": {
          description: "The OpenAPI document.",
          headers: readHeaders(),
          content: jsonContent(jsonSchemaOf(OpenApiDocumentShape, "output")),
        },
        ...errors(304, 429),
      },
    },
  },
};

/** The media type of a Content-Type value ("text/csv; charset=utf-8" → "text/csv"): the key of `content`. */
const mediaTypeOf = (contentType: string) => contentType.split(";")[0]!.trim();

// ——— Paths: feeds and exports (not JSON: no ETag; exports are rate-limited, feeds are not) ———

const text = (mediaType: string, example?: string): Record<string, MediaTypeObject> => ({
  [mediaType]: example === undefined ? { schema: { type: "string" } } : { schema: { type: "string" }, example },
});

export const feedResponses = {
  FeedNotFound: {
    description: "No speaker or topic at this address (plain text).",
    content: text("text/plain", "No topic at this address."),
  },
  FeedBadRequest: {
    description: "A parameter the search page would refuse: each named with its rule (plain text).",
    content: text("text/plain", 'Bad search parameters: lang: "xx" is not a supported language (ar, de, en)'),
  },
  FeedUnavailable: {
    description: "The database is unavailable right now; try again shortly (plain text).",
    content: text("text/plain", "The database is unavailable right now; try again shortly."),
  },
} satisfies Record<string, ResponseObject>;

const feedOk = (what: string): ResponseObject => ({
  description: `An Atom 1.0 feed (Content-Type \`${ATOM_CONTENT_TYPE}\`) of ${what} (by date said, newest first; undated ones after): each entry's id is the statement's address, its author the speaker, its content the text in the statement's language (xml:lang). The feed's title and dates follow the reader's interface language.`,
  headers: {
    "Cache-Control": {
      description:
        "public, max-age=60, s-maxage=30, stale-while-revalidate=300: feed readers and shared caches (a CDN) keep it briefly",
      schema: { type: "string" },
    },
    Vary: { description: "Accept-Language, Cookie (the interface language).", schema: { type: "string" } },
  },
  content: text(mediaTypeOf(ATOM_CONTENT_TYPE)),
});

const exportHeader = (description: string, schema: JsonSchema): HeaderObject => ({ description, schema });

/** Feeds and exports (CSV, JSON Lines). */
export const exportPaths: Record<string, PathItemObject> = {
  "/search/export": {
    get: {
      operationId: "exportSearch",
      summary: "Download a whole search result (CSV or JSON Lines)",
      description: [
        `Every statement a search finds, as a file: the parameters and filters of GET /api/v1/search (page and limit are accepted and ignored: the export is every page), up to ${EXPORT_LIMITS.maxStatements.toLocaleString("en")} statements. The search page links to it beside its results.`,
        `- **csv** (the default): \`${CSV_CONTENT_TYPE}\`, RFC 4180 with a byte-order mark, one statement a row with its address; text a spreadsheet would run as a formula starts with an apostrophe.`,
        `- **jsonl**: \`${JSONL_CONTENT_TYPE}\`, one line a statement in the import format (\`npm run import\` of the file brings the same statements into another database).`,
        "Open to any origin and counted against the rate limit like the API's reads; one export at a time per client address (another one meanwhile is a 429 `export_in_progress`); no ETag (`Cache-Control: no-store`). A bad parameter is a 400 naming it; search or the database down is a 503, decided before the file starts.",
      ].join("\n"),
      tags: ["Exports"],
      parameters: [
        queryParameter("format", EXPORT_FORMAT_PARAMETER, "csv (the default) or jsonl (either case).", "jsonl"),
        ...searchParameters,
      ],
      responses: {
        "200": {
          description: "The file, as an attachment (statements-YYYY-MM-DD.csv or .jsonl), streamed.",
          headers: {
            "Content-Disposition": exportHeader('attachment; filename="statements-YYYY-MM-DD.csv" (or .jsonl).', {
              type: "string",
              pattern: "^attachment; ",
            }),
            "Cache-Control": exportHeader("no-store", { type: "string" }),
            "Access-Control-Allow-Origin": ref.header("AccessControlAllowOrigin"),
            "X-RateLimit-Limit": ref.header("RateLimitLimit"),
            "X-RateLimit-Remaining": ref.header("RateLimitRemaining"),
            "X-RateLimit-Reset": ref.header("RateLimitReset"),
            "X-Total-Count": exportHeader("How many statements the search finds.", { type: "integer", minimum: 0 }),
            "X-Export-Count": exportHeader("How many statements the file holds.", { type: "integer", minimum: 0 }),
            "X-Export-Limit": exportHeader("The most statements an export holds.", { type: "integer", minimum: 1 }),
            "X-Export-Truncated": exportHeader(
              "true when the result was larger than X-Export-Limit and the file was cut there.",
              { type: "string", enum: ["true", "false"] },
            ),
          },
          content: { ...text(mediaTypeOf(CSV_CONTENT_TYPE)), ...text(mediaTypeOf(JSONL_CONTENT_TYPE)) },
        },
        ...errors(400, 429, 503),
      },
    },
  },
  "/search/feed.xml": {
    get: {
      operationId: "getSearchFeed",
      summary: "Atom feed of a search",
      description:
        'Follow a search: the words and filters of GET /search (and of GET /api/v1/search), checked by the same rules, as an Atom feed of the newest published statements the search finds. page, limit and sort are accepted and ignored (a feed holds the newest matches). The search page links it as "Follow this search" and in <link rel="alternate">.',
      tags: ["Feeds"],
      parameters: searchParameters.filter((p) => !("name" in p && p.name === "sort")),
      responses: {
        "200": feedOk(`the newest ${SERVER_LIMITS.feedSize} published statements the search finds`),
        "400": ref.response("FeedBadRequest"),
        "503": {
          description: "Search or the database is unavailable right now; try again shortly (plain text).",
          content: text("text/plain", "Search is unavailable right now; try again shortly."),
        },
      },
    },
  },
  "/api/oembed": {
    get: {
      operationId: "getOEmbed",
      summary: "oEmbed of a statement",
      description:
        'oEmbed 1.0 (https://oembed.com/) for a statement\'s address: a `rich` answer whose html is an iframe of the statement\'s card, /statements/{id}/embed, the one page of this site other sites may frame. The statement page names this endpoint in <link rel="alternate" type="application/json+oembed">. An address that is not a public statement of this site is a 404; a format other than json a 501, as the oEmbed spec asks. Open to any origin, with an ETag, counted against the rate limit.',
      tags: ["Embeds"],
      parameters: [
        {
          name: "url",
          in: "query",
          required: true,
          description: "A statement's address on this site (/statements/{id}, or its /embed).",
          schema: { type: "string" },
          example: "https://tracker.example/statements/16",
        },
        {
          name: "format",
          in: "query",
          description: "json (the default); anything else is a 501.",
          schema: { type: "string" },
          example: "json",
        },
        {
          name: "maxwidth",
          in: "query",
          description: "The widest iframe the consumer can show, in pixels.",
          schema: { type: "string", pattern: "^[1-9][0-9]{0,4}$" },
        },
        {
          name: "maxheight",
          in: "query",
          description: "The tallest iframe the consumer can show, in pixels.",
          schema: { type: "string", pattern: "^[1-9][0-9]{0,4}$" },
        },
      ],
      responses: {
        "200": ok("The oEmbed answer.", ref.schema("OEmbed"), {
          version: "1.0",
          type: "rich",
          title: `Angela Merkel: ${Array.from(exampleItem.text).slice(0, 60).join("")}…`,
          author_name: "Angela Merkel",
          author_url: "https://tracker.example/speakers/angela-merkel",
          provider_name: "Statements tracker",
          provider_url: "https://tracker.example/",
          cache_age: 3600,
          html: '<iframe src="https://tracker.example/statements/16/embed" width="560" height="340" title="Angela Merkel: …" style="border:0;max-width:100%" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>',
          width: 560,
          height: 340,
        }),
        ...errors(304, 400, 404, 429),
        "501": {
          description: "A format other than json.",
          content: jsonContent(ref.schema("Error"), {
            error: { code: "format_not_implemented", message: 'format: only json is offered, not "xml"' },
          }),
        },
        ...errors(503),
      },
    },
  },
  "/feed.xml": {
    get: {
      operationId: "getSiteFeed",
      summary: "Atom feed of the latest statements",
      tags: ["Feeds"],
      responses: {
        "200": feedOk(`the latest ${SERVER_LIMITS.feedSize} published statements`),
        "503": ref.response("FeedUnavailable"),
      },
    },
  },
  "/speakers/{slug}/feed.xml": {
    get: {
      operationId: "getSpeakerFeed",
      summary: "Atom feed of a speaker's latest statements",
      tags: ["Feeds"],
      parameters: [ref.parameter("slug")],
      responses: {
        "200": feedOk(`the speaker's latest ${SERVER_LIMITS.feedSize} published statements`),
        ...errors(308),
        "404": ref.response("FeedNotFound"),
        "503": ref.response("FeedUnavailable"),
      },
    },
  },
  "/topics/{slug}/feed.xml": {
    get: {
      operationId: "getTopicFeed",
      summary: "Atom feed of a topic's latest statements",
      tags: ["Feeds"],
      parameters: [ref.parameter("slug")],
      responses: {
        "200": feedOk(`the topic's latest ${SERVER_LIMITS.feedSize} published statements`),
        ...errors(308),
        "404": ref.response("FeedNotFound"),
        "503": ref.response("FeedUnavailable"),
      },
    },
  },
};
