import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractStatements } from "./index";
import {
  loadKnownSpeakers,
  loadKnownTopics,
  textWordSet,
  type KnownEntities,
  type KnownQueryable,
  type KnownSpeakerRecord,
  type KnownTopicRecord,
} from "./known";
import {
  EXTRACT_LIMITS,
  parseAcceptRequest,
  parseExtractRequest,
  proposeStatements,
  suggestTopics,
  unpairedQuote,
  type ExtractRequest,
} from "./request";

// The request checks and the answer of the extraction assistant, without a
// database (tests/integration/extract-known.test.ts reads a real one).

// The demo data is part of the repository (data/demo): a missing file fails the run, it never skips.
const demoDir = path.resolve(import.meta.dirname, "../../data/demo");
const demoText = readFileSync(path.join(demoDir, "aleppo-article.ar.txt"), "utf8");
type GoldSpeaker = {
  kind: "person" | "organization" | "group";
  names: { ar?: string; en?: string; de?: string };
  aliases?: string[];
};
const gold = JSON.parse(readFileSync(path.join(demoDir, "statements.gold.json"), "utf8")) as {
  speakers: Record<string, GoldSpeaker>;
  statements: Array<{ speaker: string }>;
};

/** The demo's speakers as the database holds them (lib/seed/demo.ts): canonical name = English name. */
function demoSpeakers(): KnownSpeakerRecord[] {
  return Object.entries(gold.speakers).map(([slug, s], i) => ({
    id: 100 + i,
    slug,
    kind: s.kind,
    name: s.names.en ?? s.names.ar ?? slug,
    names: s.names,
    aliases: s.aliases ?? [],
    role: null,
    affiliation: null,
  }));
}

const topic = (id: number, slug: string, ...forms: string[]): KnownTopicRecord => ({
  id,
  slug,
  name: forms[0]!,
  names: { en: forms[0]! },
  forms,
});

