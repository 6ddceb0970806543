// Scoring of lib/extract against labelled articles (issue 16), shared by scripts/eval-extract.ts and the
// tests. A statement counts when its span matches a gold span and, for the speaker columns, its speaker
// is right. Rules:
// - match: the overlap covers at least half of the gold span and at least 0.3 of the proposal; pairs are
//   assigned one to one, largest overlap first;
// - speaker: after lower-casing and Arabic folding, the proposed name shares a word of three or more
//   letters with the gold mention or canonical name; function words, titles and generic heads (الرئيس،
//   president, Sprecher, the company) do not count; a gold statement whose speaker is a pronoun or empty
//   is not scored for its speaker (and counts as right in "found with the right speaker");
// - said-on: over matched gold statements that carry a date, the share whose saidOn is that day.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { KnownSpeaker, Lang } from "./types";
import { extractStatements } from "./index";
import { nameTokens } from "./normalize";

export interface GoldSpan {
  start: number;
  end: number;
}

export interface GoldStatement extends GoldSpan {
  /** The speaker's mention as written (or the name a pronoun refers to); "" when unknown. */
  speaker: string;
  /** Further names of the same speaker (canonical name, aliases). */
  speakerNames?: string[];
  /** False for pronoun or empty gold speakers: matched, but not scored for the speaker. */
  scoreSpeaker: boolean;
  /** The day the statement was made, when the article says it (YYYY-MM-DD). */
  saidOn: string | null;
}

export interface EvalDoc {
  id: string;
  lang: Lang;
  text: string;
  published: string | null;
  known?: KnownSpeaker[];
  gold: GoldStatement[];
}

/** One-to-one matching under the rule (≥ half of the gold span and ≥ 0.3 of the proposal). */
export function matchSpans<G extends GoldSpan, P extends GoldSpan>(gold: G[], proposed: P[]): [G, P][] {
  const pairs: { g: number; p: number; ov: number }[] = [];
  gold.forEach((g, gi) => {
    proposed.forEach((p, pi) => {
      const ov = Math.min(g.end, p.end) - Math.max(g.start, p.start);
      if (ov > 0 && ov >= 0.5 * (g.end - g.start) && ov >= 0.3 * (p.end - p.start)) pairs.push({ g: gi, p: pi, ov });
    });
  });
  pairs.sort((a, b) => b.ov - a.ov);
  const ug = new Set<number>();
  const up = new Set<number>();
  const out: [G, P][] = [];
  for (const x of pairs) {
    if (ug.has(x.g) || up.has(x.p)) continue;
    ug.add(x.g);
    up.add(x.p);
    out.push([gold[x.g] as G, proposed[x.p] as P]);
  }
  return out;
}

// Words that never make a speaker right on their own: function words, titles, roles and generic heads.
const NOT_A_NAME = new Set(
  [
    // Arabic (folded by nameTokens: article and clitics stripped)
    "رئيس وزير وزيرة وزارة متحدث ناطق مسؤول مصدر مصادر مدير امين عام سفير مندوب ممثل عضو نائب شيخ دكتور مهندس لواء عميد عقيد جنرال ملك امير ولي سمو ملكي صاحب معالي سعادة فخامة سماحة رسمي حكومة حكومي هيئة مجلس منظمة شركة مكتب ادارة مديرية خارجية داخلية دفاع اعلامي خبير قائد منسق مبعوث باسم التي الذي الذين عن على الى في من مع اول",
    // German
    "der die das des dem den ein eine einer eines von vom und für zur zum sprecher sprecherin minister ministerin präsident präsidentin kanzler kanzlerin bundeskanzler bundeskanzlerin chef chefin vorsitzende vorsitzender direktor direktorin bürgermeister regierung regierungssprecher polizei ministerium unternehmen behörde experte expertin leiter leiterin",
    // English
    "the and for with president minister spokesman spokeswoman spokesperson secretary chancellor governor senator mayor chief director chairman official officials company government ministry department agency prime former leader head",
  ]
    .join(" ")
    .split(/\s+/u)
    .flatMap((w) => nameTokens(w)),
);

function nameWords(name: string): Set<string> {
  return new Set(nameTokens(name).filter((t) => [...t].length >= 3 && !NOT_A_NAME.has(t)));
}

/** The speaker rule. */
export function speakerRight(proposed: string | null | undefined, gold: GoldStatement): boolean {
  if (!proposed) return false;
  const want = new Set([gold.speaker, ...(gold.speakerNames ?? [])].flatMap((n) => [...nameWords(n)]));
  for (const w of nameWords(proposed)) if (want.has(w)) return true;
  return false;
}

export interface Scores {
  docs: number;
  gold: number;
  proposed: number;
  matched: number;
  precision: number;
  recall: number;
  /** "found (any speaker)" */
  f1: number;
  /** "found with the right speaker": matched pairs whose speaker is right (or not scored). */
  f1Speaker: number;
  /** "speaker right when found", over matched pairs whose gold speaker is scored. */
  speakerAcc: number;
  speakerPairs: number;
  /** Over matched gold statements with a date; null when none has one. */
  saidOnAcc: number | null;
  datePairs: number;
}

