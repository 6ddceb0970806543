import Link from "next/link";
import type { RequestText } from "@/components/forms";
import type { CuratorReport, MergeHistoryEntry } from "@/lib/curate/merges";
import { MergeActions } from "./merge-actions";
import { ReportList, type MergeFormat } from "./merge-candidate";

// A curator's statement page (issue 15): the statement's reports, each of which can be split off
// into a statement of its own while the statement keeps at least one, and the merges and splits
// the statement took part in, each with its undo until it is undone.

export function StatementReports({
  statementId,
  language,
  reports,
  format,
  requestText,
}: {
  statementId: number;
  language: string;
  reports: CuratorReport[];
  format: MergeFormat;
  requestText: RequestText;
}) {
  const { t } = format;
  return (
    <section aria-labelledby="reports-heading" className="space-y-3 rounded border border-slate-300 p-4">
      <h2 id="reports-heading" className="text-lg font-semibold">
        {t("reportsHeading")}
      </h2>
      <p className="text-sm text-slate-700">{t("reportsIntro")}</p>
      <ReportList
        reports={reports}
        language={language}
        format={format}
        action={
          reports.length >= 2
            ? (report) => (
                <MergeActions
                  groupLabel={report.outlet ?? t("unknownOutlet")}
                  text={requestText}
                  actions={[{ label: t("splitOff"), route: "split", body: { statementId, reportId: report.id } }]}
                />
              )
            : undefined
        }
      />
    </section>
  );
}

export function MergeHistory({
  statementId,
  history,
  format,
  requestText,
}: {
  statementId: number;
  history: MergeHistoryEntry[];
  format: MergeFormat;
  requestText: RequestText;
}) {
  const { t } = format;
  const link = (id: number) =>
    id === statementId ? (
      String(id)
    ) : (
      <Link href={`/curate/statements/${id}`} className="underline">
        {id}
      </Link>
    );
  return (
    <section aria-labelledby="merges-heading" className="space-y-3 rounded border border-slate-300 p-4">
      <h2 id="merges-heading" className="text-lg font-semibold">
        {t("historyHeading")}
      </h2>
      {history.length === 0 ? (
        <p>{t("historyNone")}</p>
      ) : (
        <ol className="space-y-2">
          {history.map((entry) => (
            <li key={entry.id} className="space-y-1" data-testid="merge-history-entry">
              <p>
                {fillNodes(t(entry.kind === "merge" ? "historyMerge" : "historySplit"), {
                  statement: link(entry.statementId),
                  other: link(entry.otherId),
                })}
                {" · "}
                {t("historyBy", { when: format.formatWhen(entry.createdAt), name: entry.userName ?? t("someone") })}
                {entry.undoneAt ? <> · {t("historyUndone", { when: format.formatWhen(entry.undoneAt) })}</> : null}
              </p>
              {entry.undoneAt ? null : (
                <MergeActions
                  groupLabel={t(entry.kind === "merge" ? "historyMerge" : "historySplit", {
                    statement: String(entry.statementId),
                    other: String(entry.otherId),
                  })}
                  text={requestText}
                  actions={[{ label: t("undo"), route: "undo", body: { mergeId: entry.id } }]}
                />
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** A message whose {placeholders} are elements (links), not text. */
function fillNodes(template: string, values: Record<string, React.ReactNode>): React.ReactNode[] {
  return template.split(/(\{\w+\})/).map((part, i) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    return name !== undefined && name in values ? <span key={i}>{values[name]}</span> : part;
  });
}
