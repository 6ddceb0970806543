import type { Settings } from "meilisearch";

// Index settings as code: applied on every reindex and checked at start, so the
// index is always configured by what is in the repository.
export const STATEMENT_INDEX_SETTINGS: Settings = {
  // In order of weight: who said it first (a reader typing a name wants that
  // person's statements before statements that mention them), then the words
  // said, then topics and outlet.
  searchableAttributes: ["speakerNames", "content_ar", "content_de", "content_en", "content", "topicNames", "outlet"],
  displayedAttributes: ["*"],
  filterableAttributes: ["speakerSlug", "speakerId", "topics", "language", "kind", "year", "saidOnStart", "saidOnEnd", "speakerKind", "id"],
  sortableAttributes: ["saidOnStart", "id"],
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"],
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
