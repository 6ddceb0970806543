import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireCuratorPage } from "@/lib/auth/page";
import { TOPIC_LIMITS, getTopicRecord, topicStatementCount } from "@/lib/curate/topics";
import { getPool } from "@/lib/db/client";
import { curateEntitiesMessages } from "@/lib/i18n/messages/curate-entities";
import { getI18n } from "@/lib/i18n/server";
import { DeletePanel } from "../../speakers/_components/delete-panel";
import { MergePanel } from "../../speakers/_components/merge-panel";
import { RevisionHistory } from "../../speakers/_components/revision-history";
import { TopicForm } from "../_components/topic-form";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const load = cache(async (rawId: string) => {
  if (!/^[1-9]\d{0,9}$/.test(rawId) || Number(rawId) > 2_147_483_647) return null;
  return getTopicRecord(getPool(), Number(rawId));
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const topic = await load((await params).id);
  const tr = (await getI18n()).t(curateEntitiesMessages);
  return { title: topic ? `${tr("editTopicTitle")}: ${topic.name}` : tr("editTopicTitle") };
}

export default async function EditTopicPage({ params, searchParams }: Props) {
  const user = await requireCuratorPage("editor");
  const topic = await load((await params).id);
  if (!topic) notFound();
  const raw = await searchParams;
  const { locale, t } = await getI18n();
  const tr = t(curateEntitiesMessages);
  const text = curateEntitiesMessages[locale];
  const statementCount = await topicStatementCount(getPool(), topic.id);
  const merged = typeof raw.merged === "string" ? raw.merged : null;
  const moved = typeof raw.moved === "string" && /^\d{1,9}$/.test(raw.moved) ? Number(raw.moved) : 0;

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <p className="text-sm">
          <Link href="/curate/topics" className="underline">
            {tr("topicsTitle")}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">
          {tr("editTopicTitle")}: <bdi>{topic.name}</bdi>
        </h1>
        <p className="flex flex-wrap gap-x-4 text-slate-700">
          <span>{tr("version", { version: topic.version })}</span>
          <span>{tr("topicStatements", { count: statementCount })}</span>
          <Link href={`/topics/${encodeURIComponent(topic.slug)}`} className="underline">
            {tr("publicPage")}
          </Link>
        </p>
        {merged ? (
          <p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-green-900">
            <bdi>{tr("merged", { from: merged, entity: tr("entityTopic"), count: moved })}</bdi>
          </p>
        ) : null}
      </div>

      <section aria-labelledby="topic-edit-title" className="space-y-4">
        <h2 id="topic-edit-title" className="sr-only">
          {tr("editTopicTitle")}
        </h2>
        <TopicForm key={topic.id} mode="edit" initial={topic} text={text} maxName={TOPIC_LIMITS.nameMaxLength} />
      </section>

      <section aria-labelledby="topic-merge-title" className="space-y-3 border-t border-slate-200 pt-6">
        <h2 id="topic-merge-title" className="text-xl font-bold">
          {tr("mergeHeading", { entity: tr("entityTopic") })}
        </h2>
        <MergePanel entity="topics" id={topic.id} name={topic.name} statementCount={statementCount} text={text} />
      </section>

      {user.role === "admin" ? (
        <section aria-labelledby="topic-delete-title" className="space-y-3 border-t border-slate-200 pt-6">
          <h2 id="topic-delete-title" className="text-xl font-bold">
            {tr("deleteHeading")}
          </h2>
          <DeletePanel entity="topics" id={topic.id} name={topic.name} statementCount={statementCount} text={text} />
        </section>
      ) : null}

      <section aria-labelledby="topic-history-title" className="space-y-3 border-t border-slate-200 pt-6">
        <h2 id="topic-history-title" className="text-xl font-bold">
          {tr("history")}
        </h2>
        <RevisionHistory entity="topic" id={topic.id} />
      </section>
    </div>
  );
}
