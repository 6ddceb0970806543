import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RevisionChanges } from "@/components/curate/revision-changes";
import { DeleteButton, RestoreButton, RetractForm } from "@/components/curate/statement-actions";
import { StatementReviews } from "@/components/curate/statement-reviews";
import { mergeFormat } from "@/components/curate/merges/merge-candidate";
import { MergeHistory, StatementReports } from "@/components/curate/merges/statement-reports";
import { StatementEditor } from "@/components/curate/statement-editor";
import { parseId } from "@/lib/api/responses";
import { requireCuratorPage } from "@/lib/auth/page";
import { editorStateFrom } from "@/lib/curate/editor-state";
import { mergeHistory, statementReportsForCurators } from "@/lib/curate/merges";
import { getEditableStatement, statementHistory } from "@/lib/curate/statements";
import { getPool } from "@/lib/db/client";
import { reviewsOf } from "@/lib/db/reviews";
import { curateMessages } from "@/lib/i18n/messages/curate";
import { curateMergesMessages } from "@/lib/i18n/messages/curate-merges";
import { curateStatementMessages } from "@/lib/i18n/messages/curate-statement";
import { getI18n } from "@/lib/i18n/server";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await getI18n()).t(curateStatementMessages)("editTitle", { id: (await params).id }) };
}

