import { describe, expect, it } from "vitest";
import { parseImportLine } from "@/lib/validation/import-line";
import { parsePartialDate } from "@/lib/validation/partial-date";
import { importFormatJsonLine, toImportFormat } from "./jsonl";
import type { ExportStatement } from "./statements";

function statement(overrides: Partial<ExportStatement> = {}): ExportStatement {
  return {
    id: 3,
    externalId: "un-1999-12",
    text: "We call for an immediate ceasefire.\nNow.",
    language: "en",
    kind: "direct",
    speaker: {
      slug: "ms-example",
      name: "Ms. Example",
      kind: "person",
      role: "Envoy",
      affiliation: "Utopia",
      aliases: ["مس إكزامبل"],
      wikidataId: "Q12345",
    },
    saidOn: parsePartialDate("1999-12-03"),
    saidOnApproximate: true,
    topics: [{ slug: "peace", name: "Peace" }],
    reports: [
      {
        source: {
          url: "https://example.org/speech",
          outlet: "Example Daily",
          title: "Speech",
          publishedOn: parsePartialDate("1999-12"),
        },
        text: null,
        reportedOn: parsePartialDate("1999-12"),
      },
    ],
    context: "At the General Debate.",
    attribution: "secondary",
    reviews: [
      {
        id: 1,
        rating: "Mostly true",
        ratingValue: 4,
        bestRating: 5,
        worstRating: 1,
        reviewer: { name: "Fact Desk", url: "https://factdesk.example" },
        url: "https://factdesk.example/r/1",
        reviewedOn: parsePartialDate("1999-12-05")!,
      },
    ],
    ...overrides,
  };
}

