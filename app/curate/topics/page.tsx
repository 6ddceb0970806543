import type { Metadata } from "next";
import { EntityListPage, NameCell } from "@/components/curate/entity-pages";
import { TOPIC_FORM_LIMITS } from "@/components/curate/entity-limits";
import { requireCuratorPage } from "@/lib/auth/page";
import { listTopicsForCuration } from "@/lib/curate/topics";
import { getPool } from "@/lib/db/client";
import { curateEntitiesMessages } from "@/lib/i18n/messages/curate-entities";
import { getI18n } from "@/lib/i18n/server";
import { TopicForm } from "./_components/topic-form";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getI18n()).t(curateEntitiesMessages)("topicsTitle") };
}

export default async function CurateTopicsPage({ searchParams }: Props) {
  await requireCuratorPage("editor");
  const { locale, t, formatNumber } = await getI18n();
  const tr = t(curateEntitiesMessages);

  return (
    <EntityListPage
      entity="topic"
      searchParams={await searchParams}
      list={(request) => listTopicsForCuration(getPool(), request)}
      columns={[
        { label: tr("fieldTopicName") },
        { label: tr("parentColumn") },
        { label: tr("statementsColumn"), align: "end" },
      ]}
      row={(topic) => (
        <tr key={topic.id} className="border-b border-slate-200 align-top" data-topic-id={topic.id}>
          <NameCell entity="topic" item={topic} />
          <td className="px-2 py-2">
            <bdi>{topic.parentName ?? ""}</bdi>
          </td>
          <td className="px-2 py-2 text-end">{formatNumber(topic.statementCount)}</td>
        </tr>
      )}
      form={<TopicForm mode="create" initial={null} text={curateEntitiesMessages[locale]} limits={TOPIC_FORM_LIMITS} />}
    />
  );
}