export function prf(
  gold: number,
  proposed: number,
  matched: number,
): { precision: number; recall: number; f1: number } {
  const precision = proposed ? matched / proposed : 0;
  const recall = gold ? matched / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

export interface EvalErrors {
  missed: { doc: string; text: string }[];
  spurious: { doc: string; text: string }[];
  wrongSpeaker: { doc: string; gold: string; proposed: string }[];
  wrongDate: { doc: string; gold: string; proposed: string | null; text: string }[];
}

export function score(docs: EvalDoc[], collect?: EvalErrors): Scores {
  let gold = 0;
  let proposed = 0;
  let matched = 0;
  let rightOrUnscored = 0;
  let spk = 0;
  let spkPairs = 0;
  let dates = 0;
  let datePairs = 0;
  for (const doc of docs) {
    const res = extractStatements({
      text: doc.text,
      lang: doc.lang,
      published: doc.published,
      knownSpeakers: doc.known ?? [],
    });
    const pairs = matchSpans(doc.gold, res.statements);
    gold += doc.gold.length;
    proposed += res.statements.length;
    matched += pairs.length;
    for (const [g, p] of pairs) {
      if (g.scoreSpeaker) {
        spkPairs++;
        const ok = speakerRight(p.speaker?.name, g);
        if (ok) {
          spk++;
          rightOrUnscored++;
        } else
          collect?.wrongSpeaker.push({
            doc: doc.id,
            gold: g.speaker,
            proposed: `${p.speaker?.name ?? "∅"} @ ${p.text.slice(0, 70)}`,
          });
      } else rightOrUnscored++;
      if (g.saidOn) {
        datePairs++;
        if (p.saidOn === g.saidOn) dates++;
        else collect?.wrongDate.push({ doc: doc.id, gold: g.saidOn, proposed: p.saidOn, text: p.text.slice(0, 70) });
      }
    }
    if (collect) {
      const mg = new Set(pairs.map(([g]) => g));
      const mp = new Set(pairs.map(([, p]) => p));
      for (const g of doc.gold)
        if (!mg.has(g))
          collect.missed.push({
            doc: doc.id,
            text: `${doc.text.slice(Math.max(0, g.start - 90), g.start)}[[${doc.text.slice(g.start, g.end)}]] (${g.speaker})`,
          });
      for (const p of res.statements)
        if (!mp.has(p))
          collect.spurious.push({ doc: doc.id, text: `${p.speaker?.name ?? "∅"} | ${p.cue ?? ""} | ${p.text}` });
    }
  }
  const found = prf(gold, proposed, matched);
  return {
    docs: docs.length,
    gold,
    proposed,
    matched,
    ...found,
    f1Speaker: prf(gold, proposed, rightOrUnscored).f1,
    speakerAcc: spkPairs ? spk / spkPairs : 0,
    speakerPairs: spkPairs,
    saidOnAcc: datePairs ? dates / datePairs : null,
    datePairs,
  };
}

// ---- Dates in the labelled sets --------------------------------------------------------------------------

const AR_DAY_OFFSETS: Record<string, number> = { اليوم: 0, أمس: -1, "أمس الأول": -2 };
const AR_WEEKDAYS = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"];

/** The day a labelled date word names: the relative words by their offset, a weekday as the latest such day on or before publication. */
export function dayOfDateWord(word: string, published: string): string {
  const day = new Date(`${published}T00:00:00Z`);
  const offset = AR_DAY_OFFSETS[word];
  const weekday = AR_WEEKDAYS.indexOf(word.replace(/^الإ/u, "الا"));
  if (offset !== undefined) day.setUTCDate(day.getUTCDate() + offset);
  else if (weekday >= 0) day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() - weekday + 7) % 7));
  else throw new Error(`fixture: unknown date word "${word}"`);
  return day.toISOString().slice(0, 10);
}

// ---- In-repository development sets (lib/extract/fixtures) ---------------------------------------------

interface FixtureDoc {
  id: string;
  published: string;
  known?: string[];
  text: string;
  statements: { content: string; speaker: string; kind: string; date?: string }[];
}

export const FIXTURE_DIR = path.join(import.meta.dirname, "fixtures");

/** A labelled set of lib/extract/fixtures: each statement's content must occur exactly once in its text. */
export function loadFixture(lang: "ar" | "en", set: "dev" | "heldout" | "saudinewsnet" = "dev"): EvalDoc[] {
  const file = path.join(FIXTURE_DIR, `${lang}-${set}.json`);
  const docs = JSON.parse(readFileSync(file, "utf8")) as FixtureDoc[];
  return docs.map((d) => ({
    id: d.id,
    lang,
    text: d.text,
    published: d.published,
    known: (d.known ?? []).map((name) => ({ name })),
    gold: d.statements.map((s) => {
      const start = d.text.indexOf(s.content);
      if (start < 0 || d.text.indexOf(s.content, start + 1) >= 0)
        throw new Error(`${file}, ${d.id}: the content must occur exactly once: ${s.content}`);
      return {
        start,
        end: start + s.content.length,
        speaker: s.speaker,
        scoreSpeaker: s.speaker.trim() !== "",
        saidOn: s.date ? dayOfDateWord(s.date, d.published) : null,
      };
    }),
  }));
}

