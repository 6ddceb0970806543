// The extraction assistant's requests: what a curator posts to
// /api/curate/extract (an article) and to /api/curate/extract/accept (the
// proposals they kept), checked field by field; and the answer to an article:
// the engine's proposals linked to known speakers and topics, with notes that
// say what could not be done. Pure: the database is read by the caller
// (lib/extract/known.ts), so all of this is testable without one.
import { z } from "zod";
import { LANGUAGES, isSupportedLanguage } from "@/lib/languages";
import { suggestLanguage } from "@/lib/text/suggest-language";
import {
  STATEMENT_LIMITS,
  cleanSingleLineText,
  optionalPartialDate,
  optionalText,
  optionalUrl,
} from "@/lib/validation/import-line";
import { PARTIAL_DATE_MESSAGES, checkPartialDate } from "@/lib/validation/partial-date";
import { EDITABLE_STATUSES, parseStatementForm, type StatementForm } from "@/lib/validation/statement-form";
import { quoteForMessage, zodIssuesToMessages, type FieldMessage } from "@/lib/validation/zod-messages";
import { extractStatements } from "./index";
import type { KnownEntities, KnownSpeakerRecord, KnownTopicRecord } from "./known";
import { nameTokens } from "./normalize";
import { SpeakerIndex } from "./speakers";
import { findQuotes, quoteAt } from "./text";
import type { Lang, ProposedStatement, SpeakerKind, StatementKind } from "./types";

export const EXTRACT_LANGUAGES = ["ar", "de", "en"] as const satisfies readonly Lang[];

export const EXTRACT_LIMITS = {
  /** The article: 1 MB of UTF-8. */
  textMaxBytes: 1_000_000,
  /** A request body may be larger than its text (JSON escapes); beyond this it is refused unread. */
  bodyMaxBytes: 8_000_000,
  /** Proposals saved in one "accept" (one transaction). */
  acceptMaxStatements: 1_000,
  /** Proposals in one answer (a curator checks each; more is a sign to split the article). */
  maxProposals: 1_000,
  /** Topics suggested per proposal. */
  topicsPerProposal: 8,
  /** Time an article may take to read, in a worker thread (lib/extract/off-thread.ts); past it, a 422 names this limit. */
  timeBudgetMs: 3_000,
} as const;

/** The rule an article breaks when reading it needs more memory than a worker has. */
export const TEXT_TOO_COMPLEX =
  "could not be read within the memory a worker has for one article: split it and propose each part";

/** The rule an article breaks when reading it takes longer than the budget. */
export const TEXT_TOO_SLOW = `took longer than the ${EXTRACT_LIMITS.timeBudgetMs / 1000}-second time budget for reading an article: split it and propose each part`;

/** The rule a too-long article breaks (also said when the request body itself is too large to read). */
export const TEXT_TOO_LONG = `must be at most 1 MB (${EXTRACT_LIMITS.textMaxBytes.toLocaleString("en")} bytes of UTF-8): split the article and propose each part`;

export type ExtractSource = { url: string | null; outlet: string | null; title: string | null };

export type ExtractRequest = {
  text: string;
  /** The language asked for, when it is one the extractor reads. */
  language: Lang | null;
  /** A language asked for that the extractor does not read ("fr"): answered with a note, not refused. */
  unsupportedLanguage: string | null;
  /** The publication day, YYYY-MM-DD; null leaves relative dates unresolved. */
  publishedOn: string | null;
  source: ExtractSource | null;
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; fields: FieldMessage[] };

const sourceSchema = z.object(
  {
    url: optionalUrl,
    outlet: optionalText(STATEMENT_LIMITS.outletMaxLength, cleanSingleLineText),
    title: optionalText(STATEMENT_LIMITS.titleMaxLength, cleanSingleLineText),
  },
  { error: "must be an object with url, outlet and title" },
);

const acceptSourceSchema = sourceSchema.extend({ publishedOn: optionalPartialDate });

