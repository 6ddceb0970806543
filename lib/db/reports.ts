import { storedPartialDate, type PartialDate } from "@/lib/validation/partial-date";

// Reports of statements (statement_reports, issue 15): each outlet that printed a statement, with its
// wording and date. Read by the public API, the statement page, the search documents and the exports,
// all through here, so that "oldest first" and "the first report" mean the same everywhere.

/** A statement's reports oldest first; undated ones last, in the order they were added. */
export const REPORT_ORDER = "r.reported_on NULLS LAST, r.id";

/** One report with its source as JSON, for `SELECT … FROM statement_reports r JOIN sources so ON so.id = r.source_id` (ordered by the caller). */
export const REPORT_JSON = `json_build_object('id', r.id, 'url', so.url, 'outlet', so.outlet, 'title', so.title,
  'publishedOn', so.published_on::text, 'precision', so.published_on_precision,
  'text', r.text, 'reportedOn', r.reported_on::text, 'reportedPrecision', r.reported_on_precision)`;

export type ReportSource = {
  url: string | null;
  outlet: string | null;
  title: string | null;
  publishedOn: PartialDate | null;
};

export type StatementReport = { source: ReportSource; text: string; reportedOn: PartialDate | null };

/** A row built by REPORT_JSON. */
export type ReportRow = {
  id: number;
  url: string | null;
  outlet: string | null;
  title: string | null;
  publishedOn: string | null;
  precision: string | null;
  text: string | null;
  reportedOn: string | null;
  reportedPrecision: string | null;
};

/** A report as stored: `text` is null when the source printed the statement's own wording. */
export type StoredReport = { source: ReportSource; text: string | null; reportedOn: PartialDate | null };

/** Rows built by REPORT_JSON as reports, `text` as stored (the exports tell own wording from the statement's). */
export function storedReports(rows: ReportRow[]): StoredReport[] {
  return rows.map((r) => ({
    source: {
      url: r.url,
      outlet: r.outlet,
      title: r.title,
      publishedOn: storedPartialDate(r.publishedOn, r.precision),
    },
    text: r.text,
    reportedOn: storedPartialDate(r.reportedOn, r.reportedPrecision),
  }));
}

/** Reports as the API shows them: a report without a wording of its own has the statement's. */
export function publicReports(rows: ReportRow[], statementText: string): StatementReport[] {
  return storedReports(rows).map((report) => ({ ...report, text: report.text ?? statementText }));
}

/** The earliest report's date (reports in REPORT_ORDER), or null without dated reports. */
export function firstReportedOn(reports: StatementReport[]): PartialDate | null {
  return reports.find((report) => report.reportedOn !== null)?.reportedOn ?? null;
}