function request(input: Record<string, unknown>): ExtractRequest {
  const parsed = parseExtractRequest(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
  return parsed.value;
}

const none: KnownEntities = { speakers: [], topics: [] };
const fieldsOf = (input: unknown) => {
  const parsed = parseExtractRequest(input);
  return parsed.ok ? [] : parsed.fields;
};

describe("parseExtractRequest: bad input is named, never thrown", () => {
  it("empty, missing or non-string text names text", () => {
    for (const text of ["", "   \n\t", undefined, null]) {
      const fields = fieldsOf({ text, language: "en" });
      expect(fields.map((f) => f.field)).toEqual(["text"]);
      expect(fields[0]!.message).toMatch(/paste the article/);
    }
    expect(fieldsOf({ text: 42 })).toEqual([{ field: "text", message: "must be a string" }]);
  });

  it("text over 1 MB names text and says the limit", () => {
    const big = "a".repeat(EXTRACT_LIMITS.textMaxBytes + 1);
    const [problem] = fieldsOf({ text: big });
    expect(problem?.field).toBe("text");
    expect(problem?.message).toMatch(/at most 1 MB \(1,000,000 bytes/);
    // Bytes, not characters: 500,001 Arabic letters are over 1 MB of UTF-8.
    expect(fieldsOf({ text: "ب".repeat(500_001) })[0]?.field).toBe("text");
    expect(fieldsOf({ text: "ب".repeat(499_999) })).toEqual([]);
  });

  it("impossible or malformed publishedOn names publishedOn", () => {
    const cases: Array<[unknown, RegExp]> = [
      ["2016-02-30", /not a real date/],
      ["2016-13-01", /not a real date/],
      ["19/11/2016", /YYYY-MM-DD/],
      ["yesterday", /YYYY-MM-DD/],
      ["2016-11", /whole day/],
      ["0999-01-01", /outside the years/],
      [20161119, /YYYY-MM-DD/],
      [{ y: 2016 }, /YYYY-MM-DD/],
    ];
    for (const [publishedOn, message] of cases) {
      const fields = fieldsOf({ text: "The mayor said the bridge would reopen.", publishedOn });
      expect(
        fields.map((f) => f.field),
        String(publishedOn),
      ).toEqual(["publishedOn"]);
      expect(fields[0]!.message).toMatch(message);
    }
    expect(fieldsOf({ text: "x y z", publishedOn: "" })).toEqual([]);
    expect(fieldsOf({ text: "x y z", publishedOn: "2016-02-29" })).toEqual([]);
  });

  it("names every wrong field at once, and the body when it is not an object", () => {
    const fields = fieldsOf({
      text: "",
      language: 7,
      publishedOn: "2016-02-30",
      source: { url: "javascript:alert(1)", outlet: 3 },
    });
    expect(fields.map((f) => f.field).sort()).toEqual([
      "language",
      "publishedOn",
      "source.outlet",
      "source.url",
      "text",
    ]);
    for (const junk of [null, 42, "text", [], undefined]) expect(fieldsOf(junk).map((f) => f.field)).toEqual(["body"]);
    expect(fieldsOf({ text: "x", source: "Reuters" }).map((f) => f.field)).toEqual(["source"]);
  });

  it("an unsupported language is not an error: it is answered with a note and no proposals", () => {
    const req = request({ text: "Le ministre a dit que le pont serait rouvert.", language: "FR" });
    expect(req.language).toBeNull();
    expect(req.unsupportedLanguage).toBe("fr");
    const answer = proposeStatements(req, none);
    expect(answer.proposals).toEqual([]);
    expect(answer.notes.map((n) => n.code)).toEqual(["unsupported_language"]);
    expect(answer.notes[0]!.message).toMatch(/Arabic, German and English/);
  });
});

describe("proposeStatements: what cannot be read is a note", () => {
  it("suggests the language when none is given", () => {
    const answer = proposeStatements(
      request({ text: "The mayor said on Tuesday that the bridge would reopen.", publishedOn: "2024-03-09" }),
      none,
    );
    expect(answer.language).toBe("en");
    expect(answer.languageSource).toBe("suggested");
    expect(answer.notes.map((n) => n.code)).toEqual(["language_suggested"]);
    expect(answer.proposals[0]).toMatchObject({
      n: 1,
      text: "the bridge would reopen",
      saidOn: "2024-03-05",
      dateUnresolved: false,
    });
    expect(answer.proposals[0]!.speaker).toMatchObject({
      name: "The mayor",
      mention: "The mayor",
      speakerId: null,
      newSpeaker: { name: "The mayor", kind: "person" },
    });
  });

  it("another script: no proposals and a note; no letters at all: a note", () => {
    const russian = proposeStatements(request({ text: "Министр заявил, что мост будет открыт." }), none);
    expect(russian.proposals).toEqual([]);
    expect(russian.notes).toEqual([
      expect.objectContaining({ code: "unsupported_language", values: { language: "ru" } }),
    ]);
    expect(proposeStatements(request({ text: "12345 … 678" }), none).notes.map((n) => n.code)).toEqual(["no_language"]);
    const mismatch = proposeStatements(
      request({ text: "وقال الوزير إن الاجتماع عقد.", language: "de", publishedOn: "2016-11-19" }),
      none,
    );
    expect(mismatch.proposals).toEqual([]);
    expect(mismatch.notes.map((n) => n.code)).toEqual(["language_mismatch", "no_statements"]);
  });

  it("no statements: an empty list and a note", () => {
    const answer = proposeStatements(
      request({ text: "Die Sonne schien den ganzen Tag über dem Hafen.", language: "de", publishedOn: "2020-05-01" }),
      none,
    );
    expect(answer.proposals).toEqual([]);
    expect(answer.notes.map((n) => n.code)).toEqual(["no_statements"]);
  });

  it("unbalanced quotes: what can be read is proposed, with a note", () => {
    const text = "„Das ist unfair, sagte der Trainer, die Schiedsrichter hätten versagt. Er sagte, er sei enttäuscht.";
    const answer = proposeStatements(request({ text, language: "de", publishedOn: "2020-05-01" }), none);
    expect(answer.proposals.length).toBeGreaterThan(0);
    expect(answer.notes).toEqual([
      expect.objectContaining({ code: "unbalanced_quotes", values: { mark: "„", offset: 1 } }),
    ]);
    expect(unpairedQuote("«مغلق» و«غير مغلق", "ar")).toEqual({ mark: "«", offset: 8 });
    expect(unpairedQuote("He is 5'10\" tall, “she said”.", "en")).toBeNull();
  });

  it("more statements than a curator can check: the first 1,000 are proposed, with a note", () => {
    const text = Array.from({ length: 1_100 }, (_, i) => `The minister said the bridge number ${i} would reopen.`).join(
      " ",
    );
    const answer = proposeStatements(request({ text, language: "en", publishedOn: "2020-01-01" }), none);
    expect(answer.proposals).toHaveLength(EXTRACT_LIMITS.maxProposals);
    expect(answer.notes).toEqual([
      expect.objectContaining({ code: "too_many", values: { total: 1_100, shown: 1_000 } }),
    ]);
  });

  it("without a publication day, relative dates stay unresolved and are counted; absolute ones with a year stay", () => {
    const text =
      "The minister said yesterday that talks would resume. On 3 March 2024 the mayor said the bridge would reopen.";
    const without = proposeStatements(request({ text, language: "en" }), none);
    expect(without.proposals.map((p) => [p.saidOn, p.dateUnresolved])).toEqual([
      [null, true],
      ["2024-03-03", false],
    ]);
    expect(without.notes).toEqual([expect.objectContaining({ code: "no_publication_date", values: { count: 1 } })]);
    const dated = proposeStatements(request({ text, language: "en", publishedOn: "2024-03-09" }), none);
    expect(dated.proposals.map((p) => p.saidOn)).toEqual(["2024-03-08", "2024-03-03"]);
    expect(dated.notes).toEqual([]);
  });

  it("the demo article: 18 proposals linked to known speaker ids, relative dates resolved or flagged", () => {
    const speakers = demoSpeakers();
    const merkel = speakers.find((s) => s.slug === "angela-merkel")!;
    const answer = proposeStatements(
      request({ text: demoText, publishedOn: "2016-11-19", source: { outlet: "Demo", url: "https://example.org/a" } }),
      { speakers, topics: [] },
    );
    expect(answer.language).toBe("ar");
    expect(answer.proposals).toHaveLength(18);
    for (const p of answer.proposals) expect(p.speaker?.speakerId, p.text).toBeGreaterThanOrEqual(100);
    expect(answer.proposals.map((p) => speakers.find((s) => s.id === p.speaker?.speakerId)?.slug)).toEqual(
      gold.statements.map((s) => s.speaker),
    );
    expect(answer.proposals.filter((p) => p.speaker?.speakerId === merkel.id).map((p) => p.saidOn)).toEqual([
      "2016-11-17",
      null,
    ]);
    expect(answer.source).toEqual({ outlet: "Demo", url: "https://example.org/a", title: null });
    const undated = proposeStatements(request({ text: demoText }), { speakers, topics: [] });
    expect(undated.proposals.filter((p) => p.dateUnresolved)).toHaveLength(2);
    expect(undated.notes.find((n) => n.code === "no_publication_date")?.values).toEqual({ count: 2 });
  });
});

describe("speakers and topics", () => {
  it("namesakes: linked when the mention tells them apart, else offered as candidates", () => {
    const smithA: KnownSpeakerRecord = {
      id: 1,
      slug: "john-smith",
      kind: "person",
      name: "John Smith",
      names: { en: "John Smith" },
      aliases: ["Senator Smith"],
      role: null,
      affiliation: "Senate",
    };
    const smithB: KnownSpeakerRecord = {
      id: 2,
      slug: "john-smith-2",
      kind: "person",
      name: "John Smith",
      names: { en: "John Smith" },
      aliases: ["Coach Smith"],
      role: null,
      affiliation: "Club",
    };
    const a = proposeStatements(
      request({ text: "Senator Smith said the budget was balanced.", language: "en", publishedOn: "2020-01-01" }),
      { speakers: [smithA, smithB], topics: [] },
    );
    expect(a.proposals[0]?.speaker).toMatchObject({
      speakerId: 1,
      slug: "john-smith",
      candidates: [],
      newSpeaker: null,
    });
    const b = proposeStatements(
      request({ text: "John Smith said the budget was balanced.", language: "en", publishedOn: "2020-01-01" }),
      { speakers: [smithA, smithB], topics: [] },
    );
    expect(b.proposals[0]?.speaker).toMatchObject({ speakerId: null, newSpeaker: null });
    expect(b.proposals[0]?.speaker?.candidates.map((c) => c.id)).toEqual([1, 2]);
  });

  it("topics: named in the statement 0.9, in its sentence 0.7, all words of a longer name nearby 0.5, else none", () => {
    const text =
      "The drought minister said on Tuesday that farmers need help with water supply. Another sentence is about the war.";
    const matchers = [
      topic(1, "drought", "drought"),
      topic(2, "farmers", "Farmers"),
      topic(3, "water-supply", "water supply"),
      topic(4, "drought-help", "drought help"),
      topic(5, "war", "war"),
    ].map((t) => ({
      topic: t,
      forms: t.forms.map((f) => f.toLowerCase().split(" ")),
    }));
    const [s] = extractStatements({ text, lang: "en", published: "2020-01-01" }).statements;
    expect(s?.text).toBe("farmers need help with water supply");
    const found = suggestTopics(text, s!, matchers);
    expect(found.map((t) => [t.slug, t.confidence])).toEqual([
      ["farmers", 0.9],
      ["water-supply", 0.9],
      ["drought", 0.7],
      ["drought-help", 0.5],
    ]);
  });

  it("topics in Arabic match through clitics and the article", () => {
    const answer = proposeStatements(
      request({ text: "وقال الوزير إن القصف على حلب استمر طوال الليل.", language: "ar", publishedOn: "2016-11-19" }),
      {
        speakers: [],
        topics: [
          { id: 9, slug: "aleppo", name: "Aleppo", names: { en: "Aleppo", ar: "حلب" }, forms: ["Aleppo", "حلب"] },
        ],
      },
    );
    expect(answer.proposals[0]?.topics).toEqual([
      { id: 9, slug: "aleppo", name: "Aleppo", names: { en: "Aleppo", ar: "حلب" }, confidence: 0.9 },
    ]);
  });
});

describe("known.ts: filtering by the text's words changes no result", () => {
  const rowsOf = (speakers: KnownSpeakerRecord[]) =>
    speakers.map((s) => ({
      id: s.id,
      slug: s.slug,
      kind: s.kind,
      name: s.name,
      name_ar: s.names?.ar ?? null,
      name_en: s.names?.en ?? null,
      name_de: s.names?.de ?? null,
      aliases: s.aliases ?? [],
      role: null,
      affiliation: null,
    }));
  const fakeDb = (rows: unknown[]): KnownQueryable => ({ query: async () => ({ rows }) }) as unknown as KnownQueryable;

  it("the demo article with its speakers among 2,000 others: same proposals, and only the article's speakers are kept", async () => {
    const others: KnownSpeakerRecord[] = Array.from({ length: 2000 }, (_, i) => ({
      id: 10_000 + i,
      slug: `other-${i}`,
      kind: "person",
      name: `Person Number${i} Elsewhere`,
      names: {},
      aliases: [`Number${i}`],
      role: null,
      affiliation: null,
    }));
    const all = [...demoSpeakers(), ...others];
    const filtered = await loadKnownSpeakers(fakeDb(rowsOf(all)), demoText);
    expect(filtered.map((s) => s.slug).sort()).toEqual(Object.keys(gold.speakers).sort());
    const run = (knownSpeakers: KnownSpeakerRecord[]) =>
      extractStatements({ text: demoText, lang: "ar", published: "2016-11-19", knownSpeakers }).statements;
    expect(run(filtered)).toEqual(run(all));
    expect(await loadKnownSpeakers(fakeDb(rowsOf(all)))).toHaveLength(all.length);
  });

  it("topics are kept when all the words of one of their names occur", async () => {
    const rows = [
      { id: 1, slug: "aleppo", name: "Aleppo", name_ar: "حلب", name_en: "Aleppo", name_de: null },
      { id: 2, slug: "refugees", name: "Refugees", name_ar: "اللاجئون", name_en: "Refugees", name_de: "Flüchtlinge" },
    ];
    const kept = await loadKnownTopics(fakeDb(rows), "وقال الوزير إن القصف على حلب استمر.");
    expect(kept.map((t) => t.slug)).toEqual(["aleppo"]);
    expect(kept[0]?.names).toEqual({ ar: "حلب", en: "Aleppo" });
    expect(textWordSet("Angela Merkel sagte").has("angela")).toBe(true);
  });
});

describe("parseAcceptRequest", () => {
  const item = (extra: Record<string, unknown> = {}) => ({
    text: "Words said.",
    language: "en",
    kind: "direct",
    speakerId: 1,
    ...extra,
  });

  it("attaches the article's source and the status to every statement", () => {
    const parsed = parseAcceptRequest({
      status: "published",
      source: { url: "https://example.org/a", outlet: "Example", title: "A", publishedOn: "2016-11-19" },
      statements: [
        item(),
        item({ speakerId: null, newSpeaker: { name: "New One", kind: "group" }, status: "draft", sources: [] }),
      ],
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    for (const form of parsed.value.forms) {
      expect(form.status).toBe("published");
      expect(form.sources).toEqual([
        {
          url: "https://example.org/a",
          outlet: "Example",
          title: "A",
          publishedOn: expect.objectContaining({ iso: "2016-11-19" }),
        },
      ]);
    }
    expect(parsed.value.forms[1]?.newSpeaker).toEqual({ name: "New One", kind: "group" });
  });

  it("names each problem by its place: statements.N.field, source.field, status, statements", () => {
    const parsed = parseAcceptRequest({
      status: "retracted",
      source: { url: "ftp://x", publishedOn: "2016-02-30" },
      statements: [item(), item({ text: "" }), "junk", item({ speakerId: null }), item({ saidOn: "yesterday" })],
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fields.map((f) => f.field).sort()).toEqual([
      "source.publishedOn",
      "source.url",
      "statements.1.text",
      "statements.2",
      "statements.3.speakerId",
      "statements.4.saidOn",
      "status",
    ]);
    const empty = parseAcceptRequest({ statements: [] });
    expect(empty.ok ? [] : empty.fields).toEqual([
      { field: "statements", message: "is empty: accept at least one proposal" },
    ]);
    const missing = parseAcceptRequest({});
    expect(missing.ok ? [] : missing.fields.map((f) => f.field)).toEqual(["statements"]);
    const tooMany = parseAcceptRequest({
      statements: Array.from({ length: EXTRACT_LIMITS.acceptMaxStatements + 1 }, () => item()),
    });
    expect(tooMany.ok ? [] : tooMany.fields.map((f) => f.field)).toEqual(["statements"]);
    expect(parseAcceptRequest([]).ok).toBe(false);
  });

  it("a statement without a source is saved without one", () => {
    const parsed = parseAcceptRequest({ statements: [item()] });
    expect(parsed.ok && parsed.value.forms[0]?.sources).toEqual([]);
    expect(parsed.ok && parsed.value.status).toBe("draft");
  });
});
