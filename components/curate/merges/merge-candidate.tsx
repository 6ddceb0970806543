import Link from "next/link";
import type { ReactNode } from "react";
import type { CandidateSide, CuratorReport, MergeCandidateView } from "@/lib/curate/merges";
import type { Translate } from "@/lib/i18n/translate";
import { curateMergesMessages } from "@/lib/i18n/messages/curate-merges";
import type { I18n } from "@/lib/i18n/server";
import { isSupportedLanguage, languageDirection } from "@/lib/languages";
import { parsePartialDate } from "@/lib/validation/partial-date";

// One pair of the merge queue, side by side: each statement's words in their own language and
// direction, its speaker, date and status, and every report (outlet, date, wording). All of it is
// imported or typed text, so it is rendered as React text only, each value isolated (<bdi>) so
// that bidi controls inside it cannot reorder the interface around it.

export type MergeKeys = keyof (typeof curateMergesMessages)["en"];

export type MergeFormat = {
  t: Translate<MergeKeys>;
  /** A partial date ("2016", "2016-11", "2016-11-17") in the interface's language. */
  formatDate: (iso: string) => string;
  /** A moment (ISO timestamp) in the interface's language. */
  formatWhen: (iso: string) => string;
  formatNumber: (n: number) => string;
};

/** The lang/dir a text in `language` is shown with ("auto" for a language the app does not know). */
export function textDirection(language: string): "rtl" | "ltr" | "auto" {
  return isSupportedLanguage(language) ? languageDirection(language) : "auto";
}

/** The formatting a page hands to these components, in the reader's interface language. */
export function mergeFormat(i18n: I18n): MergeFormat {
  const when = new Intl.DateTimeFormat(i18n.locale === "ar" ? "ar-SY-u-nu-latn" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  return {
    t: i18n.t(curateMergesMessages),
    // A value that is not a partial date (never expected) is shown as stored.
    formatDate: (iso) => {
      const date = parsePartialDate(iso);
      return date ? i18n.formatDate(date) : iso;
    },
    formatWhen: (iso) => when.format(new Date(iso)),
    formatNumber: i18n.formatNumber,
  };
}

export function MergeCandidate({
  candidate,
  format,
  actions,
}: {
  candidate: MergeCandidateView;
  format: MergeFormat;
  /** The decision buttons (pending) or the decision and its undo (decided). */
  actions: ReactNode;
}) {
  const { t } = format;
  const headingId = `pair-${candidate.id}`;
  return (
    <section
      aria-labelledby={headingId}
      className="space-y-3 rounded border border-slate-300 p-4"
      data-testid="merge-candidate"
      data-candidate-id={candidate.id}
    >
      <h2 id={headingId} className="text-lg font-semibold">
        {t("pairHeading", { id: String(candidate.id) })}{" "}
        <span className="text-sm font-normal text-slate-700">
          · {t("score", { score: `${format.formatNumber(Math.round(candidate.score * 100))}%` })}
        </span>
      </h2>
      <div className="grid gap-4 md:grid-cols-2">
        <StatementSide
          side={candidate.a}
          headingId={`${headingId}-a`}
          heading={t("left", { id: String(candidate.a.id) })}
          format={format}
        />
        <StatementSide
          side={candidate.b}
          headingId={`${headingId}-b`}
          heading={t("right", { id: String(candidate.b.id) })}
          format={format}
        />
      </div>
      {actions}
    </section>
  );
}

function StatementSide({
  side,
  headingId,
  heading,
  format,
}: {
  side: CandidateSide;
  headingId: string;
  heading: string;
  format: MergeFormat;
}) {
  const { t } = format;
  const statusLabel =
    side.status === "draft"
      ? t("statusDraft")
      : side.status === "published"
        ? t("statusPublished")
        : side.status === "retracted"
          ? t("statusRetracted")
          : side.status === "merged"
            ? t("statusMerged")
            : side.status;
  return (
    <article aria-labelledby={headingId} className="space-y-2 rounded bg-slate-50 p-3" data-statement-id={side.id}>
      <h3 id={headingId} className="font-semibold">
        {heading}{" "}
        <Link href={`/curate/statements/${side.id}`} className="text-sm font-normal underline">
          {t("openStatement")}
        </Link>
      </h3>
      <blockquote lang={side.language} dir={textDirection(side.language)} className="text-lg">
        <bdi>{side.text}</bdi>
      </blockquote>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
        <dt className="font-semibold">{t("speaker")}</dt>
        <dd>
          <bdi>{side.speaker.name}</bdi>
        </dd>
        <dt className="font-semibold">{t("saidOn")}</dt>
        <dd>{side.saidOn ? format.formatDate(side.saidOn) : t("dateUnknown")}</dd>
        <dt className="font-semibold">{t("status")}</dt>
        <dd>{statusLabel}</dd>
      </dl>
      <h4 className="text-sm font-semibold">{t("reports", { count: side.reports.length })}</h4>
      <ReportList reports={side.reports} language={side.language} format={format} />
    </article>
  );
}

/** A statement's reports: outlet, date, a link to the report, and its wording. `action` adds a button per report. */
export function ReportList({
  reports,
  language,
  format,
  action,
}: {
  reports: CuratorReport[];
  language: string;
  format: MergeFormat;
  action?: (report: CuratorReport) => ReactNode;
}) {
  const { t } = format;
  if (reports.length === 0) return <p className="text-sm">{t("noReports")}</p>;
  return (
    <ul className="space-y-2 text-sm">
      {reports.map((report) => (
        <li key={report.id} className="space-y-1 border-s-2 border-slate-300 ps-2" data-testid="curator-report">
          <p>
            <strong>
              <bdi>{report.outlet ?? t("unknownOutlet")}</bdi>
            </strong>
            {report.reportedOn ? <> · {t("reportedOn", { date: format.formatDate(report.reportedOn) })}</> : null}
            {report.url ? (
              <>
                {" · "}
                <a href={report.url} rel="noopener noreferrer nofollow ugc" className="underline">
                  {report.title ? <bdi>{report.title}</bdi> : t("reportLink")}
                </a>
              </>
            ) : report.title ? (
              <>
                {" · "}
                <bdi>{report.title}</bdi>
              </>
            ) : null}
          </p>
          <blockquote lang={language} dir={textDirection(language)}>
            <bdi>{report.text}</bdi>
          </blockquote>
          {action ? action(report) : null}
        </li>
      ))}
    </ul>
  );
}
