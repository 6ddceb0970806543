import type { Metadata } from "next";
import Link from "next/link";
import { requireCuratorPage } from "@/lib/auth/page";
import { SUGGEST_LIMITS, listSpeakersForCuration } from "@/lib/curate/speakers";
import { getPool } from "@/lib/db/client";
import { curateEntitiesMessages } from "@/lib/i18n/messages/curate-entities";
import { getI18n } from "@/lib/i18n/server";
import { ListPager, parseListParams } from "./_components/list-pager";
import { SPEAKER_FORM_LIMITS } from "./_components/limits";
import { SpeakerForm } from "./_components/speaker-form";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getI18n()).t(curateEntitiesMessages)("speakersTitle") };
}


export default async function CurateSpeakersPage({ searchParams }: Props) {
  await requireCuratorPage("editor");
  const raw = await searchParams;
  const { locale, t, formatNumber } = await getI18n();
  const tr = t(curateEntitiesMessages);
  const { q, page, problems } = parseListParams(raw, SUGGEST_LIMITS.queryMaxLength);
  const { items, hasMore } = await listSpeakersForCuration(getPool(), { q, page });
  const deleted = typeof raw.deleted === "string" ? raw.deleted : null;
  const href = (p: number) => {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (p > 1) params.set("page", String(p));
    const query = params.toString();
    return query ? `/curate/speakers?${query}` : "/curate/speakers";
  };

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{tr("speakersTitle")}</h1>
        <p className="text-slate-700">{tr("speakersIntro")}</p>
        {deleted ? (
          <p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-green-900">
            <bdi>{tr("deleted", { name: deleted })}</bdi>
          </p>
        ) : null}
      </div>

      <form method="get" action="/curate/speakers" role="search" className="flex max-w-xl flex-col gap-1">
        <label htmlFor="curate-speakers-q" className="font-semibold">
          {tr("speakersSearchLabel")}
        </label>
        <div className="flex gap-2">
          <input
            id="curate-speakers-q"
            name="q"
            type="search"
            dir="auto"
            defaultValue={q}
            maxLength={SUGGEST_LIMITS.queryMaxLength}
            aria-describedby="curate-speakers-q-hint"
            className="w-full rounded border border-slate-500 px-3 py-2"
          />
          <button type="submit" className="rounded bg-slate-900 px-4 py-2 font-semibold text-white">
            {tr("search")}
          </button>
        </div>
        <p id="curate-speakers-q-hint" className="text-sm text-slate-700">
          {tr("speakersSearchHint")}
        </p>
      </form>
      {problems.length > 0 ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3">
          {tr("unknownParam", { problem: problems.join("; ") })}
        </p>
      ) : null}

      {items.length === 0 ? (
        <p>{tr("speakersNone")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">{q ? tr("speakersTableFiltered", { q }) : tr("speakersTable")}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="px-2 py-2 text-start">{tr("fieldName")}</th>
                <th scope="col" className="px-2 py-2 text-start">{tr("fieldKind")}</th>
                <th scope="col" className="px-2 py-2 text-start">{tr("fieldRole")}</th>
                <th scope="col" className="px-2 py-2 text-start">{tr("fieldAffiliation")}</th>
                <th scope="col" className="px-2 py-2 text-end">{tr("statementsColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((speaker) => (
                <tr key={speaker.id} className="border-b border-slate-200 align-top" data-speaker-id={speaker.id}>
                  <td className="px-2 py-2">
                    <Link href={`/curate/speakers/${speaker.id}`} className="font-semibold underline">
                      <bdi>{speaker.name}</bdi>
                    </Link>
                    {speaker.matched !== speaker.name ? (
                      <span className="block text-slate-700">
                        <bdi>{tr("matchedAlias", { name: speaker.matched })}</bdi>
                      </span>
                    ) : null}
                  </td>
                  <td className="px-2 py-2">{tr(`kind_${speaker.kind}`)}</td>
                  <td className="px-2 py-2">
                    <bdi>{speaker.role ?? ""}</bdi>
                  </td>
                  <td className="px-2 py-2">
                    <bdi>{speaker.affiliation ?? ""}</bdi>
                  </td>
                  <td className="px-2 py-2 text-end">{formatNumber(speaker.statementCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListPager page={page} hasMore={hasMore} href={href} labels={{ nav: tr("pagesLabel"), previous: tr("previousPage"), next: tr("nextPage") }} />

      <section aria-labelledby="new-speaker-title" className="space-y-4 border-t border-slate-200 pt-6">
        <h2 id="new-speaker-title" className="text-xl font-bold">
          {tr("newSpeakerTitle")}
        </h2>
        <SpeakerForm mode="create" initial={null} text={curateEntitiesMessages[locale]} limits={SPEAKER_FORM_LIMITS} />
      </section>
    </div>
  );
}
