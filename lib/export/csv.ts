import type { ExportStatement } from "./statements";

// CSV as RFC 4180 has it (CRLF between records, quotes doubled), every field
// quoted, in UTF-8 with a byte-order mark so that spreadsheets open Arabic as
// Arabic rather than guessing a legacy code page. Text that a spreadsheet would
// run as a formula (=, +, -, @, and a leading tab or carriage return, as OWASP
// lists them) gets an apostrophe in front, so that a statement quoting
// "=HYPERLINK(…)" is shown, never evaluated; so does such text after a `;` or
// `,` inside a field, which a spreadsheet set to that separator (or one that
// ignores the quotes) would open as a cell of its own.

export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8; header=present";

/** U+FEFF: written once at the very start of the file. */
export const CSV_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;
const FORMULA_AFTER_SEPARATOR = /([;,] *)(?=[=+\-@\t\r])/g;

/** A text cell made safe to open in a spreadsheet: an apostrophe before a = + - @ tab or CR that starts it or follows a `;` or `,`. */
export function neutralizeFormula(value: string): string {
  const inner = value.replace(FORMULA_AFTER_SEPARATOR, "$1'");
  return FORMULA_START.test(inner) ? `'${inner}` : inner;
}

/** One field, always quoted (its quotes doubled): a separator inside can never start a new cell. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '""';
  const text = typeof value === "string" ? neutralizeFormula(value) : String(value);
  return `"${text.replace(/"/g, '""')}"`;
}

/** One record, ending in CRLF. */
export function csvRecord(values: Array<string | number | boolean | null | undefined>): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

export const STATEMENT_CSV_COLUMNS = [
  "id",
  "url",
  "externalId",
  "text",
  "language",
  "kind",
  "speaker",
  "speakerSlug",
  "speakerKind",
  "saidOn",
  "saidOnApproximate",
  "topics",
  "topicSlugs",
  "outlet",
  "sourceUrl",
  "sourceTitle",
  "sourcePublishedOn",
  "context",
  "attribution",
  // Added with reports and reviews (issue 15), at the end so that the columns before keep their places.
  "reportCount",
  "reportOutlets",
  "reviews",
] as const;

/** The header record (with the byte-order mark in front: it is the first thing written). */
export function statementCsvHeader(): string {
  return CSV_BOM + csvRecord([...STATEMENT_CSV_COLUMNS]);
}

/** A review in a few words: the verdict, its score on the reviewer's scale when given, and who reviewed ("False 1/5 (Fact Desk)"). */
function reviewCell(review: ExportStatement["reviews"][number]): string {
  const score = review.ratingValue === null ? "" : ` ${review.ratingValue}/${review.bestRating}`;
  return `${review.rating}${score} (${review.reviewer.name})`;
}

/** One statement as a record; `statementUrl` gives the address of its page. */
export function statementCsvRecord(statement: ExportStatement, statementUrl: (id: number) => string): string {
  // The first report (the oldest) is the source these columns describe, as search shows its outlet.
  const source = statement.reports[0]?.source ?? null;
  const values: Record<(typeof STATEMENT_CSV_COLUMNS)[number], string | number | boolean | null> = {
    id: statement.id,
    url: statementUrl(statement.id),
    externalId: statement.externalId,
    text: statement.text,
    language: statement.language,
    kind: statement.kind,
    speaker: statement.speaker.name,
    speakerSlug: statement.speaker.slug,
    speakerKind: statement.speaker.kind,
    saidOn: statement.saidOn?.iso ?? null,
    saidOnApproximate: statement.saidOnApproximate,
    topics: statement.topics.map((t) => t.name).join("; "),
    topicSlugs: statement.topics.map((t) => t.slug).join("; "),
    outlet: source?.outlet ?? null,
    sourceUrl: source?.url ?? null,
    sourceTitle: source?.title ?? null,
    sourcePublishedOn: source?.publishedOn?.iso ?? null,
    context: statement.context,
    attribution: statement.attribution,
    reportCount: statement.reports.length,
    reportOutlets: statement.reports.flatMap((report) => report.source.outlet ?? []).join("; "),
    reviews: statement.reviews.map(reviewCell).join("; "),
  };
  return csvRecord(STATEMENT_CSV_COLUMNS.map((column) => values[column]));
}

/**
 * Reads CSV text back into records (RFC 4180; a leading BOM is skipped). For
 * tests and tools: the exports are checked by parsing them, not by pattern.
 */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i += 1;
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      i += 1;
    } else if (ch === ",") {
      record.push(field);
      field = "";
      i += 1;
    } else if (ch === "\r" && input[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
