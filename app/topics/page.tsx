import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Pager } from "@/components/date-pager";
import { TopicTree } from "@/components/topic-tree";
import { pageCount, parsePageParam } from "@/lib/db/queries/dates";
import { TOPIC_INDEX_PAGE_SIZE, topicTreePage } from "@/lib/db/queries/topics";
import { topicsMessages } from "@/lib/i18n/messages/topics";
import { getI18n } from "@/lib/i18n/server";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const tr = (await getI18n()).t(topicsMessages);
  const page = parsePageParam((await searchParams).page);
  return {
    title: tr("indexTitle"),
    description: tr("indexIntro"),
    alternates: { canonical: page && page > 1 ? `/topics?page=${page}` : "/topics" },
  };
}

export default async function TopicsPage({ searchParams }: Props) {
  const page = parsePageParam((await searchParams).page);
  if (page === null) notFound();
  const { locale, t } = await getI18n();
  const tr = t(topicsMessages);
  const { roots, rootCount, topicCount } = await topicTreePage(locale, page);
  const pages = pageCount(rootCount, TOPIC_INDEX_PAGE_SIZE);
  if (page > pages) notFound();
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{tr("indexTitle")}</h1>
        <p className="text-slate-700">{tr("indexIntro")}</p>
        {topicCount > 0 ? <p className="text-slate-700">{tr("topicTotal", { count: topicCount })}</p> : null}
      </header>
      {roots.length === 0 ? <p>{tr("noTopics")}</p> : <TopicTree nodes={roots} />}
      <Pager basePath="/topics" page={page} pages={pages} label={tr("pagesLabel")} />
    </div>
  );
}
