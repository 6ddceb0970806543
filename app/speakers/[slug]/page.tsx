import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { permanentRedirectTo } from "@/lib/http/redirect";
import { cache, type ReactNode } from "react";
import { JsonLd, speakerSchemaType, wikidataUrl } from "@/components/json-ld";
import { SpeakerActivityChart } from "@/components/speaker-activity-chart";
import { Interpolate, Quoted, SpeakerName } from "@/components/speaker-name";
import { SpeakerPagination } from "@/components/speaker-pagination";
import { StatementCard } from "@/components/statement-card";
import { decodeSlug } from "@/lib/api/responses";
import {
  bucketActivity,
  getSpeakerProfile,
  preferredName,
  speakerActivityCounts,
  speakerTopics,
  type SpeakerProfile,
} from "@/lib/db/queries/speakers";
import { countOf, speakerMessages, type SpeakerMessageKey } from "@/lib/i18n/messages/speakers";
import { getI18n } from "@/lib/i18n/server";
import { searchStatements } from "@/lib/search/query";
import { SearchUnavailableError, type SearchResult } from "@/lib/search/types";
import { latestStatements } from "@/lib/db/queries/statements";
import { findSlugRedirect } from "@/lib/db/queries/redirects";
import { partialDateFromStorage } from "@/lib/validation/partial-date";
import { parseSearchParams, SEARCH_LIMITS } from "@/lib/validation/search-params";
import { siteUrl } from "@/lib/site-url";

type RawParams = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ slug: string }>; searchParams: Promise<RawParams> };

const LATEST_LIMIT = 10;
const TOPICS_LIMIT = 30;
const SEARCH_PER_PAGE = 10;
const SEARCH_MAX_PAGE = Math.floor(SEARCH_LIMITS.maxResultWindow / SEARCH_PER_PAGE);

// generateMetadata and the page read the same speaker once per request.
const loadSpeaker = cache((slug: string) => getSpeakerProfile(slug));

async function load(props: Props): Promise<SpeakerProfile> {
  const slug = decodeSlug((await props.params).slug);
  const speaker = await loadSpeaker(slug);
  if (!speaker) {
    // A merged speaker's old address leads to the speaker it was merged into.
    const target = await findSlugRedirect("speaker", slug);
    if (target) {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(await props.searchParams))
        for (const v of [value ?? []].flat()) query.append(key, v);
      permanentRedirectTo(`${speakerPath(target)}${query.size > 0 ? `?${query.toString()}` : ""}`);
    }
    notFound();
  }
  return speaker;
}

function speakerPath(slug: string): string {
  return `/speakers/${encodeURIComponent(slug)}`;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const speaker = await load(props);
  const { locale, t } = await getI18n();
  const tr = t(speakerMessages);
  const name = preferredName(speaker, locale).text;
  const path = speakerPath(speaker.slug);
  const about = [speaker.role, speaker.description].filter((part): part is string => Boolean(part));
  return {
    title: name,
    description: [...about, countOf(tr, locale, "statements", speaker.statementCount)].join(" · "),
    alternates: {
      canonical: path,
      types: { "application/atom+xml": [{ url: `${path}/feed.xml`, title: tr("feedTitle", { name }) }] },
    },
  };
}

type SearchState =
  | { state: "none" }
  | { state: "invalid"; problems: string[] }
  | { state: "unavailable"; q: string }
  | { state: "done"; q: string; result: SearchResult };

function one(raw: RawParams, field: string): string | null {
  const value = raw[field];
  return (Array.isArray(value) ? value[0] : value)?.trim() || null;
}