// ---- Demo article (data/demo) ----------------------------------------------------------------------------

export const DEMO_PUBLISHED = "2016-11-19"; // a Saturday: أمس → Fri 18 Nov, الخميس → Thu 17 Nov
export const DEMO_DIR = path.resolve(import.meta.dirname, "..", "..", "data", "demo");

interface DemoGold {
  speakers: Record<string, { kind: string; names: Record<string, string>; aliases: string[] }>;
  statements: {
    speaker: string;
    speakerMention?: string | null;
    start: number;
    end: number;
    kind: string;
    relativeDate: string | null;
  }[];
}

export function loadDemoGold(): { text: string; gold: DemoGold } {
  const text = readFileSync(path.join(DEMO_DIR, "aleppo-article.ar.txt"), "utf8");
  const gold = JSON.parse(readFileSync(path.join(DEMO_DIR, "statements.gold.json"), "utf8")) as DemoGold;
  return { text, gold };
}

/** The gold speakers as the app's database holds them after seeding: English name as canonical name. */
export function demoKnownSpeakers(gold: DemoGold): KnownSpeaker[] {
  return Object.entries(gold.speakers).map(([key, s]) => ({
    name: s.names.en ?? key,
    kind: s.kind,
    aliases: s.aliases,
    names: s.names,
  }));
}

export function demoDoc(withKnown: boolean): EvalDoc {
  const { text, gold } = loadDemoGold();
  return {
    id: "demo",
    lang: "ar",
    text,
    published: DEMO_PUBLISHED,
    known: withKnown ? demoKnownSpeakers(gold) : [],
    gold: gold.statements.map((g) => {
      const sp = gold.speakers[g.speaker];
      return {
        start: g.start,
        end: g.end,
        speaker: g.speakerMention ?? sp?.names.ar ?? g.speaker,
        speakerNames: sp ? [...Object.values(sp.names), ...sp.aliases] : [],
        scoreSpeaker: true,
        saidOn: g.relativeDate ? dayOfDateWord(g.relativeDate, DEMO_PUBLISHED) : null,
      };
    }),
  };
}

// ---- German Wikinews (../shared) -------------------------------------------------------------------------

interface DeArticle {
  id: string;
  date: string;
  text: string;
  split: string;
}
interface DeQuote {
  article_id: string;
  type: string;
  isNested: boolean;
  speaker: string;
  quote_char_spans: [number, number][];
}

/** ../shared beside the repository (SHARED_DIR, relative to the repository, as tests/shared-data reads it). */
export const GERMAN_DIR = path.resolve(
  import.meta.dirname,
  "..",
  "..",
  process.env.SHARED_DIR ?? "../shared",
  "data",
  "extraction-dev",
  "de-wikinews",
);

const DE_PRONOUNS = new Set(["er", "sie", "es", "ich", "wir", "ihr", "man", "du"]);

/** The German split's articles with their non-nested gold quotations; throws naming the missing path. */
export function loadGerman(split: "train" | "dev", dir = GERMAN_DIR): EvalDoc[] {
  const a = path.join(dir, "articles.jsonl");
  const q = path.join(dir, "quotations.jsonl");
  for (const f of [a, q])
    if (!existsSync(f))
      throw new Error(`German development set not found: ${f} (it lives in ../shared/data/extraction-dev/de-wikinews)`);
  const lines = (f: string): string[] =>
    readFileSync(f, "utf8")
      .split("\n")
      .filter((l) => l.trim());
  const byArticle = new Map<string, DeQuote[]>();
  for (const quote of lines(q).map((l) => JSON.parse(l) as DeQuote)) {
    if (quote.isNested) continue;
    byArticle.set(quote.article_id, [...(byArticle.get(quote.article_id) ?? []), quote]);
  }
  return lines(a)
    .map((l) => JSON.parse(l) as DeArticle)
    .filter((art) => art.split === split)
    .map((art) => ({
      id: art.id,
      lang: "de" as const,
      text: art.text,
      published: art.date,
      gold: (byArticle.get(art.id) ?? []).map((quote) => {
        const speaker = quote.speaker.trim();
        return {
          start: Math.min(...quote.quote_char_spans.map((s) => s[0])),
          end: Math.max(...quote.quote_char_spans.map((s) => s[1])),
          speaker,
          scoreSpeaker: speaker !== "" && !DE_PRONOUNS.has(speaker.toLowerCase()),
          saidOn: null,
        };
      }),
    }));
}
