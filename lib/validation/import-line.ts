import { z } from "zod";
import { SUPPORTED_LANGUAGES, isSupportedLanguage, type LanguageCode } from "@/lib/languages";
import { PARTIAL_DATE_MESSAGES, partialDateSchema, type PartialDate } from "./partial-date";
import { formatZodError, quoteForMessage } from "./zod-messages";

/** Field limits shared by the importer, the API and the forms (lengths in UTF-16 units, like `maxLength`). */
export const STATEMENT_LIMITS = {
  textMaxLength: 10_000,
  externalIdMaxLength: 200,
  speakerNameMaxLength: 200,
  speakerRoleMaxLength: 300,
  speakerAffiliationMaxLength: 300,
  aliasesMaxItems: 50,
  aliasMaxLength: 200,
  topicsMaxItems: 30,
  topicMaxLength: 100,
  contextMaxLength: 5_000,
  outletMaxLength: 500,
  titleMaxLength: 500,
  urlMaxLength: 2_000,
  reviewsMaxItems: 20,
  reportsMaxItems: 50,
  ratingMaxLength: 200,
  reviewerNameMaxLength: 300,
} as const;

export const STATEMENT_KINDS = ["direct", "indirect", "mixed"] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

export const SPEAKER_KINDS = ["person", "organization", "group"] as const;
export type SpeakerKind = (typeof SPEAKER_KINDS)[number];

export const EXTERNAL_ID_PATTERN = /^[A-Za-z0-9._:-]+$/;

/**
 * A Wikidata item id (Q567): no leading zero, at most 12 digits. The one rule for the importer, the
 * curators' form and the database's check (speakers_wikidata_check, migration 0010).
 */
export const WIKIDATA_ID_PATTERN = /^Q[1-9][0-9]{0,11}$/;

/** A parsed, normalised import line. Optional values are `null` when absent or blank. */
export type ImportLine = {
  externalId: string | null;
  text: string;
  language: LanguageCode;
  kind: StatementKind;
  speaker: {
    name: string;
    kind: SpeakerKind;
    role: string | null;
    affiliation: string | null;
    aliases: string[];
    wikidataId: string | null;
  };
  saidOn: PartialDate | null;
  topics: string[];
  /** null when absent or when every source field is empty. */
  source: {
    url: string | null;
    outlet: string | null;
    title: string | null;
    publishedAt: PartialDate | null;
  } | null;
  context: string | null;
  /** Fact-checks of the statement (schema.org ClaimReview); empty when none. */
  reviews: StatementReview[];
  /** Further outlets that reported the statement, besides `source`, each in its own wording; empty when none. */
  reports: ImportReport[];
};

export type ImportSource = NonNullable<ImportLine["source"]>;

/** A report of the statement: its source, the wording as printed there (null: the line's text), and when. */
export type ImportReport = { source: ImportSource; text: string | null; reportedOn: PartialDate | null };

/**
 * A fact-check review: the verdict as the reviewer words it (`rating`), on a numeric scale when the
 * reviewer gives one (then all three numbers), who reviewed, where the review is, and when.
 */
export type StatementReview = {
  rating: string;
  ratingValue: number | null;
  bestRating: number | null;
  worstRating: number | null;
  reviewer: { name: string; url: string | null };
  url: string;
  reviewedOn: PartialDate;
};

// --- text cleaning -----------------------------------------------------------

// Postgres rejects NUL in text columns, and the other C0 controls are invisible
// junk from copy-paste or broken exports; \n and \t are the only ones kept.
// CR is not matched here: line breaks are normalised to \n first.
const C0_CONTROLS_EXCEPT_TAB_LF = /[\u0000-\u0008\u000B-\u001F]/g;

// A surrogate without its pair (JSON can spell one: "\ud800") is no character:
// it becomes U+FFFD, as invalid UTF-8 in an import file does. Left in, it would
// break the JSON of revisions in Postgres (jsonb refuses it).
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text that is valid Unicode: every lone surrogate replaced by U+FFFD. */
export function wellFormed(value: string): string {
  return value.replace(LONE_SURROGATES, "\uFFFD");
}

