export type TextDirection = "rtl" | "ltr";

export type LanguageInfo = {
  englishName: string;
  nativeName: string;
  direction: TextDirection;
  /** Locale for Meilisearch `localizedAttributes` / search `locales` (its ISO 639-3 spelling). */
  meilisearchLocale: string;
};

// Kurdish is left out on purpose: Meilisearch's tokenizer has no Kurdish locale.
// Persian is "pes" (Iranian Persian) and Chinese "cmn" (Mandarin) because those are
// the codes Meilisearch's tokenizer uses; "fas"/"zho" are rejected by older versions.
export const LANGUAGES = {
  ar: { englishName: "Arabic", nativeName: "العربية", direction: "rtl", meilisearchLocale: "ara" },
  en: { englishName: "English", nativeName: "English", direction: "ltr", meilisearchLocale: "eng" },
  de: { englishName: "German", nativeName: "Deutsch", direction: "ltr", meilisearchLocale: "deu" },
  fr: { englishName: "French", nativeName: "Français", direction: "ltr", meilisearchLocale: "fra" },
  es: { englishName: "Spanish", nativeName: "Español", direction: "ltr", meilisearchLocale: "spa" },
  ru: { englishName: "Russian", nativeName: "Русский", direction: "ltr", meilisearchLocale: "rus" },
  tr: { englishName: "Turkish", nativeName: "Türkçe", direction: "ltr", meilisearchLocale: "tur" },
  fa: { englishName: "Persian", nativeName: "فارسی", direction: "rtl", meilisearchLocale: "pes" },
  he: { englishName: "Hebrew", nativeName: "עברית", direction: "rtl", meilisearchLocale: "heb" },
  it: { englishName: "Italian", nativeName: "Italiano", direction: "ltr", meilisearchLocale: "ita" },
  nl: { englishName: "Dutch", nativeName: "Nederlands", direction: "ltr", meilisearchLocale: "nld" },
  pt: { englishName: "Portuguese", nativeName: "Português", direction: "ltr", meilisearchLocale: "por" },
  zh: { englishName: "Chinese", nativeName: "中文", direction: "ltr", meilisearchLocale: "cmn" },
} as const satisfies Record<string, LanguageInfo>;

export type LanguageCode = keyof typeof LANGUAGES;

/** ISO 639-1 codes, the app's primary languages (ar, en, de) first. */
export const SUPPORTED_LANGUAGES = [
  "ar",
  "en",
  "de",
  "fr",
  "es",
  "ru",
  "tr",
  "fa",
  "he",
  "it",
  "nl",
  "pt",
  "zh",
] as const satisfies readonly LanguageCode[];

// Fails to compile if a language is added to LANGUAGES but not to SUPPORTED_LANGUAGES.
const _allListed: Exclude<LanguageCode, (typeof SUPPORTED_LANGUAGES)[number]> extends never ? true : false = true;
void _allListed;

export function isSupportedLanguage(x: unknown): x is LanguageCode {
  // Object.hasOwn so that "constructor" or "__proto__" do not count as languages.
  return typeof x === "string" && Object.hasOwn(LANGUAGES, x);
}

export function languageDirection(code: LanguageCode): TextDirection {
  return LANGUAGES[code].direction;
}

export function meilisearchLocale(code: LanguageCode): string {
  return LANGUAGES[code].meilisearchLocale;
}
