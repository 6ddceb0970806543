import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { EntityEditPage, entityEditTitle } from "@/components/curate/entity-pages";
import { TOPIC_FORM_LIMITS } from "@/components/curate/entity-limits";
import { requireCuratorPage } from "@/lib/auth/page";
import { idFrom, recentRevisions } from "@/lib/curate/entities";
import { getTopicRecord, topicStatementCount } from "@/lib/curate/topics";
import { getPool } from "@/lib/db/client";
import { curateEntitiesMessages } from "@/lib/i18n/messages/curate-entities";
import { getI18n } from "@/lib/i18n/server";
import { TopicForm } from "../_components/topic-form";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const load = cache(async (rawId: string) => {
  const id = idFrom(rawId);
  return id === null ? null : getTopicRecord(getPool(), id);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await entityEditTitle("topic", await load((await params).id)) };
}

export default async function EditTopicPage({ params, searchParams }: Props) {
  const user = await requireCuratorPage("editor");
  const topic = await load((await params).id);
  if (!topic) notFound();
  const { locale } = await getI18n();

  return (
    <EntityEditPage
      entity="topic"
      record={topic}
      statementCount={await topicStatementCount(getPool(), topic.id)}
      revisions={await recentRevisions(getPool(), "topic", topic.id)}
      role={user.role}
      searchParams={await searchParams}
      form={
        <TopicForm
          key={topic.id}
          mode="edit"
          initial={topic}
          text={curateEntitiesMessages[locale]}
          limits={TOPIC_FORM_LIMITS}
        />
      }
    />
  );
}
