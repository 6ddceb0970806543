import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireCuratorPage } from "@/lib/auth/page";
import { getSpeakerRecord, speakerStatementCount } from "@/lib/curate/speakers";
import { getPool } from "@/lib/db/client";
import { curateEntitiesMessages } from "@/lib/i18n/messages/curate-entities";
import { getI18n } from "@/lib/i18n/server";
import { DeletePanel } from "../_components/delete-panel";
import { SPEAKER_FORM_LIMITS } from "../_components/limits";
import { MergePanel } from "../_components/merge-panel";
import { RevisionHistory } from "../_components/revision-history";
import { SpeakerForm } from "../_components/speaker-form";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const load = cache(async (rawId: string) => {
  if (!/^[1-9]\d{0,9}$/.test(rawId) || Number(rawId) > 2_147_483_647) return null;
  return getSpeakerRecord(getPool(), Number(rawId));
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const speaker = await load((await params).id);
  const tr = (await getI18n()).t(curateEntitiesMessages);
  return { title: speaker ? `${tr("editSpeakerTitle")}: ${speaker.name}` : tr("editSpeakerTitle") };
}

export default async function EditSpeakerPage({ params, searchParams }: Props) {
  const user = await requireCuratorPage("editor");
  const speaker = await load((await params).id);
  if (!speaker) notFound();
  const raw = await searchParams;
  const { locale, t } = await getI18n();
  const tr = t(curateEntitiesMessages);
  const text = curateEntitiesMessages[locale];
  const statementCount = await speakerStatementCount(getPool(), speaker.id);
  const merged = typeof raw.merged === "string" ? raw.merged : null;
  const moved = typeof raw.moved === "string" && /^\d{1,9}$/.test(raw.moved) ? Number(raw.moved) : 0;

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <p className="text-sm">
          <Link href="/curate/speakers" className="underline">
            {tr("speakersTitle")}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">
          {tr("editSpeakerTitle")}: <bdi>{speaker.name}</bdi>
        </h1>
        <p className="flex flex-wrap gap-x-4 text-slate-700">
          <span>{tr("version", { version: speaker.version })}</span>
          <span>{tr("speakerStatements", { count: statementCount })}</span>
          <Link href={`/speakers/${encodeURIComponent(speaker.slug)}`} className="underline">
            {tr("publicPage")}
          </Link>
        </p>
        {merged ? (
          <p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-green-900">
            <bdi>{tr("merged", { from: merged, entity: tr("entitySpeaker"), count: moved })}</bdi>
          </p>
        ) : null}
      </div>

      <section aria-labelledby="speaker-edit-title" className="space-y-4">
        <h2 id="speaker-edit-title" className="sr-only">
          {tr("editSpeakerTitle")}
        </h2>
        <SpeakerForm key={speaker.id} mode="edit" initial={speaker} text={text} limits={SPEAKER_FORM_LIMITS} />
      </section>

      <section aria-labelledby="speaker-merge-title" className="space-y-3 border-t border-slate-200 pt-6">
        <h2 id="speaker-merge-title" className="text-xl font-bold">
          {tr("mergeHeading", { entity: tr("entitySpeaker") })}
        </h2>
        <MergePanel entity="speakers" id={speaker.id} name={speaker.name} statementCount={statementCount} text={text} />
      </section>

      {user.role === "admin" ? (
        <section aria-labelledby="speaker-delete-title" className="space-y-3 border-t border-slate-200 pt-6">
          <h2 id="speaker-delete-title" className="text-xl font-bold">
            {tr("deleteHeading")}
          </h2>
          <DeletePanel entity="speakers" id={speaker.id} name={speaker.name} statementCount={statementCount} text={text} />
        </section>
      ) : null}

      <section aria-labelledby="speaker-history-title" className="space-y-3 border-t border-slate-200 pt-6">
        <h2 id="speaker-history-title" className="text-xl font-bold">
          {tr("history")}
        </h2>
        <RevisionHistory entity="speaker" id={speaker.id} />
      </section>
    </div>
  );
}
