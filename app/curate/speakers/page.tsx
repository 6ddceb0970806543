import type { Metadata } from "next";
import { EntityListPage, NameCell } from "@/components/curate/entity-pages";
import { SPEAKER_FORM_LIMITS } from "@/components/curate/entity-limits";
import { requireCuratorPage } from "@/lib/auth/page";
import { listSpeakersForCuration } from "@/lib/curate/speakers";
import { getPool } from "@/lib/db/client";
import { curateEntitiesMessages } from "@/lib/i18n/messages/curate-entities";
import { getI18n } from "@/lib/i18n/server";
import { SpeakerForm } from "./_components/speaker-form";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getI18n()).t(curateEntitiesMessages)("speakersTitle") };
}

export default async function CurateSpeakersPage({ searchParams }: Props) {
  await requireCuratorPage("editor");
  const { locale, t, formatNumber } = await getI18n();
  const tr = t(curateEntitiesMessages);

  return (
    <EntityListPage
      entity="speaker"
      searchParams={await searchParams}
      list={(request) => listSpeakersForCuration(getPool(), request)}
      searchHint={tr("speakersSearchHint")}
      columns={[
        { label: tr("fieldName") },
        { label: tr("fieldKind") },
        { label: tr("fieldRole") },
        { label: tr("fieldAffiliation") },
        { label: tr("statementsColumn"), align: "end" },
      ]}
      row={(speaker) => (
        <tr key={speaker.id} className="border-b border-slate-200 align-top" data-speaker-id={speaker.id}>
          <NameCell entity="speaker" item={speaker} />
          <td className="px-2 py-2">{tr(`kind_${speaker.kind}`)}</td>
          <td className="px-2 py-2">
            <bdi>{speaker.role ?? ""}</bdi>
          </td>
          <td className="px-2 py-2">
            <bdi>{speaker.affiliation ?? ""}</bdi>
          </td>
          <td className="px-2 py-2 text-end">{formatNumber(speaker.statementCount)}</td>
        </tr>
      )}
      form={
        <SpeakerForm mode="create" initial={null} text={curateEntitiesMessages[locale]} limits={SPEAKER_FORM_LIMITS} />
      }
    />
  );
}