/** Multi-line text (statement text, context): NFC, \n line breaks, no control characters, trimmed. */
export function cleanMultilineText(value: string): string {
  return wellFormed(value).normalize("NFC").replace(/\r\n?/g, "\n").replace(C0_CONTROLS_EXCEPT_TAB_LF, "").trim();
}

/** Single-line text (names, titles, topics): like cleanMultilineText, with whitespace runs collapsed to one space. */
export function cleanSingleLineText(value: string): string {
  return cleanMultilineText(value).replace(/\s+/g, " ");
}

// --- field builders (shared with the curator forms: lib/validation/statement-form.ts) ---

type TypeIssue = { input?: unknown };

const isMissing = (input: unknown) => input === undefined || input === null;

function typeError(expected: string) {
  return (issue: TypeIssue) => (isMissing(issue.input) ? "is required" : `must be ${expected}`);
}

const tooLong = (max: number) => `must be at most ${max} characters`;

export function requiredText(max: number, clean: (value: string) => string) {
  return z
    .string({ error: typeError("a string") })
    .transform(clean)
    .pipe(z.string().min(1, "is required").max(max, tooLong(max)));
}

export function optionalText(max: number, clean: (value: string) => string) {
  return z
    .string({ error: "must be a string" })
    .nullish()
    .transform((value) => (value == null ? null : clean(value) || null))
    .pipe(z.string().max(max, tooLong(max)).nullable());
}

/** An optional choice from a fixed list; blank or absent gives the default. */
export function optionalChoice<const T extends readonly [string, ...string[]]>(choices: T, fallback: T[number]) {
  const allowed = choices.join(", ");
  return z
    .string({ error: `must be one of ${allowed}` })
    .nullish()
    .transform((value, ctx): T[number] => {
      const trimmed = value?.trim() ?? "";
      if (trimmed === "") return fallback;
      const found = choices.find((choice) => choice === trimmed);
      if (found !== undefined) return found;
      ctx.addIssue(`${quoteForMessage(trimmed)} must be one of ${allowed}`);
      return z.NEVER;
    });
}

/** An optional list of single-line strings: blank items dropped, duplicates removed (case-insensitively, first spelling wins). */
export function stringList(maxItems: number, maxItemLength: number) {
  return z
    .array(
      z
        .string({ error: "must be a string" })
        .transform(cleanSingleLineText)
        .pipe(z.string().max(maxItemLength, tooLong(maxItemLength))),
      { error: "must be an array of strings" },
    )
    .max(maxItems, `must have at most ${maxItems} items`)
    .nullish()
    .transform((items): string[] => {
      const seen = new Set<string>();
      const result: string[] = [];
      for (const item of items ?? []) {
        const key = item.toLowerCase();
        if (item === "" || seen.has(key)) continue;
        seen.add(key);
        result.push(item);
      }
      return result;
    });
}

export const optionalPartialDate = z
  .string({ error: PARTIAL_DATE_MESSAGES.format })
  .nullish()
  .transform((value) => (value == null || value.trim() === "" ? null : value))
  .pipe(partialDateSchema.nullable());

// Control characters and lone surrogates: a URL kept as written must not carry them into Postgres.
const NOT_IN_URL = /[\u0000-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
}

// Kept as written (not url.href) so that non-Latin paths stay readable; only validated.
export const optionalUrl = z
  .string({ error: "must be a string" })
  .nullish()
  .transform((value) => (value == null ? null : value.trim() || null))
  .pipe(
    z
      .string()
      .max(STATEMENT_LIMITS.urlMaxLength, tooLong(STATEMENT_LIMITS.urlMaxLength))
      .refine(isHttpUrl, "must be an http(s) URL")
      .refine((value) => !NOT_IN_URL.test(value), "must be an http(s) URL without control characters")
      .nullable(),
  );

