import type { Metadata } from "next";
import Link from "next/link";
import { Interpolate, Quoted, SpeakerName } from "@/components/speaker-name";
import { SpeakerPagination } from "@/components/speaker-pagination";
import {
  SPEAKER_INDEX_LIMITS,
  SPEAKER_KINDS,
  isSpeakerKind,
  listSpeakers,
  type SpeakerKind,
} from "@/lib/db/queries/speakers";
import { countOf, speakerMessages, type SpeakerMessageKey } from "@/lib/i18n/messages/speakers";
import { getI18n } from "@/lib/i18n/server";

type RawParams = Record<string, string | string[] | undefined>;
type Props = { searchParams: Promise<RawParams> };

type IndexParams = { kind: SpeakerKind | null; name: string; page: number };
type Problem = { key: SpeakerMessageKey; values?: Record<string, string | number> };

function single(raw: RawParams, field: string, problems: Problem[]): string | null {
  const value = raw[field];
  if (Array.isArray(value)) {
    if (value.length > 1) problems.push({ key: "paramOnce", values: { field } });
    return value[0]?.trim() || null;
  }
  return value?.trim() || null;
}

/** kind, name and page, each checked; every problem names the parameter and its rule. */
function parseIndexParams(raw: RawParams): { params: IndexParams; problems: Problem[] } {
  const problems: Problem[] = [];
  const kindRaw = single(raw, "kind", problems);
  const kind = kindRaw === null ? null : isSpeakerKind(kindRaw) ? kindRaw : null;
  if (kindRaw !== null && kind === null) problems.push({ key: "paramKind" });
  const name = single(raw, "name", problems) ?? "";
  if (name.length > SPEAKER_INDEX_LIMITS.nameMaxLength)
    problems.push({ key: "paramName", values: { max: SPEAKER_INDEX_LIMITS.nameMaxLength } });
  const pageRaw = single(raw, "page", problems);
  const page = pageRaw === null ? 1 : /^\d{1,9}$/.test(pageRaw) ? Number(pageRaw) : NaN;
  const pageOk = Number.isInteger(page) && page >= 1 && page <= SPEAKER_INDEX_LIMITS.maxPage;
  if (!pageOk) problems.push({ key: "paramPage", values: { max: SPEAKER_INDEX_LIMITS.maxPage } });
  return { params: { kind, name, page: pageOk ? page : 1 }, problems };
}

function indexHref({ kind, name, page }: Partial<IndexParams>): string {
  const query = new URLSearchParams();
  if (kind) query.set("kind", kind);
  if (name) query.set("name", name);
  if (page && page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `/speakers?${text}` : "/speakers";
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const tr = (await getI18n()).t(speakerMessages);
  const { params, problems } = parseIndexParams(await searchParams);
  return {
    title: tr("indexTitle"),
    description: tr("indexDescription"),
    alternates: { canonical: problems.length > 0 ? "/speakers" : indexHref({ kind: params.kind, page: params.page }) },
  };
}

export default async function SpeakersPage({ searchParams }: Props) {
  const tr = (await getI18n()).t(speakerMessages);
  const { params, problems } = parseIndexParams(await searchParams);

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{tr("indexTitle")}</h1>
        <p className="text-slate-700">{tr("indexIntro")}</p>
      </header>

      <form action="/speakers" method="get" role="search" aria-label={tr("nameFilterLabel")} className="space-y-1">
        <label htmlFor="speaker-name" className="block font-semibold">
          {tr("nameFilterLabel")}
        </label>
        <div className="flex flex-wrap gap-2">
          {params.kind ? <input type="hidden" name="kind" value={params.kind} /> : null}
          <input
            id="speaker-name"
            name="name"
            type="search"
            dir="auto"
            defaultValue={params.name}
            maxLength={SPEAKER_INDEX_LIMITS.nameMaxLength}
            aria-describedby="speaker-name-hint"
            className="min-w-0 flex-1 rounded border border-slate-500 px-3 py-2"
          />
          <button type="submit" className="rounded bg-slate-900 px-4 py-2 font-semibold text-white">
            {tr("nameFilterButton")}
          </button>
        </div>
        <p id="speaker-name-hint" className="text-sm text-slate-700">
          {tr("nameFilterHint")}
        </p>
        {params.name ? (
          <p className="text-sm">
            <Link href={indexHref({ kind: params.kind })} className="underline">
              {tr("nameFilterClear")}
            </Link>
          </p>
        ) : null}
      </form>

      {problems.length > 0 ? (
        <div role="alert" className="space-y-2 rounded border border-red-300 bg-red-50 p-3">
          <p className="font-semibold">{tr("paramsProblem")}</p>
          <ul className="list-disc ps-6">
            {problems.map((problem, i) => (
              <li key={i} dir="auto">
                {tr(problem.key, problem.values)}
              </li>
            ))}
          </ul>
          <Link href="/speakers" className="underline">
            {tr("indexShowAll")}
          </Link>
        </div>
      ) : (
        <SpeakerList params={params} />
      )}
    </div>
  );
}

