import type { SearchParams } from "meilisearch";
import { normalizeQuery } from "@/lib/text/arabic";
import type { FacetName, SearchQuery, StatementDocument } from "./types";

// The Meilisearch request for a reader's query, built in one place: the app's
// search and the benchmark's direct engine queries send exactly the same thing.

export const FACET_ATTRIBUTES: Record<FacetName, string> = {
  speaker: "speakerSlug",
  topic: "topics",
  language: "language",
  kind: "kind",
  year: "year",
  reviewed: "reviewed",
};

const RETRIEVED: Array<keyof StatementDocument> = [
  "id",
  "externalId",
  "text",
  "language",
  "kind",
  "speakerSlug",
  "speakerName",
  "saidOn",
  "saidOnPrecision",
  "topics",
  "outlet",
  "reportCount",
];

/** Quotes a facet value for a Meilisearch filter expression. */
function quoted(value: string | number): string {
  return typeof value === "number" ? String(value) : `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function anyOf(attribute: string, values: Array<string | number>): string | null {
  if (values.length === 0) return null;
  return `${attribute} IN [${values.map(quoted).join(", ")}]`;
}

export function buildFilter(query: SearchQuery): string[] {
  const filters = [
    anyOf("speakerSlug", query.speakers),
    anyOf("topics", query.topics),
    anyOf("language", query.languages),
    anyOf("kind", query.kinds),
    anyOf("year", query.years),
    query.reviewed ? "reviewed = true" : null,
    // A statement matches a date range when the period it may have been said in
    // overlaps the range: a month-precision statement is in a range inside that month.
    query.from !== null ? `saidOnEnd >= ${query.from}` : null,
    query.to !== null ? `saidOnStart <= ${query.to}` : null,
  ];
  return filters.filter((f): f is string => f !== null);
}

function sortFor(query: SearchQuery): string[] | undefined {
  if (query.sort === "newest") return ["saidOnStart:desc", "id:desc"];
  if (query.sort === "oldest") return ["saidOnStart:asc", "id:asc"];
  // Relevance with no words to rank by: newest first reads better than index order.
  return query.q.trim() === "" ? ["saidOnStart:desc", "id:desc"] : undefined;
}

export function buildSearchRequest(query: SearchQuery) {
  // Page-based pagination: Meilisearch then returns exact totals and page counts.
  const params = {
    filter: buildFilter(query),
    sort: sortFor(query),
    page: query.page,
    hitsPerPage: query.limit,
    facets: Object.values(FACET_ATTRIBUTES),
    attributesToRetrieve: RETRIEVED,
  } satisfies SearchParams;
  return { q: normalizeQuery(query.q), params };
}