describe("JSON Lines in the import format", () => {
  it("writes every field of the import contract, which the importer reads back unchanged", () => {
    const line = importFormatJsonLine(statement());
    expect(line.endsWith("\n")).toBe(true);
    expect(line.trimEnd()).not.toContain("\n");
    expect(JSON.parse(line)).toEqual({
      externalId: "un-1999-12",
      text: "We call for an immediate ceasefire.\nNow.",
      language: "en",
      kind: "direct",
      speaker: {
        name: "Ms. Example",
        kind: "person",
        role: "Envoy",
        affiliation: "Utopia",
        aliases: ["مس إكزامبل"],
        wikidataId: "Q12345",
      },
      saidOn: "1999-12-03",
      topics: ["Peace"],
      source: { url: "https://example.org/speech", outlet: "Example Daily", title: "Speech", publishedAt: "1999-12" },
      context: "At the General Debate.",
      reviews: [
        {
          rating: "Mostly true",
          ratingValue: 4,
          bestRating: 5,
          worstRating: 1,
          reviewer: { name: "Fact Desk", url: "https://factdesk.example" },
          url: "https://factdesk.example/r/1",
          reviewedOn: "1999-12-05",
        },
      ],
    });
    const parsed = parseImportLine(line.trimEnd());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toMatchObject({
      externalId: "un-1999-12",
      text: "We call for an immediate ceasefire.\nNow.",
      speaker: {
        name: "Ms. Example",
        kind: "person",
        role: "Envoy",
        affiliation: "Utopia",
        aliases: ["مس إكزامبل"],
        wikidataId: "Q12345",
      },
      topics: ["Peace"],
      source: { url: "https://example.org/speech", outlet: "Example Daily", title: "Speech" },
      context: "At the General Debate.",
    });
    expect(parsed.value.saidOn?.iso).toBe("1999-12-03");
    expect(parsed.value.source?.publishedAt?.iso).toBe("1999-12");
    expect(parsed.value.reviews).toEqual([
      {
        rating: "Mostly true",
        ratingValue: 4,
        bestRating: 5,
        worstRating: 1,
        reviewer: { name: "Fact Desk", url: "https://factdesk.example" },
        url: "https://factdesk.example/r/1",
        reviewedOn: parsePartialDate("1999-12-05"),
      },
    ]);
  });

  it("leaves out what has no value, and gives a curator's statement no externalId (the importer derives one)", () => {
    const line = toImportFormat(
      statement({
        externalId: null,
        saidOn: null,
        topics: [],
        reports: [
          { source: { url: null, outlet: "Radio", title: null, publishedOn: null }, text: null, reportedOn: null },
        ],
        context: null,
        reviews: [],
        speaker: { slug: "x", name: "X", kind: "group", role: null, affiliation: null, aliases: [], wikidataId: null },
      }),
    );
    expect(line).toEqual({
      text: "We call for an immediate ceasefire.\nNow.",
      language: "en",
      kind: "direct",
      speaker: { name: "X", kind: "group" },
      source: { outlet: "Radio" },
    });
    expect(parseImportLine(JSON.stringify(line)).ok).toBe(true);
    expect(toImportFormat(statement({ reports: [] }))).not.toHaveProperty("source");
    expect(toImportFormat(statement({ reports: [] }))).not.toHaveProperty("reports");
  });

  it("writes the first report as `source` and the others as `reports`, each with its own wording and date when they differ", () => {
    const report = (outlet: string, publishedOn: string, text: string | null, reportedOn: string) => ({
      source: {
        url: `https://${outlet.toLowerCase()}.example/a`,
        outlet,
        title: null,
        publishedOn: parsePartialDate(publishedOn),
      },
      text,
      reportedOn: parsePartialDate(reportedOn),
    });
    const line = toImportFormat(
      statement({
        reports: [
          report("First", "1999-12-03", null, "1999-12-03"),
          report("Second", "1999-12-04", "We call for a ceasefire now.", "1999-12-04"),
          // Its own wording is the statement's (stored without text), reported later than its page is dated.
          report("Third", "1999-12", "We call for an immediate ceasefire.\nNow.", "2000-01-10"),
          // No field at all: the importer would take it for no source.
          { source: { url: null, outlet: null, title: null, publishedOn: null }, text: null, reportedOn: null },
        ],
      }),
    );
    expect(line.source).toEqual({ url: "https://first.example/a", outlet: "First", publishedAt: "1999-12-03" });
    expect(line.reports).toEqual([
      {
        source: { url: "https://second.example/a", outlet: "Second", publishedAt: "1999-12-04" },
        text: "We call for a ceasefire now.",
      },
      { source: { url: "https://third.example/a", outlet: "Third", publishedAt: "1999-12" }, reportedOn: "2000-01-10" },
    ]);
    const parsed = parseImportLine(JSON.stringify(line));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.reports.map((r) => [r.source.outlet, r.text, r.reportedOn?.iso ?? null])).toEqual([
      ["Second", "We call for a ceasefire now.", null],
      ["Third", null, "2000-01-10"],
    ]);
  });

  it("repeats the first report under `reports` when it has a wording or date of its own, so nothing is lost", () => {
    const first = {
      source: {
        url: "https://first.example/a",
        outlet: "First",
        title: null,
        publishedOn: parsePartialDate("1999-12-03"),
      },
      text: "Ceasefire now, we say.",
      reportedOn: parsePartialDate("1999-12-02"),
    };
    const line = toImportFormat(statement({ reports: [first] }));
    expect(line.source).toEqual({ url: "https://first.example/a", outlet: "First", publishedAt: "1999-12-03" });
    expect(line.reports).toEqual([{ source: line.source, text: "Ceasefire now, we say.", reportedOn: "1999-12-02" }]);
  });

  it("keeps hostile text as data: one line per statement whatever the text holds", () => {
    const hostile = `<script>alert(1)</script>\u2028"}\n{"type":"x"\u202E`;
    const line = importFormatJsonLine(statement({ text: hostile }));
    expect(line.split("\n")).toHaveLength(2);
    expect(JSON.parse(line).text).toBe(hostile);
  });
});