async function SpeakerList({ params }: { params: IndexParams }) {
  const { locale, t, formatNumber } = await getI18n();
  const tr = t(speakerMessages);
  const list = await listSpeakers({
    locale,
    kind: params.kind,
    name: params.name,
    page: params.page,
    perPage: SPEAKER_INDEX_LIMITS.perPage,
  });
  const all = list.kinds.person + list.kinds.organization + list.kinds.group;
  const from = (list.page - 1) * list.perPage + 1;
  const filters: Array<{ kind: SpeakerKind | null; label: string; count: number }> = [
    { kind: null, label: tr("kindAll"), count: all },
    ...SPEAKER_KINDS.map((kind) => ({ kind, label: tr(`kindPlural_${kind}`), count: list.kinds[kind] })),
  ];

  return (
    <>
      <nav aria-label={tr("kindFilterLabel")}>
        <ul className="flex flex-wrap gap-2">
          {filters.map((filter) => {
            const current = filter.kind === params.kind;
            return (
              <li key={filter.kind ?? "all"}>
                <Link
                  href={indexHref({ kind: filter.kind, name: params.name })}
                  aria-current={current ? "page" : undefined}
                  className={`inline-block rounded-full border px-3 py-1 ${current ? "border-slate-900 bg-slate-900 text-white" : "border-slate-400 bg-white underline-offset-4 hover:underline"}`}
                >
                  {filter.label} <span className="tabular-nums">({formatNumber(filter.count)})</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      {list.items.length === 0 ? (
        list.total > 0 ? (
          <p role="status">
            {tr("indexEmptyPage", { page: list.page, last: list.totalPages })}{" "}
            <Link href={indexHref({ kind: params.kind, name: params.name })} className="underline">
              {tr("indexFirstPage")}
            </Link>
          </p>
        ) : (
          <p role="status">{tr("indexEmpty")}</p>
        )
      ) : (
        <section aria-labelledby="speaker-list-count" className="space-y-4">
          <p id="speaker-list-count" className="text-slate-700">
            {params.name ? (
              <Interpolate
                text={tr("indexShowingFiltered", {
                  from,
                  to: from + list.items.length - 1,
                  speakers: countOf(tr, locale, "speakers", list.total),
                })}
                nodes={{ name: <Quoted text={params.name} locale={locale} /> }}
              />
            ) : (
              tr("indexShowing", {
                from,
                to: from + list.items.length - 1,
                speakers: countOf(tr, locale, "speakers", list.total),
              })
            )}
          </p>
          <ul
            className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
            data-testid="speaker-list"
          >
            {list.items.map((speaker) => (
              <li
                key={speaker.slug}
                className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-3"
              >
                <div className="min-w-0 space-y-0.5">
                  <p className="flex flex-wrap items-baseline gap-x-2">
                    <Link
                      href={`/speakers/${encodeURIComponent(speaker.slug)}`}
                      className="font-semibold underline-offset-4 hover:underline"
                    >
                      <SpeakerName name={speaker.name} />
                    </Link>
                    <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800">
                      {tr(`kind_${speaker.kind}`)}
                    </span>
                  </p>
                  {speaker.role ? (
                    <p className="text-sm text-slate-700">
                      <bdi>{speaker.role}</bdi>
                    </p>
                  ) : null}
                </div>
                <span className="text-sm text-slate-700 tabular-nums">
                  {countOf(tr, locale, "statements", speaker.statementCount)}
                </span>
              </li>
            ))}
          </ul>
          <SpeakerPagination
            page={list.page}
            pages={list.totalPages}
            href={(page) => indexHref({ kind: params.kind, name: params.name, page })}
          />
        </section>
      )}
    </>
  );
}