export default async function EditStatementPage({ params, searchParams }: Props) {
  const user = await requireCuratorPage();
  const id = parseId((await params).id);
  if (typeof id !== "number") notFound();
  const statement = await getEditableStatement(getPool(), id);
  if (!statement) notFound();
  const history = await statementHistory(getPool(), id);
  const reviews = (await reviewsOf(getPool(), [id])).get(id) ?? [];
  const [reports, merges] = await Promise.all([
    statementReportsForCurators(getPool(), id),
    mergeHistory(getPool(), id),
  ]);
  const i18n = await getI18n();
  const { locale, t: translate } = i18n;
  const merging = mergeFormat(i18n);
  const mergeText = curateMergesMessages[locale];
  const mergeRequestText = {
    networkFailed: mergeText.networkFailed,
    requestFailed: mergeText.requestFailed,
    sessionEnded: mergeText.sessionEnded,
  };
  // The merge that made this statement part of another one, while it stands.
  const mergedInto = merges.find((m) => m.kind === "merge" && m.otherId === id && m.undoneAt === null)?.statementId;
  const t = translate(curateMessages);
  const te = translate(curateStatementMessages);
  const { status, retractionReason } = statement.record;
  // ?saved=N after a save: said only while N is still the stored version.
  const savedVersion = Number((await searchParams).saved);
  // A merged statement lives on in the one it joined: nothing here can change it but undoing the merge.
  const merged = (status as string) === "merged";
  const statusLabel = merged
    ? t("statusMerged")
    : status === "draft"
      ? t("statusDraft")
      : status === "published"
        ? t("statusPublished")
        : t("statusRetracted");
  const dateFormat = new Intl.DateTimeFormat(locale === "ar" ? "ar-SY-u-nu-latn" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  const actionLabel = (action: string) =>
    ({
      create: t("actionCreate"),
      update: t("actionUpdate"),
      import: t("actionImport"),
      retract: t("actionRetract"),
      restore: t("actionRestore"),
      merge: t("actionMerge"),
      split: t("actionSplit"),
      unmerge: t("actionUnmerge"),
      unsplit: t("actionUnsplit"),
      delete: t("actionDelete"),
    })[action] ?? action;

  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{te("editTitle", { id })}</h1>
        <p>
          {t("status", { status: statusLabel })} · {t("version", { version: statement.version })}
          {status !== "draft" ? (
            <>
              {" · "}
              <Link href={`/statements/${id}`} className="underline">
                {t("publicPage")}
              </Link>
            </>
          ) : null}
        </p>
        {savedVersion === statement.version ? (
          <p role="status" className="rounded border border-green-700 bg-green-50 p-3 text-green-900">
            {te("saved", { version: savedVersion })}
          </p>
        ) : null}
        {mergedInto !== undefined ? (
          <p className="rounded border border-amber-700 bg-amber-50 p-2 text-amber-950">
            {merging.t("mergedInto", { id: String(mergedInto) })}{" "}
            <Link href={`/curate/statements/${mergedInto}`} className="underline">
              {merging.t("openStatement")}
            </Link>
          </p>
        ) : null}
        {status === "retracted" ? (
          <p className="rounded border border-red-700 bg-red-50 p-2 text-red-900">
            {t("retractedNotice", { reason: "" })}
            <bdi>{retractionReason}</bdi>
          </p>
        ) : null}
      </header>

      {/* keyed by version: after a save elsewhere (restore, retract) the form starts from what is stored */}
      {merged ? null : (
        <StatementEditor
          key={statement.version}
          locale={locale}
          statementId={id}
          version={statement.version}
          status={status}
          initial={editorStateFrom(statement.record, statement.labels)}
        />
      )}

      {merged ? null : (
        <StatementReviews
          statementId={id}
          version={statement.version}
          reviews={reviews.map((review) => ({
            id: review.id,
            rating: review.rating,
            reviewerName: review.reviewer.name,
            url: review.url,
            reviewedOn: review.reviewedOn.iso,
            scale:
              review.ratingValue !== null
                ? te("reviewScale", {
                    value: review.ratingValue,
                    worst: review.worstRating ?? "",
                    best: review.bestRating ?? "",
                  })
                : null,
          }))}
          labels={{
            heading: te("reviewsHeading"),
            none: te("reviewsNone"),
            remove: te("reviewRemove"),
            add: te("reviewAdd"),
            rating: te("reviewRating"),
            ratingHint: te("reviewRatingHint"),
            ratingValue: te("reviewRatingValue"),
            worstRating: te("reviewWorstRating"),
            bestRating: te("reviewBestRating"),
            reviewerName: te("reviewReviewerName"),
            reviewerUrl: te("reviewReviewerUrl"),
            url: te("reviewUrl"),
            reviewedOn: te("reviewReviewedOn"),
            reviewedOnHint: te("reviewReviewedOnHint"),
            networkFailed: te("reviewNetworkFailed"),
            requestFailed: te("reviewRequestFailed"),
          }}
        />
      )}

      <StatementReports
        statementId={id}
        language={statement.record.language}
        reports={reports}
        format={merging}
        requestText={mergeRequestText}
      />
      <MergeHistory statementId={id} history={merges} format={merging} requestText={mergeRequestText} />

      {status !== "retracted" && !merged ? (
        <section className="rounded border border-slate-300 p-4">
          <RetractForm
            statementId={id}
            version={statement.version}
            labels={{ heading: t("retract"), reason: t("retractReason"), button: t("retractButton") }}
          />
        </section>
      ) : null}

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-xl font-semibold">
          {t("history")}
        </h2>
        <p className="text-sm text-slate-700">{t("restoreNote")}</p>
        <ol className="space-y-4">
          {history.map((revision) => (
            <li key={revision.id} className="rounded border border-slate-200 p-3">
              <p>
                <strong>{t("version", { version: revision.version })}</strong> · {actionLabel(revision.action)} ·{" "}
                <time dateTime={revision.createdAt}>{dateFormat.format(new Date(revision.createdAt))}</time> ·{" "}
                {t("by", { name: revision.userName ?? t("importer") })}
              </p>
              <RevisionChanges
                changes={revision.changes}
                labels={{ field: t("field"), before: t("before"), after: t("after"), empty: t("empty") }}
              />
              {revision.version !== statement.version && !merged ? (
                revision.restorable ? (
                  <RestoreButton
                    statementId={id}
                    revisionId={revision.id}
                    version={statement.version}
                    label={`${t("restore")} (${revision.version})`}
                  />
                ) : (
                  <p className="text-sm text-slate-700">{t("notRestorable")}</p>
                )
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      {user.role === "admin" ? (
        <section className="rounded border border-red-300 p-4">
          <h2 className="mb-2 text-lg font-semibold">{t("deleteStatement")}</h2>
          <DeleteButton statementId={id} labels={{ button: t("deleteButton"), confirm: t("deleteConfirm", { id }) }} />
        </section>
      ) : null}
    </div>
  );
}