/** The search within this speaker's statements: ?q= (and ?page= for more results). */
async function searchWithin(
  slug: string,
  raw: RawParams,
  tr: (key: SpeakerMessageKey, values?: Record<string, string | number>) => string,
): Promise<SearchState> {
  const q = one(raw, "q");
  if (q === null) return { state: "none" };
  const problems: string[] = [];
  if (q.length > SEARCH_LIMITS.queryMaxLength) problems.push(tr("searchParamQ", { max: SEARCH_LIMITS.queryMaxLength }));
  const pageRaw = one(raw, "page") ?? "1";
  if (!/^\d{1,9}$/.test(pageRaw) || Number(pageRaw) < 1 || Number(pageRaw) > SEARCH_MAX_PAGE)
    problems.push(tr("searchParamPage", { max: SEARCH_MAX_PAGE }));
  if (problems.length > 0) return { state: "invalid", problems };
  const parsed = parseSearchParams(
    new URLSearchParams({ q, speaker: slug, page: pageRaw, limit: String(SEARCH_PER_PAGE) }),
  );
  if (!parsed.ok) return { state: "invalid", problems: parsed.errors.map((e) => `${e.field}: ${e.message}`) };
  try {
    return { state: "done", q, result: await searchStatements(parsed.query) };
  } catch (error) {
    if (!(error instanceof SearchUnavailableError)) throw error;
    return { state: "unavailable", q };
  }
}

/** schema.org Person or Organization; its Wikidata item, when known, as sameAs. */
function speakerJsonLd(speaker: SpeakerProfile, url: string) {
  const alternateNames = [
    ...new Set([speaker.names.ar, speaker.names.en, speaker.names.de, ...speaker.aliases]),
  ].filter((name): name is string => Boolean(name) && name !== speaker.name);
  const type = speakerSchemaType(speaker.kind);
  return {
    "@context": "https://schema.org",
    "@type": type,
    "@id": url,
    url,
    name: speaker.name,
    ...(alternateNames.length > 0 ? { alternateName: alternateNames } : {}),
    ...(speaker.role && type === "Person" ? { jobTitle: speaker.role } : {}),
    ...(speaker.description ? { description: speaker.description } : {}),
    ...(speaker.wikidataId ? { sameAs: [wikidataUrl(speaker.wikidataId)] } : {}),
  };
}

