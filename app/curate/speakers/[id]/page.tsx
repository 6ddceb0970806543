import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { EntityEditPage, entityEditTitle } from "@/components/curate/entity-pages";
import { SPEAKER_FORM_LIMITS } from "@/components/curate/entity-limits";
import { requireCuratorPage } from "@/lib/auth/page";
import { idFrom, recentRevisions } from "@/lib/curate/entities";
import { getSpeakerRecord, speakerStatementCount } from "@/lib/curate/speakers";
import { getPool } from "@/lib/db/client";
import { curateEntitiesMessages } from "@/lib/i18n/messages/curate-entities";
import { getI18n } from "@/lib/i18n/server";
import { SpeakerForm } from "../_components/speaker-form";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const load = cache(async (rawId: string) => {
  const id = idFrom(rawId);
  return id === null ? null : getSpeakerRecord(getPool(), id);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await entityEditTitle("speaker", await load((await params).id)) };
}

export default async function EditSpeakerPage({ params, searchParams }: Props) {
  const user = await requireCuratorPage("editor");
  const speaker = await load((await params).id);
  if (!speaker) notFound();
  const { locale } = await getI18n();

  return (
    <EntityEditPage
      entity="speaker"
      record={speaker}
      statementCount={await speakerStatementCount(getPool(), speaker.id)}
      revisions={await recentRevisions(getPool(), "speaker", speaker.id)}
      role={user.role}
      searchParams={await searchParams}
      form={
        <SpeakerForm
          key={speaker.id}
          mode="edit"
          initial={speaker}
          text={curateEntitiesMessages[locale]}
          limits={SPEAKER_FORM_LIMITS}
        />
      }
    />
  );
}
