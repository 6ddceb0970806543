import type { Metadata } from "next";
import { SearchForm } from "@/components/search-form";
import { StatementCard } from "@/components/statement-card";
import { searchStatements } from "@/lib/search/query";
import { SearchUnavailableError, type SearchResult } from "@/lib/search/types";
import { partialDateFromStorage } from "@/lib/validation/partial-date";
import { parseSearchParams } from "@/lib/validation/search-params";

export const metadata: Metadata = { title: "Search" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function toUrlParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  return params;
}

export default async function SearchPage({ searchParams }: Props) {
  const params = toUrlParams(await searchParams);
  const parsed = parseSearchParams(params);
  let result: SearchResult | null = null;
  let unavailable = false;
  if (parsed.ok) {
    try {
      result = await searchStatements(parsed.query);
    } catch (error) {
      if (!(error instanceof SearchUnavailableError)) throw error;
      unavailable = true;
    }
  }
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Search statements</h1>
      <SearchForm defaultValue={params.get("q") ?? ""} />
      {!parsed.ok ? (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3">
          <p className="font-semibold">The search could not be run:</p>
          <ul className="list-disc ps-6">
            {parsed.errors.map((e) => (
              <li key={`${e.field}:${e.message}`}>
                {e.field}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {unavailable ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3">
          Search is unavailable right now. Speaker, topic and statement pages still work; please try the search again shortly.
        </p>
      ) : null}
      {result ? (
        <section aria-label="Results" className="space-y-4">
          <p aria-live="polite">{result.total.toLocaleString("en")} statements found</p>
          {result.hits.map((hit) => (
            <StatementCard
              key={hit.id}
              highlight={hit.highlight}
              statement={{
                ...hit,
                saidOn: hit.saidOn && hit.saidOnPrecision ? partialDateFromStorage(isoStart(hit.saidOn), hit.saidOnPrecision) : null,
              }}
            />
          ))}
          {result.total === 0 ? <p>Nothing matched. Try fewer words, another spelling, or the speaker&apos;s name in another script.</p> : null}
        </section>
      ) : null}
    </div>
  );
}

function isoStart(iso: string): string {
  return iso.length === 4 ? `${iso}-01-01` : iso.length === 7 ? `${iso}-01` : iso;
}
