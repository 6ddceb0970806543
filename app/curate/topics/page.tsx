import type { Metadata } from "next";
import Link from "next/link";
import { requireCuratorPage } from "@/lib/auth/page";
import { SUGGEST_LIMITS } from "@/lib/curate/speakers";
import { TOPIC_LIMITS, listTopicsForCuration } from "@/lib/curate/topics";
import { getPool } from "@/lib/db/client";
import { curateEntitiesMessages } from "@/lib/i18n/messages/curate-entities";
import { getI18n } from "@/lib/i18n/server";
import { ListPager, parseListParams } from "../speakers/_components/list-pager";
import { TopicForm } from "./_components/topic-form";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getI18n()).t(curateEntitiesMessages)("topicsTitle") };
}

export default async function CurateTopicsPage({ searchParams }: Props) {
  await requireCuratorPage("editor");
  const raw = await searchParams;
  const { locale, t, formatNumber } = await getI18n();
  const tr = t(curateEntitiesMessages);
  const { q, page, problems } = parseListParams(raw, SUGGEST_LIMITS.queryMaxLength);
  const { items, hasMore } = await listTopicsForCuration(getPool(), { q, page });
  const deleted = typeof raw.deleted === "string" ? raw.deleted : null;
  const href = (p: number) => {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (p > 1) params.set("page", String(p));
    const query = params.toString();
    return query ? `/curate/topics?${query}` : "/curate/topics";
  };

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{tr("topicsTitle")}</h1>
        <p className="text-slate-700">{tr("topicsIntro")}</p>
        {deleted ? (
          <p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-green-900">
            <bdi>{tr("deleted", { name: deleted })}</bdi>
          </p>
        ) : null}
      </div>

      <form method="get" action="/curate/topics" role="search" className="flex max-w-xl flex-col gap-1">
        <label htmlFor="curate-topics-q" className="font-semibold">
          {tr("topicsSearchLabel")}
        </label>
        <div className="flex gap-2">
          <input id="curate-topics-q" name="q" type="search" dir="auto" defaultValue={q} maxLength={SUGGEST_LIMITS.queryMaxLength} className="w-full rounded border border-slate-500 px-3 py-2" />
          <button type="submit" className="rounded bg-slate-900 px-4 py-2 font-semibold text-white">
            {tr("search")}
          </button>
        </div>
      </form>
      {problems.length > 0 ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3">
          {tr("unknownParam", { problem: problems.join("; ") })}
        </p>
      ) : null}

      {items.length === 0 ? (
        <p>{tr("topicsNone")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">{q ? tr("topicsTableFiltered", { q }) : tr("topicsTable")}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="px-2 py-2 text-start">{tr("fieldTopicName")}</th>
                <th scope="col" className="px-2 py-2 text-start">{tr("parentColumn")}</th>
                <th scope="col" className="px-2 py-2 text-end">{tr("statementsColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((topic) => (
                <tr key={topic.id} className="border-b border-slate-200 align-top" data-topic-id={topic.id}>
                  <td className="px-2 py-2">
                    <Link href={`/curate/topics/${topic.id}`} className="font-semibold underline">
                      <bdi>{topic.name}</bdi>
                    </Link>
                    {topic.matched !== topic.name ? (
                      <span className="block text-slate-700">
                        <bdi>{tr("matchedAlias", { name: topic.matched })}</bdi>
                      </span>
                    ) : null}
                  </td>
                  <td className="px-2 py-2">
                    <bdi>{topic.parentName ?? ""}</bdi>
                  </td>
                  <td className="px-2 py-2 text-end">{formatNumber(topic.statementCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListPager page={page} hasMore={hasMore} href={href} labels={{ nav: tr("pagesLabel"), previous: tr("previousPage"), next: tr("nextPage") }} />

      <section aria-labelledby="new-topic-title" className="space-y-4 border-t border-slate-200 pt-6">
        <h2 id="new-topic-title" className="text-xl font-bold">
          {tr("newTopicTitle")}
        </h2>
        <TopicForm mode="create" initial={null} text={curateEntitiesMessages[locale]} maxName={TOPIC_LIMITS.nameMaxLength} />
      </section>
    </div>
  );
}
