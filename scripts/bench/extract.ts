// The extraction rows of `npm run bench`: the time to propose the statements of
// a 20,000-word article in Arabic, German and English, the way the curator's
// "paste an article" screen does (known speakers and topics read from the
// benchmark's database, then lib/extract), and the engine alone beside it.
// The articles are real text from ../shared (one article repeated, or articles
// one after another) cut at exactly 20,000 words.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import zlib from "node:zlib";
import type pg from "pg";
import { extractStatements } from "@/lib/extract/index";
import { loadKnownFor } from "@/lib/extract/known";
import { parseExtractRequest, proposeStatements } from "@/lib/extract/request";
import type { Lang } from "@/lib/extract/types";
import { percentile } from "./stats";

export const ARTICLE_WORDS = 20_000;

const shared = path.resolve(process.env.SHARED_DIR ?? "../shared");

/** `base` repeated (paragraph after paragraph) and cut after exactly `words` words. */
export function articleOfWords(base: string, words = ARTICLE_WORDS): string {
  if (!/\S/u.test(base)) throw new Error("bench: no text to build an article from");
  let text = "";
  let count = 0;
  while (count < words) {
    let previousEnd = 0;
    for (const match of base.matchAll(/\S+/gu)) {
      if (count === words) break;
      // The original spacing between words; a paragraph break between repetitions.
      if (text !== "") text += previousEnd === 0 ? "\n\n" : base.slice(previousEnd, match.index);
      text += match[0];
      previousEnd = (match.index ?? 0) + match[0].length;
      count++;
    }
  }
  return text;
}

async function firstLines(file: string, enough: (lines: string[]) => boolean): Promise<string[]> {
  const input = fs.createReadStream(file);
  const lines = readline.createInterface({
    input: file.endsWith(".gz") ? input.pipe(zlib.createGunzip()) : input,
    crlfDelay: Infinity,
  });
  const out: string[] = [];
  for await (const line of lines) {
    if (line.trim()) out.push(line);
    if (enough(out)) break;
  }
  lines.close();
  input.destroy();
  return out;
}

const wordCount = (texts: string[]) => texts.reduce((n, t) => n + (t.match(/\S+/gu)?.length ?? 0), 0);

/** The real texts each language's article is made of, with where they come from; null when ../shared lacks them. */
async function baseTexts(): Promise<Array<{ lang: Lang; from: string; text: string }>> {
  const out: Array<{ lang: Lang; from: string; text: string }> = [];
  const demo = path.join(shared, "data", "seed", "aleppo-article.ar.txt");
  if (fs.existsSync(demo))
    out.push({ lang: "ar", from: "the demo Aleppo report", text: fs.readFileSync(demo, "utf8") });
  const wikinews = path.join(shared, "data", "extraction-dev", "de-wikinews", "articles.jsonl");
  if (fs.existsSync(wikinews)) {
    const texts = (
      await firstLines(
        wikinews,
        (lines) => wordCount(lines.map((l) => (JSON.parse(l) as { text: string }).text)) >= ARTICLE_WORDS,
      )
    ).map((l) => (JSON.parse(l) as { text: string }).text);
    out.push({ lang: "de", from: `${texts.length} German Wikinews articles`, text: texts.join("\n\n") });
  }
  const un = path.join(shared, "data", "corpus", "un-general-debate.en.jsonl.gz");
  if (fs.existsSync(un)) {
    const texts = (
      await firstLines(
        un,
        (lines) => wordCount(lines.map((l) => (JSON.parse(l) as { text: string }).text)) >= ARTICLE_WORDS,
      )
    ).map((l) => (JSON.parse(l) as { text: string }).text);
    out.push({ lang: "en", from: `${texts.length} UN General Debate paragraphs`, text: texts.join("\n\n") });
  }
  return out;
}

function time(run: () => unknown, samples: number): number[] {
  run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return times;
}

const ms = (n: number) => n.toFixed(1);

/** One row per language: the whole proposal (database's known speakers and topics + extraction), p50 / p95; the engine alone in the note. */
export async function benchExtraction(pool: pg.Pool, samples = 30): Promise<string[][]> {
  const rows: string[][] = [];
  const n = Math.max(3, Math.min(samples, 10));
  for (const { lang, from, text: base } of await baseTexts()) {
    const text = articleOfWords(base);
    const parsed = parseExtractRequest({ text, language: lang, publishedOn: "2016-11-19" });
    if (!parsed.ok) throw new Error(`bench: ${JSON.stringify(parsed.fields)}`);
    let proposals = 0;
    let known = 0;
    const full: number[] = [];
    for (let i = 0; i <= n; i++) {
      const started = performance.now();
      const entities = await loadKnownFor(pool, text);
      proposals = proposeStatements(parsed.value, entities).proposals.length;
      known = entities.speakers.length;
      if (i > 0) full.push(performance.now() - started); // the first is a warm-up
    }
    const engine = time(() => extractStatements({ text, lang, published: "2016-11-19" }), n);
    rows.push([
      `extract a ${ARTICLE_WORDS.toLocaleString("en")}-word article (${lang}; ${from}${wordCount([base]) < ARTICLE_WORDS ? ", repeated" : ""})`,
      `p50 ${ms(percentile(full, 50))} ms`,
      `p95 ${ms(percentile(full, 95))} ms`,
      "",
      `${proposals.toLocaleString("en")} proposals, ${known} known speakers in the text; engine alone p50 ${ms(percentile(engine, 50))} ms`,
    ]);
  }
  return rows;
}
