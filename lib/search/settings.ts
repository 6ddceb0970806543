import type { Settings } from "meilisearch";

// Index settings as code: applied on every reindex and checked at start, so the
// index is always configured by what is in the repository.
export const STATEMENT_INDEX_SETTINGS: Settings = {
  // In order of weight: who said it first (a reader typing a name wants that
  // person's statements before statements that mention them), then the words
  // said, then topics and outlet.
  searchableAttributes: ["speakerNames", "content_ar", "content_de", "content_en", "content", "topicNames", "outlet"],
  displayedAttributes: ["*"],
  // Only what a query filters on, and only the operators it uses: equality for
  // the facets (lib/search/request.ts) and for the duplicate check's speakerId
  // and `id !=` (lib/search/similar.ts); ranges on the two date bounds. No facet
  // search (nothing searches facet values), so Meilisearch builds less per batch.
  filterableAttributes: [
    {
      attributePatterns: ["speakerSlug", "topics", "language", "kind", "year", "reviewed", "speakerId", "id"],
      features: { facetSearch: false, filter: { equality: true, comparison: false } },
    },
    {
      attributePatterns: ["saidOnStart", "saidOnEnd"],
      features: { facetSearch: false, filter: { equality: false, comparison: true } },
    },
  ],
  facetSearch: false,
  // Newest/oldest first, ties by id (lib/search/request.ts).
  sortableAttributes: ["saidOnStart", "id"],
  // `sort` (given only for newest/oldest: lib/search/request.ts) comes right after the words found and
  // their typos: a search sorted by date lists the best-matching statements newest first. After
  // `attribute` it sorted only within equal matches, so a German match outranked a newer English one
  // (the field a word is found in decides `attribute`), and the feed of a search was not newest first.
  rankingRules: ["words", "typo", "sort", "proximity", "attribute", "exactness"],
  // Each language's text sits in its own field, so the tokenizer never has to guess.
  localizedAttributes: [
    { attributePatterns: ["content_ar"], locales: ["ara"] },
    { attributePatterns: ["content_de"], locales: ["deu"] },
    { attributePatterns: ["content_en"], locales: ["eng"] },
  ],
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    disableOnAttributes: ["speakerNames"],
    disableOnNumbers: true,
  },
  faceting: { maxValuesPerFacet: 200, sortFacetValuesBy: { "*": "count" } },
  // Totals stay exact at a million statements; deep pages are limited in the API instead.
  pagination: { maxTotalHits: 2_000_000 },
};

export const CONTENT_FIELDS = ["content_ar", "content_de", "content_en", "content"] as const;

export function contentFieldFor(language: string): (typeof CONTENT_FIELDS)[number] {
  if (language === "ar") return "content_ar";
  if (language === "de") return "content_de";
  if (language === "en") return "content_en";
  return "content";
}
