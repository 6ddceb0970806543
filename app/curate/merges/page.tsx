import type { Metadata } from "next";
import Link from "next/link";
import { ListPager } from "@/components/curate/list-pager";
import { MergeActions, type MergeAction } from "@/components/curate/merges/merge-actions";
import { MergeCandidate, mergeFormat, type MergeFormat } from "@/components/curate/merges/merge-candidate";
import { requireCuratorPage } from "@/lib/auth/page";
import { listMergeCandidates, type MergeCandidateView } from "@/lib/curate/merges";
import { getPool } from "@/lib/db/client";
import { curateMergesMessages } from "@/lib/i18n/messages/curate-merges";
import { getI18n } from "@/lib/i18n/server";
import {
  MERGE_QUEUE_PAGE_SIZE,
  mergeQueueWindow,
  parseMergeQueueParams,
  type MergeQueueStatus,
} from "@/lib/validation/merge-queue";

// The merge queue (issue 15): pairs of one speaker's statements the background job found to read
// almost alike. Curators merge a pair into either side, or mark it "not the same"; the decided
// pairs are listed with who decided, and each decision can be undone.

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getI18n()).t(curateMergesMessages)("title") };
}

const href = (status: MergeQueueStatus, page = 1) =>
  `/curate/merges?status=${status}${page > 1 ? `&page=${page}` : ""}`;

export default async function MergeQueuePage({ searchParams }: Props) {
  await requireCuratorPage("editor");
  const i18n = await getI18n();
  const format = mergeFormat(i18n);
  const { t } = format;
  const raw = await searchParams;
  const params = parseMergeQueueParams((name) => {
    const value = raw[name];
    return Array.isArray(value) ? value[0] : value;
  });
  const { status, page } = params.ok ? params.value : { status: "pending" as const, page: 1 };
  const { items, total } = await listMergeCandidates(getPool(), { status, ...mergeQueueWindow(page) });
  const text = i18n.locale === "ar" ? curateMergesMessages.ar : curateMergesMessages.en;
  const requestText = {
    networkFailed: text.networkFailed,
    requestFailed: text.requestFailed,
    sessionEnded: text.sessionEnded,
  };
  const tabs: Array<[MergeQueueStatus, string]> = [
    ["pending", t("tabPending")],
    ["decided", t("tabDecided")],
  ];

  const actionsOf = (candidate: MergeCandidateView) =>
    candidate.status === "pending" ? (
      <MergeActions
        groupLabel={t("decisionsLabel", { id: String(candidate.id) })}
        text={requestText}
        actions={[
          {
            label: t("mergeIntoLeft"),
            route: "accept",
            body: { candidateId: candidate.id, keepId: candidate.a.id },
            primary: true,
          },
          {
            label: t("mergeIntoRight"),
            route: "accept",
            body: { candidateId: candidate.id, keepId: candidate.b.id },
            primary: true,
          },
          { label: t("notSame"), route: "reject", body: { candidateId: candidate.id } },
        ]}
      />
    ) : (
      <Decision candidate={candidate} format={format} requestText={requestText} />
    );

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="max-w-prose text-slate-700">{t("intro")}</p>
      </header>
      {params.ok ? null : (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3">
          {t("badParams", { problems: params.problems.map((p) => `${p.field}: ${p.message}`).join("; ") })}
        </p>
      )}
      <nav aria-label={t("tabsLabel")}>
        <ul className="flex gap-4 border-b border-slate-200">
          {tabs.map(([value, label]) => (
            <li key={value}>
              <Link
                href={href(value)}
                aria-current={value === status ? "page" : undefined}
                className={`inline-block px-1 pb-2 ${value === status ? "border-b-2 border-slate-900 font-semibold" : "underline"}`}
              >
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p role="status">
        {items.length === 0 && page === 1
          ? t(status === "pending" ? "nonePending" : "noneDecided")
          : t(status === "pending" ? "pendingTotal" : "decidedTotal", { count: total })}
      </p>
      <div className="space-y-6">
        {items.map((candidate) => (
          <MergeCandidate key={candidate.id} candidate={candidate} format={format} actions={actionsOf(candidate)} />
        ))}
      </div>
      <ListPager
        page={page}
        hasMore={page * MERGE_QUEUE_PAGE_SIZE < total}
        href={(n) => href(status, n)}
        labels={{ nav: t("pagerLabel"), previous: t("previous"), next: t("next") }}
      />
    </div>
  );
}

/** Who decided a pair and when, with the undo: of its merge (accepted) or of the rejection. */
function Decision({
  candidate,
  format,
  requestText,
}: {
  candidate: MergeCandidateView;
  format: MergeFormat;
  requestText: { networkFailed: string; requestFailed: string; sessionEnded: string };
}) {
  const { t } = format;
  const name = candidate.decidedBy ?? t("someone");
  const when = candidate.decidedAt ? format.formatWhen(candidate.decidedAt) : "";
  const undo: Omit<MergeAction, "label"> | null =
    candidate.status === "rejected"
      ? { route: "reopen", body: { candidateId: candidate.id } }
      : candidate.mergeId !== null
        ? { route: "undo", body: { mergeId: candidate.mergeId } }
        : null;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <p data-testid="merge-decision">
        {candidate.status === "accepted" ? t("decidedMerged", { name, when }) : t("decidedRejected", { name, when })}
      </p>
      {undo ? (
        <MergeActions
          groupLabel={t("decisionsLabel", { id: String(candidate.id) })}
          text={requestText}
          actions={[{ label: t("undo"), ...undo }]}
        />
      ) : null}
    </div>
  );
}
