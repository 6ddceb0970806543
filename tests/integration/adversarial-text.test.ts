import { describe, expect, it } from "vitest";
import { extractStatements } from "@/lib/extract";
import { proposeStatements } from "@/lib/extract/request";
import { highlightRanges } from "@/lib/search/highlight";
import { normalizeForSearch, normalizeQuery, normalizeToken } from "@/lib/text/arabic";
import { suggestLanguage } from "@/lib/text/suggest-language";
import { parseImportLine } from "@/lib/validation/import-line";
import { adversarialTexts, repeatToBytes } from "../support/adversarial-text";

// Every function that loops over user text, called directly on hostile 1 MB inputs. Each must finish
// well within 5 s: linear work on 1 MB takes well under a second here, and the quadratic code these
// tests were written against took from 5 s to 17 minutes on the same inputs.
const WITHIN_MS = 5_000;

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

describe("the extractor on hostile 1 MB articles", () => {
  for (const { name, lang, text } of adversarialTexts()) {
    it(`reads "${name}" in linear time`, () => {
      const { value, ms } = timed(() => extractStatements({ text, lang, published: "2016-11-19" }));
      expect(ms).toBeLessThan(WITHIN_MS);
      for (const s of value.statements) expect(s.end).toBeGreaterThan(s.start);
      // The curator screen's whole answer (language guess, quotation check, topics) too.
      const answer = timed(() =>
        proposeStatements(
          { text, language: lang, unsupportedLanguage: null, publishedOn: null, source: null },
          { speakers: [], topics: [] },
        ),
      );
      expect(answer.ms).toBeLessThan(WITHIN_MS);
      expect(answer.value.proposals.length).toBeLessThanOrEqual(1_000);
    });
  }
});

describe("search text functions on hostile input", () => {
  const texts = adversarialTexts();
  it("Arabic normalisation is linear, a 1 MB word of clitics included", () => {
    const clitics = repeatToBytes("و");
    const { value, ms } = timed(() => normalizeToken(clitics));
    expect(ms).toBeLessThan(WITHIN_MS);
    // Stripping stops with three letters left, as for any word.
    expect(value).toBe("ووو");
    for (const { text } of texts) expect(timed(() => normalizeForSearch(text)).ms).toBeLessThan(WITHIN_MS);
    expect(timed(() => normalizeQuery(repeatToBytes('"و -'))).ms).toBeLessThan(WITHIN_MS);
  });

  it("the highlighter is linear in the text and the query", () => {
    for (const { text } of texts) {
      const { value, ms } = timed(() => highlightRanges(text, "said قال sagte a"));
      expect(ms).toBeLessThan(WITHIN_MS);
      expect(value.length).toBeLessThanOrEqual(200);
    }
    expect(timed(() => highlightRanges("said", repeatToBytes('-"said '))).ms).toBeLessThan(WITHIN_MS);
  });

  it("the language guess is linear", () => {
    for (const { text } of texts) expect(timed(() => suggestLanguage(text)).ms).toBeLessThan(WITHIN_MS);
  });
});

describe("the importer's line checks on hostile lines", () => {
  it("refuses a 1 MB text by its limit, quickly, naming the field", () => {
    for (const { text } of adversarialTexts()) {
      const line = JSON.stringify({ externalId: "x", text, language: "en", speaker: { name: text.slice(0, 100_000) } });
      const { value, ms } = timed(() => parseImportLine(line));
      expect(ms).toBeLessThan(WITHIN_MS);
      expect(value.ok).toBe(false);
      if (!value.ok) expect(value.reason).toMatch(/text: must be at most 10000 characters/);
    }
  });

  it("reads a line of deep nesting or endless escapes without going quadratic", () => {
    const nested = "[".repeat(200_000) + "]".repeat(200_000);
    const escapes = JSON.stringify({ text: repeatToBytes('\\u0000"') });
    for (const line of [nested, escapes, repeatToBytes("{"), repeatToBytes('"')]) {
      const { value, ms } = timed(() => parseImportLine(line));
      expect(ms).toBeLessThan(WITHIN_MS);
      expect(value.ok).toBe(false);
    }
  });
});
