import type { UiLocale } from "./config";

// Intl objects are costly to build (a CPU profile of the search page found a
// new PluralRules per facet count among its hottest lines) and immutable, so
// each is built once per process and language.

const numberFormats = new Map<UiLocale, Intl.NumberFormat>();
const pluralRules = new Map<UiLocale, Intl.PluralRules>();
const languageNames = new Map<UiLocale, Intl.DisplayNames>();

/** Numbers with the locale's grouping; Arabic keeps Latin digits, as the site writes them. */
export function numberFormat(locale: UiLocale): Intl.NumberFormat {
  let format = numberFormats.get(locale);
  if (!format)
    numberFormats.set(locale, (format = new Intl.NumberFormat(locale === "ar" ? "ar-SY-u-nu-latn" : "en-GB")));
  return format;
}

/** The CLDR plural rules of the interface language (Arabic has six categories). */
export function pluralRulesOf(locale: UiLocale): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale === "ar" ? "ar" : "en")));
  return rules;
}

/** Language names ("Arabic", «العربية») in the interface language; unknown codes stay as they are. */
export function languageNamesIn(locale: UiLocale): Intl.DisplayNames {
  let names = languageNames.get(locale);
  if (!names)
    languageNames.set(locale, (names = new Intl.DisplayNames([locale], { type: "language", fallback: "code" })));
  return names;
}
