import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readLines } from "@/lib/import/read-lines";
import { STATEMENT_LIMITS, importLineSchema, parseImportLine, type ImportLine } from "./import-line";
import { parsePartialDate } from "./partial-date";
import { formatZodError, zodIssuesToMessages } from "./zod-messages";

const minimal = { text: "We will not give up.", language: "en", speaker: { name: "Jane Doe" } };

function line(overrides: Record<string, unknown>): string {
  return JSON.stringify({ ...minimal, ...overrides });
}

function speakerLine(overrides: Record<string, unknown>): string {
  return line({ speaker: { ...minimal.speaker, ...overrides } });
}

function sourceLine(overrides: Record<string, unknown>): string {
  return line({ source: overrides });
}

function parsed(raw: string): ImportLine {
  const result = parseImportLine(raw);
  if (!result.ok) throw new Error(`expected ${raw} to parse, got: ${result.reason}`);
  return result.value;
}

function reason(raw: string): string {
  const result = parseImportLine(raw);
  if (result.ok) throw new Error(`expected ${raw} to be rejected`);
  return result.reason;
}

const x = (n: number) => "x".repeat(n);

describe("parseImportLine: accepted lines", () => {
  it("fills defaults for a minimal line", () => {
    expect(parsed(JSON.stringify(minimal))).toEqual({
      externalId: null,
      text: "We will not give up.",
      language: "en",
      kind: "direct",
      speaker: { name: "Jane Doe", kind: "person", role: null, affiliation: null, aliases: [], wikidataId: null },
      saidOn: null,
      topics: [],
      source: null,
      context: null,
      reviews: [],
      reports: [],
    });
  });

  it("parses and normalises a full line", () => {
    const raw = JSON.stringify({
      externalId: " afp:2016-11-17.001 ",
      text: "  Wir schaffen das.  ",
      language: "de",
      kind: "indirect",
      speaker: {
        name: "  Angela   Merkel ",
        kind: "person",
        role: "Bundeskanzlerin",
        affiliation: "CDU",
        aliases: ["Merkel", " merkel ", "", "A. Merkel"],
        wikidataId: " q567 ",
      },
      saidOn: "2015-08-31",
      topics: ["Migration", "migration", "  Europa "],
      source: { url: "https://www.example.de/a?b=1", outlet: "Example", title: "Titel", publishedAt: "2015-09" },
      context: "Sommerpressekonferenz",
      somethingElse: { ignored: true },
    });
    expect(parsed(raw)).toEqual({
      externalId: "afp:2016-11-17.001",
      text: "Wir schaffen das.",
      language: "de",
      kind: "indirect",
      speaker: {
        name: "Angela Merkel",
        kind: "person",
        role: "Bundeskanzlerin",
        affiliation: "CDU",
        aliases: ["Merkel", "A. Merkel"],
        wikidataId: "Q567",
      },
      saidOn: parsePartialDate("2015-08-31"),
      topics: ["Migration", "Europa"],
      source: {
        url: "https://www.example.de/a?b=1",
        outlet: "Example",
        title: "Titel",
        publishedAt: parsePartialDate("2015-09"),
      },
      context: "Sommerpressekonferenz",
      reviews: [],
      reports: [],
    });
  });

  it("accepts null for every optional field", () => {
    const value = parsed(
      line({
        externalId: null,
        kind: null,
        saidOn: null,
        topics: null,
        source: null,
        context: null,
        speaker: { name: "X", kind: null, role: null, affiliation: null, aliases: null },
      }),
    );
    expect(value.kind).toBe("direct");
    expect(value.speaker.kind).toBe("person");
    expect(value.speaker.aliases).toEqual([]);
    expect(value.topics).toEqual([]);
    expect(value.source).toBeNull();
  });

  it("treats blank optional strings as absent", () => {
    const value = parsed(
      line({ externalId: " ", kind: "", saidOn: " ", context: "\n", source: { url: "", outlet: " ", title: null } }),
    );
    expect(value).toMatchObject({ externalId: null, kind: "direct", saidOn: null, context: null, source: null });
  });

  it("NFC-normalises text (decomposed é becomes one code point)", () => {
    expect(parsed(line({ text: "Me\u0301decins" })).text).toBe("M\u00e9decins");
  });

  it("strips NUL and other C0 controls but keeps \\n and \\t, turning CRLF into \\n", () => {
    expect(parsed(line({ text: "a\u0000b\u0007\tc\r\nd\re\u001b" })).text).toBe("ab\tc\nd\ne");
    expect(parsed(speakerLine({ name: "Jane\u0000 \nDoe" })).speaker.name).toBe("Jane Doe");
  });

  it("accepts language codes case-insensitively and kinds from the list", () => {
    expect(parsed(line({ language: " AR " })).language).toBe("ar");
    expect(parsed(line({ kind: "mixed" })).kind).toBe("mixed");
    expect(parsed(speakerLine({ kind: "organization" })).speaker.kind).toBe("organization");
    expect(parsed(speakerLine({ kind: "group" })).speaker.kind).toBe("group");
  });

  it("keeps non-Latin URLs as written", () => {
    const url = "http://aawsat.com/home/article/423486/صالح-القلاب";
    expect(parsed(sourceLine({ url })).source?.url).toBe(url);
  });

  it("accepts values exactly at the limits", () => {
    const L = STATEMENT_LIMITS;
    const value = parsed(
      line({
        externalId: x(L.externalIdMaxLength),
        text: x(L.textMaxLength),
        speaker: {
          name: x(L.speakerNameMaxLength),
          role: x(L.speakerRoleMaxLength),
          affiliation: x(L.speakerAffiliationMaxLength),
          aliases: Array.from({ length: L.aliasesMaxItems }, (_, i) => `${i}${x(L.aliasMaxLength - String(i).length)}`),
        },
        topics: Array.from({ length: L.topicsMaxItems }, (_, i) => `${i}${x(L.topicMaxLength - String(i).length)}`),
        context: x(L.contextMaxLength),
        source: {
          url: `https://e.com/${x(L.urlMaxLength - "https://e.com/".length)}`,
          outlet: x(L.outletMaxLength),
          title: x(L.titleMaxLength),
        },
      }),
    );
    expect(value.speaker.aliases).toHaveLength(L.aliasesMaxItems);
    expect(value.topics).toHaveLength(L.topicsMaxItems);
  });

  it("measures length after trimming", () => {
    expect(parsed(line({ text: ` ${x(STATEMENT_LIMITS.textMaxLength)} ` })).text).toHaveLength(10_000);
  });
});