function prefixed(prefix: string, fields: FieldMessage[]): FieldMessage[] {
  return fields.map((f) => ({ field: f.field ? `${prefix}.${f.field}` : prefix, message: f.message }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The publication day: absent (null/"" allowed), or a real day written YYYY-MM-DD. */
function parsePublishedOn(value: unknown, fields: FieldMessage[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") {
    fields.push({ field: "publishedOn", message: "must be a day written YYYY-MM-DD" });
    return null;
  }
  const input = value.trim();
  if (input === "") return null;
  const checked = checkPartialDate(input);
  if (!checked.ok) {
    const message =
      checked.problem === "format"
        ? `must be a day written YYYY-MM-DD, got ${quoteForMessage(input)}`
        : checked.problem === "not-real"
          ? PARTIAL_DATE_MESSAGES.notReal(input)
          : PARTIAL_DATE_MESSAGES.yearRange(input);
    fields.push({ field: "publishedOn", message });
    return null;
  }
  if (checked.value.precision !== "day") {
    fields.push({
      field: "publishedOn",
      message: `must be a whole day written YYYY-MM-DD (got ${quoteForMessage(input)}): relative dates such as "yesterday" are resolved against it`,
    });
    return null;
  }
  return checked.value.iso;
}

/** Checks an article request; every wrong field is named, with its rule. Never throws. */
export function parseExtractRequest(input: unknown): Parsed<ExtractRequest> {
  if (!isObject(input))
    return {
      ok: false,
      fields: [{ field: "body", message: "must be a JSON object with text, language, publishedOn and source" }],
    };
  const fields: FieldMessage[] = [];

  let text = "";
  if (input.text === undefined || input.text === null)
    fields.push({ field: "text", message: "is required: paste the article's text" });
  else if (typeof input.text !== "string") fields.push({ field: "text", message: "must be a string" });
  else if (input.text.trim() === "") fields.push({ field: "text", message: "is empty: paste the article's text" });
  else if (Buffer.byteLength(input.text, "utf8") > EXTRACT_LIMITS.textMaxBytes)
    fields.push({
      field: "text",
      message: `${TEXT_TOO_LONG}; this one is ${Buffer.byteLength(input.text, "utf8").toLocaleString("en")} bytes`,
    });
  else text = input.text;

  let language: Lang | null = null;
  let unsupportedLanguage: string | null = null;
  if (input.language !== undefined && input.language !== null) {
    if (typeof input.language !== "string")
      fields.push({
        field: "language",
        message: `must be one of ${EXTRACT_LANGUAGES.join(", ")} (or absent to detect it)`,
      });
    else {
      const code = input.language.trim().toLowerCase();
      if ((EXTRACT_LANGUAGES as readonly string[]).includes(code)) language = code as Lang;
      else if (code !== "") {
        if (code.length > 35)
          fields.push({
            field: "language",
            message: `must be one of ${EXTRACT_LANGUAGES.join(", ")} (or absent to detect it)`,
          });
        else unsupportedLanguage = code;
      }
    }
  }

  const publishedOn = parsePublishedOn(input.publishedOn, fields);

  let source: ExtractSource | null = null;
  if (input.source !== undefined && input.source !== null) {
    const parsed = sourceSchema.safeParse(input.source);
    if (parsed.success) source = parsed.data;
    else fields.push(...prefixed("source", zodIssuesToMessages(parsed.error)));
  }

  if (fields.length > 0) return { ok: false, fields };
  return { ok: true, value: { text, language, unsupportedLanguage, publishedOn, source } };
}

// --- the answer -------------------------------------------------------------------------------

export type ExtractNoteCode =
  | "language_suggested"
  | "unsupported_language"
  | "no_language"
  | "language_mismatch"
  | "no_publication_date"
  | "no_statements"
  | "unbalanced_quotes"
  | "too_many"
  | "known_unavailable";

/** Something the curator should know about the answer; `message` is English, `code` and `values` let the screen say it in its language. */
export type ExtractNote = { code: ExtractNoteCode; message: string; values?: Record<string, string | number> };

export type SpeakerCandidate = { id: number; slug: string; name: string; affiliation: string | null };

export type ProposalSpeaker = {
  /** The known speaker's canonical name, else the name as written. */
  name: string;
  /** The words of the article this statement is tied to. */
  mention: string;
  start: number;
  end: number;
  kind: SpeakerKind;
  /** Set when linked to one known speaker. */
  speakerId: number | null;
  slug: string | null;
  /** Several known speakers of this name: the curator picks one. */
  candidates: SpeakerCandidate[];
  /** No known speaker: create one with this name and kind. */
  newSpeaker: { name: string; kind: SpeakerKind } | null;
};

export type ProposalTopic = {
  id: number;
  slug: string;
  name: string;
  names: Partial<Record<Lang, string>>;
  confidence: number;
};

export type Proposal = {
  /** 1-based, in reading order: the number shown on the article. */
  n: number;
  kind: StatementKind;
  text: string;
  start: number;
  end: number;
  cue: string | null;
  cueStart: number | null;
  cueEnd: number | null;
  /** YYYY-MM-DD when the article dates it. */
  saidOn: string | null;
  /** The article dates it relatively ("yesterday") but no publication day was given. */
  dateUnresolved: boolean;
  confidence: number;
  speaker: ProposalSpeaker | null;
  topics: ProposalTopic[];
};

export type ExtractResponse = {
  language: Lang | null;
  languageSource: "given" | "suggested" | null;
  publishedOn: string | null;
  source: ExtractSource | null;
  proposals: Proposal[];
  notes: ExtractNote[];
};

const languageName = (code: string): string => (isSupportedLanguage(code) ? LANGUAGES[code].englishName : code);

// Quotation marks a reader pairs; an apostrophe-like ‘ ’ ‚ is left out (it is also an apostrophe).
const QUOTE_MARKS = /[«»„“”‹›"]/gu;

/** The first quotation mark that no pair accounts for, or null when every mark is paired. */
export function unpairedQuote(text: string, lang: Lang): { mark: string; offset: number } | null {
  const quotes = findQuotes(text, lang);
  for (const match of text.matchAll(QUOTE_MARKS)) {
    const offset = match.index;
    if (quoteAt(quotes, offset) >= 0) continue;
    // A straight mark after a digit (5'10") or inside a word is not a quotation.
    if (
      match[0] === '"' &&
      (/\p{N}/u.test(text[offset - 1] ?? "") ||
        (/\p{L}/u.test(text[offset - 1] ?? "") && /[\p{L}\p{N}]/u.test(text[offset + 1] ?? "")))
    )
      continue;
    return { mark: match[0], offset };
  }
  return null;
}

const SENTENCE_END = /[.!?؟\n]/u;
const WINDOW_LIMIT = 400;

/** The sentence(s) around a proposal: from the last sentence end before it to the next one after it (bounded). */
function windowAround(text: string, from: number, to: number): [number, number] {
  let a = from;
  while (a > 0 && from - a < WINDOW_LIMIT && !SENTENCE_END.test(text[a - 1] as string)) a--;
  let b = to;
  while (b < text.length && b - to < WINDOW_LIMIT && !SENTENCE_END.test(text[b] as string)) b++;
  return [a, b];
}

function containsRun(hay: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

type TopicMatcher = { topic: KnownTopicRecord; forms: string[][] };

/**
 * Topics named in or near a statement, each with a confidence: a topic's name
 * in the statement's words 0.9; in the sentence that reports it 0.7; all the
 * words of a longer name in that sentence, in any order, 0.5.
 */
export function suggestTopics(
  text: string,
  proposal: Pick<ProposedStatement, "start" | "end" | "cueStart" | "cueEnd" | "speaker">,
  matchers: TopicMatcher[],
): ProposalTopic[] {
  if (matchers.length === 0) return [];
  const from = Math.min(proposal.start, proposal.cueStart ?? proposal.start, proposal.speaker?.start ?? proposal.start);
  const to = Math.max(proposal.end, proposal.cueEnd ?? proposal.end, proposal.speaker?.end ?? proposal.end);
  const [a, b] = windowAround(text, from, to);
  const inStatement = nameTokens(text.slice(proposal.start, proposal.end));
  const near = nameTokens(text.slice(a, b));
  const nearSet = new Set(near);
  const out: ProposalTopic[] = [];
  for (const { topic, forms } of matchers) {
    let confidence = 0;
    for (const form of forms) {
      if (containsRun(inStatement, form)) confidence = Math.max(confidence, 0.9);
      else if (containsRun(near, form)) confidence = Math.max(confidence, 0.7);
      else if (form.length > 1 && form.every((t) => nearSet.has(t))) confidence = Math.max(confidence, 0.5);
    }
    if (confidence > 0) out.push({ id: topic.id, slug: topic.slug, name: topic.name, names: topic.names, confidence });
  }
  return out
    .sort((x, y) => y.confidence - x.confidence || x.name.localeCompare(y.name))
    .slice(0, EXTRACT_LIMITS.topicsPerProposal);
}

function linkSpeaker(
  text: string,
  statement: ProposedStatement,
  byName: Map<string, KnownSpeakerRecord[]>,
): ProposalSpeaker | null {
  const found = statement.speaker;
  if (!found) return null;
  const mention = text.slice(found.start, found.end).trim();
  const base = { name: found.name, mention, start: found.start, end: found.end, kind: found.kind };
  const candidates = found.known ? (byName.get(found.name) ?? []) : [];
  let chosen: KnownSpeakerRecord | null = candidates.length === 1 ? (candidates[0] as KnownSpeakerRecord) : null;
  if (candidates.length > 1) {
    // Namesakes: the one whose names or aliases the mention uses, when only one does.
    const hits = new Set<number>();
    const tokens = nameTokens(mention);
    candidates.forEach((candidate, i) => {
      if (new SpeakerIndex([candidate]).findIn(tokens)) hits.add(i);
    });
    if (hits.size === 1) chosen = candidates[[...hits][0] as number] as KnownSpeakerRecord;
  }
  if (chosen)
    return { ...base, kind: chosen.kind, speakerId: chosen.id, slug: chosen.slug, candidates: [], newSpeaker: null };
  if (candidates.length > 1) {
    return {
      ...base,
      speakerId: null,
      slug: null,
      candidates: candidates.map((c) => ({ id: c.id, slug: c.slug, name: c.name, affiliation: c.affiliation })),
      newSpeaker: null,
    };
  }
  return {
    ...base,
    speakerId: null,
    slug: null,
    candidates: [],
    newSpeaker: { name: found.name.slice(0, STATEMENT_LIMITS.speakerNameMaxLength), kind: found.kind },
  };
}

/**
 * The answer to an article: the engine's proposals with speakers linked to
 * known ones, topic suggestions, and notes. `known` holds what the database
 * knows (lib/extract/known.ts); empty when it could not be read.
 */
export function proposeStatements(
  request: ExtractRequest,
  known: KnownEntities,
  extraNotes: ExtractNote[] = [],
): ExtractResponse {
  const { text } = request;
  const notes: ExtractNote[] = [...extraNotes];
  const empty = (language: Lang | null, languageSource: ExtractResponse["languageSource"]): ExtractResponse => ({
    language,
    languageSource,
    publishedOn: request.publishedOn,
    source: request.source,
    proposals: [],
    notes,
  });

  // The language: as asked, else suggested from the text (a sample is enough to tell).
  const sample = text.slice(0, 20_000);
  const suggested = suggestLanguage(sample);
  let lang: Lang;
  let languageSource: "given" | "suggested";
  if (request.language) {
    lang = request.language;
    languageSource = "given";
    if (suggested && suggested !== lang) {
      notes.push({
        code: "language_mismatch",
        message: `The text looks ${languageName(suggested)}, but ${languageName(lang)} was chosen; proposals may be missing. Choose the article's language.`,
        values: { language: lang, suggested },
      });
    }
  } else if (request.unsupportedLanguage) {
    notes.push({
      code: "unsupported_language",
      message: `The extractor reads Arabic, German and English, not ${quoteForMessage(request.unsupportedLanguage)}: no proposals. Add the statements by hand.`,
      values: { language: request.unsupportedLanguage },
    });
    return empty(null, null);
  } else if (suggested === null) {
    notes.push({ code: "no_language", message: "The text has no words to read (no letters): no proposals." });
    return empty(null, null);
  } else if (!(EXTRACT_LANGUAGES as readonly string[]).includes(suggested)) {
    notes.push({
      code: "unsupported_language",
      message: `The text looks ${languageName(suggested)}; the extractor reads Arabic, German and English only: no proposals. Choose a language to try anyway.`,
      values: { language: suggested },
    });
    return empty(null, null);
  } else {
    lang = suggested as Lang;
    languageSource = "suggested";
    notes.push({
      code: "language_suggested",
      message: `Language detected from the text: ${languageName(lang)}.`,
      values: { language: lang },
    });
  }

  const knownSpeakers = known.speakers;
  const result = extractStatements({ text, lang, published: request.publishedOn, knownSpeakers });
  // Without a publication day, a relative date ("yesterday", "Thursday") stays unresolved: the engine says which.
  const unresolved = result.statements.map((s) => s.dateUnresolved);

  const byName = new Map<string, KnownSpeakerRecord[]>();
  for (const speaker of knownSpeakers) byName.set(speaker.name, [...(byName.get(speaker.name) ?? []), speaker]);
  const matchers: TopicMatcher[] = known.topics.map((topic) => ({
    topic,
    forms: topic.forms.map((f) => nameTokens(f)).filter((f) => f.length > 0),
  }));

  const total = result.statements.length;
  const proposals: Proposal[] = result.statements.slice(0, EXTRACT_LIMITS.maxProposals).map((s, i) => ({
    n: i + 1,
    kind: s.kind,
    text: s.text,
    start: s.start,
    end: s.end,
    cue: s.cue,
    cueStart: s.cueStart,
    cueEnd: s.cueEnd,
    saidOn: s.saidOn,
    dateUnresolved: unresolved[i] ?? false,
    confidence: s.confidence,
    speaker: linkSpeaker(text, s, byName),
    topics: suggestTopics(text, s, matchers),
  }));

  if (!request.publishedOn) {
    const count = unresolved.filter(Boolean).length;
    notes.push({
      code: "no_publication_date",
      message:
        count > 0
          ? `No publication date: ${count} relative date${count === 1 ? "" : "s"} (such as "yesterday" or "Thursday") left unresolved. Give the date and propose again to resolve them.`
          : `No publication date: relative dates (such as "yesterday" or "Thursday") cannot be resolved. Give the date to resolve them.`,
      values: { count },
    });
  }
  const stray = unpairedQuote(text, lang);
  if (stray) {
    notes.push({
      code: "unbalanced_quotes",
      message: `A quotation mark ${stray.mark} at character ${stray.offset + 1} has no partner: quotations around it may be missing or cut. Check the text.`,
      values: { mark: stray.mark, offset: stray.offset + 1 },
    });
  }
  if (total > proposals.length) {
    notes.push({
      code: "too_many",
      message: `${total.toLocaleString("en")} statements found; the first ${proposals.length.toLocaleString("en")} are proposed. Split the article to check the rest.`,
      values: { total, shown: proposals.length },
    });
  }
  if (proposals.length === 0) {
    notes.push({
      code: "no_statements",
      message:
        "No statements found: the extractor looks for reporting verbs (said, sagte, قال) and quotations. Add statements by hand if the article has some.",
    });
  }
  return { language: lang, languageSource, publishedOn: request.publishedOn, source: request.source, proposals, notes };
}

// --- accepting proposals --------------------------------------------------------------------------

export type AcceptSource = {
  url: string | null;
  outlet: string | null;
  title: string | null;
  publishedOn: string | null;
};

export type AcceptRequest = {
  status: (typeof EDITABLE_STATUSES)[number];
  source: AcceptSource;
  forms: StatementForm[];
};

/**
 * Checks the proposals a curator keeps: each is a statement form
 * (lib/validation/statement-form.ts) to which the article's source and the
 * chosen status are attached. A problem names its place: `statements.2.speakerId`,
 * `source.url`, `status`.
 */
export function parseAcceptRequest(input: unknown): Parsed<AcceptRequest> {
  if (!isObject(input))
    return {
      ok: false,
      fields: [{ field: "body", message: "must be a JSON object with source, status and statements" }],
    };
  const fields: FieldMessage[] = [];

  let status: AcceptRequest["status"] = "draft";
  if (input.status !== undefined && input.status !== null) {
    if (input.status === "draft" || input.status === "published") status = input.status;
    else fields.push({ field: "status", message: `must be one of ${EDITABLE_STATUSES.join(", ")}` });
  }

  let source: AcceptSource = { url: null, outlet: null, title: null, publishedOn: null };
  if (input.source !== undefined && input.source !== null) {
    const parsed = acceptSourceSchema.safeParse(input.source);
    if (parsed.success) source = { ...parsed.data, publishedOn: parsed.data.publishedOn?.iso ?? null };
    else fields.push(...prefixed("source", zodIssuesToMessages(parsed.error)));
  }

  const forms: StatementForm[] = [];
  const list = input.statements;
  if (!Array.isArray(list))
    fields.push({ field: "statements", message: "is required: a list of the statements to save" });
  else if (list.length === 0) fields.push({ field: "statements", message: "is empty: accept at least one proposal" });
  else if (list.length > EXTRACT_LIMITS.acceptMaxStatements)
    fields.push({
      field: "statements",
      message: `must have at most ${EXTRACT_LIMITS.acceptMaxStatements} items; save in parts`,
    });
  else {
    const hasSource = Boolean(source.url || source.outlet || source.title || source.publishedOn);
    list.forEach((item, i) => {
      if (!isObject(item)) {
        fields.push({ field: `statements.${i}`, message: "must be an object" });
        return;
      }
      // The article's source and the chosen status apply to every statement; the item cannot override them.
      const parsed = parseStatementForm({ ...item, sources: hasSource ? [source] : [], status });
      if (parsed.ok) forms.push(parsed.value);
      else fields.push(...prefixed(`statements.${i}`, parsed.fields));
    });
  }

  if (fields.length > 0) return { ok: false, fields };
  return { ok: true, value: { status, source, forms } };
}
