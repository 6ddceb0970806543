// The interface languages (statements themselves may be in any supported language).
export const UI_LOCALES = ["en", "ar"] as const;
export type UiLocale = (typeof UI_LOCALES)[number];
export const DEFAULT_LOCALE: UiLocale = "en";

/** Arabic month names: the MSA/Egyptian ones (نوفمبر) or the Levantine ones a Syrian reader expects (تشرين الثاني). */
export const MONTH_STYLES = ["standard", "levantine"] as const;
export type MonthStyle = (typeof MONTH_STYLES)[number];

export const LOCALE_COOKIE = "locale";
export const MONTHS_COOKIE = "months";
/** Set by proxy.ts: the path and query of the page being rendered. */
export const CURRENT_PATH_HEADER = "x-current-path";

export function isUiLocale(value: unknown): value is UiLocale {
  return typeof value === "string" && (UI_LOCALES as readonly string[]).includes(value);
}

export function isMonthStyle(value: unknown): value is MonthStyle {
  return typeof value === "string" && (MONTH_STYLES as readonly string[]).includes(value);
}

export function localeDirection(locale: UiLocale): "rtl" | "ltr" {
  return locale === "ar" ? "rtl" : "ltr";
}

/** The best interface language for an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null): UiLocale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isUiLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}