describe("parseImportLine: rejected lines", () => {
  const L = STATEMENT_LIMITS;
  it.each<[string, string, string]>([
    ["not JSON", "{text:", "invalid JSON: "],
    ["empty line", "", "invalid JSON: "],
    ["array", "[]", "the line must be a JSON object, not an array"],
    ["null", "null", "the line must be a JSON object, not null"],
    ["string", '"hello"', "the line must be a JSON object, not a string"],
    ["number", "42", "the line must be a JSON object, not a number"],
    // required fields
    ["empty object", "{}", "text: is required"],
    ["missing text", JSON.stringify({ language: "en", speaker: { name: "X" } }), "text: is required"],
    ["null text", line({ text: null }), "text: is required"],
    ["blank text", line({ text: " \n\t " }), "text: is required"],
    ["text of control characters", line({ text: "\u0000\u0001" }), "text: is required"],
    ["text not a string", line({ text: 5 }), "text: must be a string"],
    ["text too long", line({ text: x(L.textMaxLength + 1) }), "text: must be at most 10000 characters"],
    ["missing language", JSON.stringify({ text: "t", speaker: { name: "X" } }), "language: is required"],
    ["blank language", line({ language: " " }), "language: is required"],
    [
      "unsupported language",
      line({ language: "xx" }),
      'language: "xx" is not a supported language (ar, de, en, es, fa, fr, he, it, nl, pt, ru, tr, zh)',
    ],
    ["language with region", line({ language: "en-US" }), 'language: "en-US" is not a supported language'],
    ["language not a string", line({ language: ["en"] }), "language: must be a string"],
    ["missing speaker", JSON.stringify({ text: "t", language: "en" }), "speaker.name: is required"],
    ["null speaker", line({ speaker: null }), "speaker.name: is required"],
    ["speaker not an object", line({ speaker: "Jane Doe" }), "speaker: must be an object"],
    ["speaker without name", line({ speaker: { kind: "person" } }), "speaker.name: is required"],
    ["blank speaker name", speakerLine({ name: "  " }), "speaker.name: is required"],
    ["speaker name not a string", speakerLine({ name: 7 }), "speaker.name: must be a string"],
    ["speaker name too long", speakerLine({ name: x(201) }), "speaker.name: must be at most 200 characters"],
    // optional fields with a wrong value
    ["externalId not a string", line({ externalId: 12 }), "externalId: must be a string"],
    ["externalId too long", line({ externalId: x(201) }), "externalId: must be at most 200 characters"],
    ["externalId with a space", line({ externalId: "a b" }), "externalId: may only contain A–Z, a–z, 0–9 and . _ : -"],
    ["externalId with a slash", line({ externalId: "a/b" }), "externalId: may only contain"],
    ["kind unknown", line({ kind: "quote" }), 'kind: "quote" must be one of direct, indirect, mixed'],
    ["kind wrong case", line({ kind: "Direct" }), 'kind: "Direct" must be one of direct, indirect, mixed'],
    ["kind not a string", line({ kind: true }), "kind: must be one of direct, indirect, mixed"],
    [
      "speaker kind unknown",
      speakerLine({ kind: "robot" }),
      'speaker.kind: "robot" must be one of person, organization, group',
    ],
    ["role not a string", speakerLine({ role: {} }), "speaker.role: must be a string"],
    ["role too long", speakerLine({ role: x(301) }), "speaker.role: must be at most 300 characters"],
    [
      "affiliation too long",
      speakerLine({ affiliation: x(301) }),
      "speaker.affiliation: must be at most 300 characters",
    ],
    ["aliases not an array", speakerLine({ aliases: "Jane" }), "speaker.aliases: must be an array of strings"],
    ["alias not a string", speakerLine({ aliases: ["a", 1] }), "speaker.aliases.1: must be a string"],
    ["alias too long", speakerLine({ aliases: [x(201)] }), "speaker.aliases.0: must be at most 200 characters"],
    [
      "wikidataId with a leading zero",
      speakerLine({ wikidataId: "Q0567" }),
      "speaker.wikidataId: must be a Wikidata id: Q followed by digits, like Q567",
    ],
    [
      "wikidataId not an item",
      speakerLine({ wikidataId: "P31" }),
      "speaker.wikidataId: must be a Wikidata id: Q followed by digits, like Q567",
    ],
    ["wikidataId not a string", speakerLine({ wikidataId: 567 }), "speaker.wikidataId: must be a string"],
    [
      "too many aliases",
      speakerLine({ aliases: Array.from({ length: 51 }, (_, i) => `a${i}`) }),
      "speaker.aliases: must have at most 50 items",
    ],
    ["saidOn impossible", line({ saidOn: "2016-13-40" }), 'saidOn: "2016-13-40" is not a real date'],
    ["saidOn 29 Feb of a common year", line({ saidOn: "2015-02-29" }), 'saidOn: "2015-02-29" is not a real date'],
    [
      "saidOn badly written",
      line({ saidOn: "17.11.2016" }),
      "saidOn: must be a date written YYYY, YYYY-MM or YYYY-MM-DD",
    ],
    ["saidOn a number", line({ saidOn: 2016 }), "saidOn: must be a date written YYYY, YYYY-MM or YYYY-MM-DD"],
    ["saidOn out of range", line({ saidOn: "0999" }), 'saidOn: "0999" is outside the years 1000–2999'],
    ["topics not an array", line({ topics: "economy" }), "topics: must be an array of strings"],
    ["topic not a string", line({ topics: [null] }), "topics.0: must be a string"],
    ["topic too long", line({ topics: [x(101)] }), "topics.0: must be at most 100 characters"],
    [
      "too many topics",
      line({ topics: Array.from({ length: 31 }, (_, i) => `t${i}`) }),
      "topics: must have at most 30 items",
    ],
    ["context not a string", line({ context: 1 }), "context: must be a string"],
    ["context too long", line({ context: x(5001) }), "context: must be at most 5000 characters"],
    ["source not an object", line({ source: "https://example.com" }), "source: must be an object"],
    ["source url not http", sourceLine({ url: "ftp://example.com/a" }), "source.url: must be an http(s) URL"],
    ["source url javascript:", sourceLine({ url: "javascript:alert(1)" }), "source.url: must be an http(s) URL"],
    ["source url relative", sourceLine({ url: "/news/1" }), "source.url: must be an http(s) URL"],
    ["source url without host", sourceLine({ url: "http://" }), "source.url: must be an http(s) URL"],
    ["source url not a string", sourceLine({ url: 1 }), "source.url: must be a string"],
    [
      "source url too long",
      sourceLine({ url: `https://e.com/${x(2000)}` }),
      "source.url: must be at most 2000 characters",
    ],
    ["outlet too long", sourceLine({ outlet: x(501) }), "source.outlet: must be at most 500 characters"],
    ["title too long", sourceLine({ title: x(501) }), "source.title: must be at most 500 characters"],
    [
      "publishedAt impossible",
      sourceLine({ publishedAt: "2016-02-30" }),
      'source.publishedAt: "2016-02-30" is not a real date',
    ],
  ])("%s", (_name, raw, expected) => {
    expect(reason(raw).startsWith(expected)).toBe(true);
  });

  it("quotes the JSON parser's message", () => {
    expect(reason("{text:")).toMatch(/^invalid JSON: .+/);
  });

  it("shortens a long offending value in the message", () => {
    const message = reason(line({ language: x(500) }));
    expect(message.length).toBeLessThan(150);
    expect(message).toContain("…");
  });

  it("lists every problem through zodIssuesToMessages", () => {
    const result = importLineSchema.safeParse({ text: "", language: "xx", speaker: { name: "" } });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(zodIssuesToMessages(result.error).map((m) => m.field)).toEqual(["text", "language", "speaker.name"]);
    expect(formatZodError(result.error)).toBe("text: is required");
  });
});