export const languageField = z.string({ error: typeError("a string") }).transform((value, ctx): LanguageCode => {
  // Language tags are case-insensitive (BCP 47), so "AR" is Arabic.
  const code = value.trim().toLowerCase();
  if (isSupportedLanguage(code)) return code;
  if (code === "") {
    ctx.addIssue("is required");
  } else {
    const supported = [...SUPPORTED_LANGUAGES].sort().join(", ");
    ctx.addIssue(`${quoteForMessage(value.trim())} is not a supported language (${supported})`);
  }
  return z.NEVER;
});

const externalIdField = z
  .string({ error: "must be a string" })
  .nullish()
  .transform((value) => (value == null ? null : value.trim() || null))
  .pipe(
    z
      .string()
      .max(STATEMENT_LIMITS.externalIdMaxLength, tooLong(STATEMENT_LIMITS.externalIdMaxLength))
      .regex(EXTERNAL_ID_PATTERN, "may only contain A–Z, a–z, 0–9 and . _ : -")
      .nullable(),
  );

/** An optional Wikidata id; "q567" is taken as Q567, blank as none. */
export const wikidataIdField = z
  .string({ error: "must be a string" })
  .nullish()
  .transform((value) => (value == null ? null : value.trim().toUpperCase() || null))
  .pipe(z.string().regex(WIKIDATA_ID_PATTERN, "must be a Wikidata id: Q followed by digits, like Q567").nullable());

const objectError = { error: "must be an object" } as const;

const ratingNumber = z
  .number({ error: "must be a number" })
  .finite("must be a finite number")
  .nullish()
  .transform((value) => value ?? null);

/**
 * One review. Without a scale the rating is text only: a ratingValue needs bestRating and
 * worstRating, worstRating must be below bestRating, and the value must lie between them.
 */
export const reviewSchema = z
  .object(
    {
      rating: requiredText(STATEMENT_LIMITS.ratingMaxLength, cleanSingleLineText),
      ratingValue: ratingNumber,
      bestRating: ratingNumber,
      worstRating: ratingNumber,
      reviewer: z.preprocess(
        (value) => value ?? {},
        z.object(
          { name: requiredText(STATEMENT_LIMITS.reviewerNameMaxLength, cleanSingleLineText), url: optionalUrl },
          objectError,
        ),
      ),
      url: optionalUrl.pipe(z.string({ error: "is required: the address of the review" })),
      reviewedOn: z
        .string({ error: (issue) => (issue.input == null ? "is required" : PARTIAL_DATE_MESSAGES.format) })
        .pipe(partialDateSchema),
    },
    objectError,
  )
  .superRefine((review, ctx) => {
    const { ratingValue, bestRating, worstRating } = review;
    const scaled = bestRating !== null || worstRating !== null;
    if (scaled && (bestRating === null || worstRating === null)) {
      ctx.addIssue({
        code: "custom",
        path: [bestRating === null ? "bestRating" : "worstRating"],
        message: "is required with a scale: give bestRating and worstRating together",
      });
      return;
    }
    if (scaled && worstRating! >= bestRating!)
      ctx.addIssue({ code: "custom", path: ["worstRating"], message: `must be below bestRating (${bestRating})` });
    if (ratingValue === null) return;
    if (!scaled)
      ctx.addIssue({
        code: "custom",
        path: ["ratingValue"],
        message: "needs a scale (bestRating and worstRating); without one the rating is text only",
      });
    else if (ratingValue < Math.min(worstRating!, bestRating!) || ratingValue > Math.max(worstRating!, bestRating!)) {
      ctx.addIssue({
        code: "custom",
        path: ["ratingValue"],
        message: `must be within the scale, from worstRating (${worstRating}) to bestRating (${bestRating})`,
      });
    }
  });