function isoStart(iso: string): string {
  return iso.length === 4 ? `${iso}-01-01` : iso.length === 7 ? `${iso}-01` : iso;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-x-4 sm:grid-cols-[10rem_1fr]">
      <dt className="font-semibold text-slate-800">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

export default async function SpeakerPage(props: Props) {
  const speaker = await load(props);
  const raw = await props.searchParams;
  const { locale, t, formatNumber } = await getI18n();
  const tr = t(speakerMessages);
  const name = preferredName(speaker, locale);
  const path = speakerPath(speaker.slug);
  const feedPath = `${path}/feed.xml`;
  const base = await siteUrl();

  const [activityCounts, topics, latest, search] = await Promise.all([
    speakerActivityCounts(speaker.id),
    speakerTopics(speaker.id, locale, TOPICS_LIMIT),
    latestStatements(LATEST_LIMIT, speaker.id),
    searchWithin(speaker.slug, raw, tr),
  ]);
  const activity = bucketActivity(activityCounts);

  const languages = (["ar", "en", "de"] as const).filter((lang) => speaker.names[lang]);
  const canonicalIsListed = languages.some((lang) => speaker.names[lang] === speaker.name);
  const affiliationName = speaker.affiliation ? preferredName(speaker.affiliation, locale) : null;

  return (
    <article className="space-y-8" aria-labelledby="speaker-name">
      <JsonLd data={speakerJsonLd(speaker, `${base}${path}`)} />
      <nav aria-label={tr("breadcrumb")} className="text-sm">
        <ol className="flex flex-wrap gap-2">
          <li>
            <Link href="/speakers" className="underline">
              {tr("indexTitle")}
            </Link>
            <span aria-hidden="true"> / </span>
          </li>
          <li aria-current="page">
            <SpeakerName name={name} />
          </li>
        </ol>
      </nav>

      <header className="space-y-2">
        <h1 id="speaker-name" className="text-3xl font-bold">
          <SpeakerName name={name} />
        </h1>
        <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-slate-700">
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-sm text-slate-800">
            {tr(`kind_${speaker.kind}`)}
          </span>
          {speaker.role ? <bdi>{speaker.role}</bdi> : null}
          <span>{countOf(tr, locale, "statements", speaker.statementCount)}</span>
        </p>
        <p>
          <a href={feedPath} type="application/atom+xml" className="text-sm underline underline-offset-4">
            {tr("feedLink")}
          </a>
        </p>
      </header>

      <section aria-labelledby="profile-heading" className="space-y-3">
        <h2 id="profile-heading" className="text-xl font-semibold">
          {tr("profile")}
        </h2>
        <dl className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
          <Field label={tr("namesLabel")}>
            <ul className="space-y-0.5">
              {languages.map((lang) => (
                <li key={lang}>
                  <span className="text-slate-700">{tr(`language_${lang}`)}: </span>
                  <bdi lang={lang} dir={lang === "ar" ? "rtl" : "ltr"}>
                    {speaker.names[lang]}
                  </bdi>
                </li>
              ))}
              {canonicalIsListed ? null : (
                <li>
                  <bdi>{speaker.name}</bdi>
                </li>
              )}
            </ul>
          </Field>
          {speaker.aliases.length > 0 ? (
            <Field label={tr("aliasesLabel")}>
              <ul className="flex flex-wrap gap-x-2 gap-y-1">
                {speaker.aliases.map((alias, i) => (
                  <li key={`${alias}-${i}`} className="rounded bg-slate-100 px-1.5">
                    <bdi>{alias}</bdi>
                  </li>
                ))}
              </ul>
            </Field>
          ) : null}
          {speaker.role ? (
            <Field label={tr("roleLabel")}>
              <bdi>{speaker.role}</bdi>
            </Field>
          ) : null}
          {speaker.affiliation && affiliationName ? (
            <Field label={tr("affiliationLabel")}>
              {speaker.affiliation.slug ? (
                <Link href={speakerPath(speaker.affiliation.slug)} className="underline">
                  <SpeakerName name={affiliationName} />
                </Link>
              ) : (
                <SpeakerName name={affiliationName} />
              )}
            </Field>
          ) : null}
          {speaker.country ? (
            <Field label={tr("countryLabel")}>
              <bdi>{speaker.country}</bdi>
            </Field>
          ) : null}
          {speaker.description ? (
            <Field label={tr("descriptionLabel")}>
              <p dir="auto">{speaker.description}</p>
            </Field>
          ) : null}
          {speaker.wikidataId ? (
            <Field label={tr("wikidataLabel")}>
              <a href={wikidataUrl(speaker.wikidataId)} rel="noopener noreferrer" className="underline">
                {tr("wikidataLink", { id: speaker.wikidataId })}
              </a>
            </Field>
          ) : null}
          <Field label={tr("statementsLabel")}>{formatNumber(speaker.statementCount)}</Field>
        </dl>
      </section>

      <section aria-labelledby="search-heading" id="search" className="space-y-4">
        <h2 id="search-heading" className="text-xl font-semibold">
          {tr("searchHeading")}
        </h2>
        <form
          action={`${path}#search`}
          method="get"
          role="search"
          aria-labelledby="search-heading"
          className="flex gap-2"
        >
          <label htmlFor="speaker-search-q" className="sr-only">
            {tr("searchLabel", { name: name.text })}
          </label>
          <input
            id="speaker-search-q"
            name="q"
            type="search"
            dir="auto"
            defaultValue={one(raw, "q") ?? ""}
            maxLength={SEARCH_LIMITS.queryMaxLength}
            placeholder={tr("searchPlaceholder")}
            className="w-full rounded border border-slate-500 px-3 py-2"
          />
          <button type="submit" className="rounded bg-slate-900 px-4 py-2 font-semibold text-white">
            {tr("searchButton")}
          </button>
        </form>
        <SearchOutcome search={search} path={path} />
      </section>

      <section aria-labelledby="activity-heading" className="space-y-3">
        <h2 id="activity-heading" className="text-xl font-semibold">
          {tr("activityHeading")}
        </h2>
        <SpeakerActivityChart activity={activity} name={name.text} headingId="activity-heading" />
      </section>

      <section aria-labelledby="topics-heading" className="space-y-3">
        <h2 id="topics-heading" className="text-xl font-semibold">
          {tr("topicsHeading")}
        </h2>
        {topics.topics.length === 0 ? (
          <p>{tr("topicsNone")}</p>
        ) : (
          <>
            <ul className="flex flex-wrap gap-2">
              {topics.topics.map((topic) => (
                <li key={topic.slug}>
                  <Link
                    href={`/topics/${encodeURIComponent(topic.slug)}`}
                    className="inline-block rounded-full border border-slate-400 bg-white px-3 py-1 underline-offset-4 hover:underline"
                  >
                    <SpeakerName name={topic.name} />{" "}
                    <span className="text-slate-700">({countOf(tr, locale, "statements", topic.count)})</span>
                  </Link>
                </li>
              ))}
            </ul>
            {topics.total > topics.topics.length ? (
              <p className="text-sm text-slate-700">
                {tr("topicsShowing", { shown: topics.topics.length, total: topics.total })}
              </p>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="latest-heading" className="space-y-4">
        <h2 id="latest-heading" className="text-xl font-semibold">
          {tr("latestHeading")}
        </h2>
        {latest.length === 0 ? (
          <p>{tr("latestNone")}</p>
        ) : (
          <>
            {latest.map((statement) => (
              <StatementCard key={statement.id} statement={statement} showSpeaker={false} />
            ))}
            {speaker.statementCount > latest.length ? (
              <p>
                <Link href={`/search?speaker=${encodeURIComponent(speaker.slug)}&sort=newest`} className="underline">
                  {tr("latestAll")}
                </Link>
              </p>
            ) : null}
          </>
        )}
      </section>
    </article>
  );
}

async function SearchOutcome({ search, path }: { search: SearchState; path: string }) {
  const { locale, t } = await getI18n();
  const tr = t(speakerMessages);
  if (search.state === "none") return null;
  if (search.state === "invalid") {
    return (
      <div role="alert" className="rounded border border-red-300 bg-red-50 p-3">
        <p className="font-semibold">{tr("searchProblem")}</p>
        <ul className="list-disc ps-6">
          {search.problems.map((problem) => (
            <li key={problem} dir="auto">
              {problem}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (search.state === "unavailable") {
    return (
      <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3">
        {tr("searchUnavailable")}
      </p>
    );
  }
  const { q, result } = search;
  return (
    <section aria-label={tr("searchResults")} className="space-y-4">
      <p role="status">
        <Interpolate
          text={tr("searchFound", { statements: countOf(tr, locale, "statements", result.total) })}
          nodes={{ q: <Quoted text={q} locale={locale} /> }}
        />
      </p>
      {result.hits.map((hit) => (
        <StatementCard
          key={hit.id}
          highlight={hit.highlight}
          showSpeaker={false}
          statement={{
            ...hit,
            saidOn:
              hit.saidOn && hit.saidOnPrecision
                ? partialDateFromStorage(isoStart(hit.saidOn), hit.saidOnPrecision)
                : null,
          }}
        />
      ))}
      {result.total === 0 ? (
        <p>
          {tr("searchNothing")}{" "}
          <Link href={`/search?q=${encodeURIComponent(q)}`} className="underline">
            {tr("searchAll")}
          </Link>
        </p>
      ) : null}
      <SpeakerPagination
        page={result.page}
        pages={Math.min(result.totalPages, SEARCH_MAX_PAGE)}
        href={(page) =>
          `${path}?${new URLSearchParams({ q, ...(page > 1 ? { page: String(page) } : {}) }).toString()}#search`
        }
        label={tr("searchResults")}
      />
    </section>
  );
}