describe("parseImportLine: properties", () => {
  it("never throws on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (raw) => {
        const result = parseImportLine(raw);
        expect(typeof result.ok).toBe("boolean");
      }),
    );
  });

  it("never throws on arbitrary JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseImportLine(JSON.stringify(value) ?? "null");
        if (!result.ok) expect(result.reason).not.toBe("");
      }),
    );
  });

  it("never throws when the known keys hold arbitrary JSON, and names a field when it rejects", () => {
    const anyJson = fc.jsonValue({ maxDepth: 2 });
    const speaker = fc.record(
      { name: fc.oneof(fc.string(), anyJson), kind: anyJson, role: anyJson, affiliation: anyJson, aliases: anyJson },
      { requiredKeys: [] },
    );
    const source = fc.record(
      { url: anyJson, outlet: anyJson, title: anyJson, publishedAt: anyJson },
      { requiredKeys: [] },
    );
    const record = fc.record(
      {
        externalId: anyJson,
        text: fc.oneof(fc.string({ unit: "binary" }), anyJson),
        language: fc.oneof(fc.constantFrom("ar", "de", "en", "xx"), anyJson),
        kind: anyJson,
        speaker: fc.oneof(speaker, anyJson),
        saidOn: fc.oneof(fc.stringMatching(/^\d{4}(-\d{2}(-\d{2})?)?$/), anyJson),
        topics: anyJson,
        source: fc.oneof(source, anyJson),
        context: anyJson,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(record, (value) => {
        const result = parseImportLine(JSON.stringify(value));
        if (result.ok) return;
        expect(result.reason).toMatch(/^[a-zA-Z.0-9]+: /);
        // Every message is ours; zod's defaults ("Invalid input: expected …") must not leak.
        expect(result.reason).not.toMatch(/Invalid|expected/);
      }),
      { numRuns: 1000 },
    );
  });

  it("accepts every well-formed line and keeps its text (after cleaning)", () => {
    const nonBlank = fc.string({ minLength: 1, maxLength: 50 }).filter((s) => s.trim() !== "");
    const record = fc.record({
      text: nonBlank,
      language: fc.constantFrom("ar", "de", "en", "fa", "zh"),
      speaker: fc.record({ name: nonBlank }),
      saidOn: fc.constantFrom("2016", "2016-02", "2016-02-29", null),
    });
    fc.assert(
      fc.property(record, (value) => {
        const result = parseImportLine(JSON.stringify(value));
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.value.text).toBe(value.text.trim());
      }),
    );
  });
});

// Real corpus lines committed with the repository (data/fixtures; the whole corpora are
// checked by tests/shared-data/corpus-lines.test.ts).
const fixturesDir = path.resolve(import.meta.dirname, "../../data/fixtures");

describe("real corpus lines", () => {
  it.each([
    ["un-general-debate/un-general-debate.en.first-6500.jsonl.gz", 6_500],
    ["saudinewsnet/saudinewsnet-statements.ar.first-200.jsonl.gz", 200],
  ])("every line of %s parses", async (file, lines) => {
    const failures: string[] = [];
    let count = 0;
    for await (const { lineNumber, line: raw } of readLines(path.join(fixturesDir, file))) {
      const result = parseImportLine(raw);
      if (!result.ok) failures.push(`line ${lineNumber}: ${result.reason}`);
      count += 1;
    }
    expect(failures).toEqual([]);
    expect(count).toBe(lines);
  });
});