const reviewsSchema = z
  .array(reviewSchema, { error: "must be an array of reviews" })
  .max(STATEMENT_LIMITS.reviewsMaxItems, `must have at most ${STATEMENT_LIMITS.reviewsMaxItems} reviews`)
  .superRefine((reviews, ctx) => {
    // A review is known by its address: one statement cannot carry the same review twice.
    reviews.forEach((review, i) => {
      const first = reviews.findIndex((other) => other.url === review.url);
      if (first < i)
        ctx.addIssue({ code: "custom", path: [i, "url"], message: `repeats the address of review ${first}` });
    });
  })
  .nullish()
  .transform((reviews): StatementReview[] => reviews ?? []);

const speakerSchema = z.object(
  {
    name: requiredText(STATEMENT_LIMITS.speakerNameMaxLength, cleanSingleLineText),
    kind: optionalChoice(SPEAKER_KINDS, "person"),
    role: optionalText(STATEMENT_LIMITS.speakerRoleMaxLength, cleanSingleLineText),
    affiliation: optionalText(STATEMENT_LIMITS.speakerAffiliationMaxLength, cleanSingleLineText),
    aliases: stringList(STATEMENT_LIMITS.aliasesMaxItems, STATEMENT_LIMITS.aliasMaxLength),
    wikidataId: wikidataIdField,
  },
  objectError,
);

const sourceSchema = z
  .object(
    {
      url: optionalUrl,
      outlet: optionalText(STATEMENT_LIMITS.outletMaxLength, cleanSingleLineText),
      title: optionalText(STATEMENT_LIMITS.titleMaxLength, cleanSingleLineText),
      publishedAt: optionalPartialDate,
    },
    objectError,
  )
  .nullish()
  .transform((source) => (source == null || Object.values(source).every((value) => value === null) ? null : source));

const reportsSchema = z
  .array(
    z.object(
      {
        source: sourceSchema.pipe(
          z.custom<ImportSource>((value) => value !== null, "is required: where it was reported"),
        ),
        text: optionalText(STATEMENT_LIMITS.textMaxLength, cleanMultilineText),
        reportedOn: optionalPartialDate,
      },
      objectError,
    ),
    { error: "must be an array of reports" },
  )
  .max(STATEMENT_LIMITS.reportsMaxItems, `must have at most ${STATEMENT_LIMITS.reportsMaxItems} reports`)
  .nullish()
  .transform((reports): ImportReport[] => reports ?? []);

/**
 * One line of an import file. Unknown keys are ignored (the corpus may carry
 * extras); a known key with a value of the wrong type is an error for that field.
 */
export const importLineSchema = z.object(
  {
    externalId: externalIdField,
    text: requiredText(STATEMENT_LIMITS.textMaxLength, cleanMultilineText),
    language: languageField,
    kind: optionalChoice(STATEMENT_KINDS, "direct"),
    // A missing speaker is reported as a missing speaker.name, the field the user has to fill.
    speaker: z.preprocess((value) => value ?? {}, speakerSchema),
    saidOn: optionalPartialDate,
    topics: stringList(STATEMENT_LIMITS.topicsMaxItems, STATEMENT_LIMITS.topicMaxLength),
    source: sourceSchema,
    context: optionalText(STATEMENT_LIMITS.contextMaxLength, cleanMultilineText),
    reviews: reviewsSchema,
    reports: reportsSchema,
  },
  {
    error: (issue) =>
      `the line must be a JSON object, not ${Array.isArray(issue.input) ? "an array" : issue.input === null ? "null" : `a ${typeof issue.input}`}`,
  },
);

// Keeps the hand-written ImportLine type and the schema in step, in both directions.
type SchemaOutput = z.output<typeof importLineSchema>;
const _outputMatches: [SchemaOutput, ImportLine] extends [ImportLine, SchemaOutput] ? true : false = true;
void _outputMatches;

export type ImportLineResult = { ok: true; value: ImportLine } | { ok: false; reason: string };

/** Parses one JSONL line. Never throws; `reason` names the field and the rule. */
export function parseImportLine(raw: string): ImportLineResult {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const result = importLineSchema.safeParse(json);
  return result.success ? { ok: true, value: result.data } : { ok: false, reason: formatZodError(result.error) };
}
