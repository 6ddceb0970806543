import { describe, expect, it } from "vitest";
import { parsePartialDate } from "@/lib/validation/partial-date";
import {
  CSV_BOM,
  STATEMENT_CSV_COLUMNS,
  csvField,
  csvRecord,
  neutralizeFormula,
  parseCsv,
  statementCsvHeader,
  statementCsvRecord,
} from "./csv";
import type { ExportStatement } from "./statements";

function statement(overrides: Partial<ExportStatement> = {}): ExportStatement {
  return {
    id: 7,
    externalId: "demo-aleppo-7",
    text: "أكدت منظمة أطباء بلا حدود أن «المستشفى، قُصف» مرتين",
    language: "ar",
    kind: "indirect",
    speaker: {
      slug: "msf",
      name: "Médecins Sans Frontières",
      kind: "organization",
      role: null,
      affiliation: null,
      aliases: ["MSF", "أطباء بلا حدود"],
      wikidataId: null,
    },
    saidOn: parsePartialDate("2016-11"),
    saidOnApproximate: false,
    topics: [
      { slug: "aleppo", name: "Aleppo" },
      { slug: "attacks-on-hospitals", name: "Attacks on hospitals" },
    ],
    reports: [
      {
        source: {
          url: "https://example.org/a?x=1,2",
          outlet: 'Example "News"',
          title: "Line one\nline two",
          publishedOn: parsePartialDate("2016-11-19"),
        },
        text: null,
        reportedOn: parsePartialDate("2016-11-19"),
      },
      {
        source: { url: null, outlet: "=Later Outlet", title: null, publishedOn: null },
        text: "قصف المستشفى مرتين",
        reportedOn: null,
      },
    ],
    context: null,
    attribution: "secondary",
    reviews: [
      {
        id: 1,
        rating: "Mostly true",
        ratingValue: 4,
        bestRating: 5,
        worstRating: 1,
        reviewer: { name: "Fact Desk", url: null },
        url: "https://factdesk.example/r/1",
        reviewedOn: parsePartialDate("2016-11-25")!,
      },
      {
        id: 2,
        rating: "Unproven",
        ratingValue: null,
        bestRating: null,
        worstRating: null,
        reviewer: { name: "Other Desk", url: null },
        url: "https://otherdesk.example/r/9",
        reviewedOn: parsePartialDate("2016-11-24")!,
      },
    ],
    ...overrides,
  };
}

const url = (id: number) => `https://tracker.example/statements/${id}`;

describe("csvField (RFC 4180)", () => {
  it("quotes every field, doubling its quotes", () => {
    expect(csvField("plain text")).toBe('"plain text"');
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField("one\ntwo")).toBe('"one\ntwo"');
    expect(csvField("one\r\ntwo")).toBe('"one\r\ntwo"');
    expect(csvField(null)).toBe('""');
    expect(csvField(12)).toBe('"12"');
    expect(csvField(false)).toBe('"false"');
  });

  it("puts an apostrophe before text a spreadsheet would run as a formula", () => {
    for (const hostile of ['=HYPERLINK("http://evil")', "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]) {
      expect(neutralizeFormula(hostile)).toBe(`'${hostile}`);
      expect(parseCsv(csvRecord([hostile]))[0]![0]).toBe(`'${hostile}`);
    }
    expect(neutralizeFormula("a = b")).toBe("a = b");
    expect(neutralizeFormula("ميركل = المستشارة")).toBe("ميركل = المستشارة");
    // Numbers (ids) are not text and keep their sign.
    expect(csvField(-1)).toBe('"-1"');
  });

  it("also defuses a formula after a ; or , inside a field (a spreadsheet set to that separator would make it a cell)", () => {
    expect(csvField("text;=2+2")).toBe(`"text;'=2+2"`);
    expect(csvField("text,=2+2")).toBe(`"text,'=2+2"`);
    expect(csvField("a; @SUM(A1); b,+1, -2")).toBe(`"a; '@SUM(A1); b,'+1, '-2"`);
    expect(csvField("=1;=2")).toBe(`"'=1;'=2"`);
    expect(csvField("Aleppo; Attacks on hospitals")).toBe('"Aleppo; Attacks on hospitals"');
    // What a ;-separated reading (quotes ignored) would make cells of: none starts a formula.
    for (const cell of csvField("x;=2+2;+3,@4").slice(1, -1).split(/[;,]/)) expect(cell).not.toMatch(/^ *[=+\-@]/);
  });

  it("ends every record with CRLF", () => {
    expect(csvRecord(["a", "b,c", null])).toBe('"a","b,c",""\r\n');
  });
});

describe("statement CSV", () => {
  it("starts with a byte-order mark and a header naming every column", () => {
    const header = statementCsvHeader();
    expect(header.startsWith(CSV_BOM)).toBe(true);
    expect(parseCsv(header)).toEqual([[...STATEMENT_CSV_COLUMNS]]);
  });

  it("writes one record per statement that parses back to the same values, Arabic, quotes and line breaks included", () => {
    const text =
      statementCsvHeader() +
      statementCsvRecord(statement(), url) +
      statementCsvRecord(
        statement({ id: 8, text: "=1+1 is not a formula here", reports: [], topics: [], reviews: [] }),
        url,
      );
    const [header, first, second] = parseCsv(text);
    const row = Object.fromEntries(header!.map((h, i) => [h, first![i]]));
    expect(row).toEqual({
      id: "7",
      url: "https://tracker.example/statements/7",
      externalId: "demo-aleppo-7",
      text: "أكدت منظمة أطباء بلا حدود أن «المستشفى، قُصف» مرتين",
      language: "ar",
      kind: "indirect",
      speaker: "Médecins Sans Frontières",
      speakerSlug: "msf",
      speakerKind: "organization",
      saidOn: "2016-11",
      saidOnApproximate: "false",
      topics: "Aleppo; Attacks on hospitals",
      topicSlugs: "aleppo; attacks-on-hospitals",
      outlet: 'Example "News"',
      sourceUrl: "https://example.org/a?x=1,2",
      sourceTitle: "Line one\nline two",
      sourcePublishedOn: "2016-11-19",
      context: "",
      attribution: "secondary",
      reportCount: "2",
      reportOutlets: 'Example "News"; \'=Later Outlet',
      reviews: "Mostly true 4/5 (Fact Desk); Unproven (Other Desk)",
    });
    expect(second![header!.indexOf("text")]).toBe("'=1+1 is not a formula here");
    expect(second![header!.indexOf("outlet")]).toBe("");
    expect(second![header!.indexOf("reportCount")]).toBe("0");
    expect(second![header!.indexOf("reviews")]).toBe("");
    // Every record has every column.
    expect(new Set([header, first, second].map((r) => r!.length))).toEqual(new Set([STATEMENT_CSV_COLUMNS.length]));
  });

  it("is UTF-8 with the BOM as its first three bytes", () => {
    const bytes = new TextEncoder().encode(statementCsvHeader());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
