import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import { StatementCard } from "@/components/statement-card";
import { facetLabels } from "@/lib/db/queries/facet-labels";
import { feedMessages } from "@/lib/i18n/messages/feeds";
import { plural, searchMessages } from "@/lib/i18n/messages/search";
import { getI18n } from "@/lib/i18n/server";
import { searchStatements } from "@/lib/search/query";
import { SearchUnavailableError, type SearchHit, type SearchResult } from "@/lib/search/types";
import { partialDateFromStorage, type PartialDate } from "@/lib/validation/partial-date";
import { parseSearchParams, SEARCH_LIMITS } from "@/lib/validation/search-params";
import { activeFilters, FilterRemovalLinks } from "./_components/search-active-filters";
import { SearchDownloads } from "./_components/search-downloads";
import { SearchEmpty } from "./_components/search-empty";
import { facetValueLabeler, SearchFacets } from "./_components/search-facets";
import { SearchPagination } from "./_components/search-pagination";
import { SearchParameterErrors, SearchUnavailable } from "./_components/search-problems";
import { SearchQueryForm } from "./_components/search-query-form";
import { SEARCH_STATE_HEADER } from "@/lib/page-status/search";
import { readSearchState, searchFeedHref, searchHref, toUrlSearchParams } from "./_lib/search-url";

// The reader's search: a GET form and results rendered on the server, so it works
// without JavaScript and the address holds the whole search. The HTTP status of the
// page (400 for bad parameters, 503 when search is down) is set by proxy.ts; see
// lib/page-status/search.ts for why it cannot be set here.

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { t } = await getI18n();
  const tr = t(searchMessages);
  const params = toUrlSearchParams(await searchParams);
  const state = readSearchState(params);
  const q = state.singles.q?.trim();
  return {
    title: q ? tr("titleWithQuery", { q }) : tr("title"),
    // Result lists are for readers; the statements' own pages are what search engines should index.
    robots: { index: false, follow: true },
    // Feed readers find the search's feed from the page; a search the feed would refuse has none.
    ...(parseSearchParams(params).ok
      ? {
          alternates: {
            types: { "application/atom+xml": [{ url: searchFeedHref(state), title: t(feedMessages)("followSearch") }] },
          },
        }
      : {}),
  };
}

function saidOnOf(hit: SearchHit): PartialDate | null {
  if (!hit.saidOn || !hit.saidOnPrecision) return null;
  const iso =
    hit.saidOn.length === 4 ? `${hit.saidOn}-01-01` : hit.saidOn.length === 7 ? `${hit.saidOn}-01` : hit.saidOn;
  return partialDateFromStorage(iso, hit.saidOnPrecision);
}

export default async function SearchPage({ searchParams }: Props) {
  const params = toUrlSearchParams(await searchParams);
  const state = readSearchState(params);
  const parsed = parseSearchParams(params);
  const { locale, t, formatNumber } = await getI18n();
  const tr = t(searchMessages);

  let result: SearchResult | null = null;
  let unavailable = false;
  if (parsed.ok) {
    // The proxy already found the index unreachable: do not wait for a second failure.
    if ((await headers()).get(SEARCH_STATE_HEADER) === "unavailable") {
      unavailable = true;
    } else {
      try {
        result = await searchStatements(parsed.query, { disjunctiveFacets: true });
      } catch (error) {
        unstable_rethrow(error);
        if (!(error instanceof SearchUnavailableError)) throw error;
        unavailable = true;
      }
    }
  }

  const labels = result
    ? await facetLabels(
        {
          speakers: [
            ...Object.keys(result.facets.speaker),
            ...state.lists.speaker,
            ...result.hits.map((hit) => hit.speaker.slug),
          ],
          topics: [...Object.keys(result.facets.topic), ...state.lists.topic],
        },
        locale,
      )
    : null;
  const label = labels ? await facetValueLabeler(labels, locale) : null;
  const filters = label ? await activeFilters(state, label) : [];

  const status = !parsed.ok
    ? tr("errorHeading")
    : unavailable
      ? tr("unavailableHeading")
      : result
        ? plural(tr, locale, "found", result.total)
        : "";
  const lastPage = result ? Math.min(result.totalPages, Math.floor(SEARCH_LIMITS.maxResultWindow / result.limit)) : 0;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{tr("heading")}</h1>
      <SearchQueryForm state={state} invalidFields={new Set(parsed.ok ? [] : parsed.errors.map((e) => e.field))} />
      {/* Announces the outcome of every search, including those made as the reader types. */}
      <p role="status" className="text-lg font-semibold">
        {status}
      </p>
      {!parsed.ok ? <SearchParameterErrors state={state} errors={parsed.errors} /> : null}
      {unavailable ? <SearchUnavailable state={state} /> : null}
      {result && label ? (
        <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_16rem]">
          <section aria-labelledby="search-results-heading" className="min-w-0 space-y-4">
            <h2 id="search-results-heading" className="sr-only">
              {tr("resultsHeading")}
            </h2>
            {/* On narrow screens the filters come after the results. */}
            {result.total > 0 || filters.length > 0 ? (
              <a href="#search-filters-heading" className="text-sm underline underline-offset-4 lg:hidden">
                {tr("jumpToFilters")}
              </a>
            ) : null}
            {filters.length > 0 ? (
              <div className="space-y-1">
                <p id="search-active-filters" className="text-sm font-semibold">
                  {tr("activeFilters")}
                </p>
                <FilterRemovalLinks state={state} filters={filters} id="search-active-filter-links" />
              </div>
            ) : null}
            {result.totalPages > 1 && result.hits.length > 0 ? (
              <p className="text-sm text-slate-700">
                {tr("pageOf", { page: formatNumber(result.page), pages: formatNumber(lastPage) })}
              </p>
            ) : null}
            <SearchDownloads state={state} total={result.total} />
            <p className="text-sm">
              <a
                href={searchFeedHref(state)}
                type="application/atom+xml"
                title={t(feedMessages)("followSearchTitle")}
                className="underline underline-offset-4"
                data-testid="follow-search"
              >
                {t(feedMessages)("followSearch")}
              </a>
            </p>
            {result.hits.length > 0 ? (
              <ol className="space-y-4">
                {result.hits.map((hit) => (
                  <li key={hit.id}>
                    <StatementCard
                      highlight={hit.highlight}
                      statement={{
                        id: hit.id,
                        text: hit.text,
                        language: hit.language,
                        kind: hit.kind,
                        speaker: {
                          slug: hit.speaker.slug,
                          name: labels?.speakers.get(hit.speaker.slug) ?? hit.speaker.name,
                        },
                        saidOn: saidOnOf(hit),
                      }}
                    />
                  </li>
                ))}
              </ol>
            ) : result.total > 0 ? (
              <p>
                {tr("pageEmpty", { page: formatNumber(result.page) })}{" "}
                <Link
                  href={searchHref(state, { set: "page", value: String(lastPage) })}
                  prefetch={false}
                  className="underline underline-offset-4"
                >
                  {tr("goToLastPage", { page: formatNumber(lastPage) })}
                </Link>
              </p>
            ) : (
              <SearchEmpty state={state} filters={filters} />
            )}
            <SearchPagination state={state} page={result.page} totalPages={lastPage} />
          </section>
          <SearchFacets state={state} facets={result.facets} label={label} />
        </div>
      ) : null}
    </div>
  );
}
