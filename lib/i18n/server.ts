import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import type { PartialDate } from "@/lib/validation/partial-date";
import {
  LOCALE_COOKIE,
  MONTHS_COOKIE,
  isMonthStyle,
  isUiLocale,
  localeDirection,
  localeFromAcceptLanguage,
  type MonthStyle,
  type UiLocale,
} from "./config";
import { formatPartialDate } from "./format-date";
import { numberFormat } from "./formatters";
import { translator, type Messages, type Translate } from "./translate";

export type I18n = {
  locale: UiLocale;
  dir: "rtl" | "ltr";
  monthStyle: MonthStyle;
  t: <Keys extends string>(messages: Messages<Keys>) => Translate<Keys>;
  formatDate: (date: PartialDate) => string;
  formatNumber: (n: number) => string;
};

/** The reader's interface language: their choice (cookie), else their browser's, else English. Once per request. */
export const getI18n = cache(async (): Promise<I18n> => {
  const jar = await cookies();
  const chosen = jar.get(LOCALE_COOKIE)?.value;
  const locale = isUiLocale(chosen) ? chosen : localeFromAcceptLanguage((await headers()).get("accept-language"));
  const months = jar.get(MONTHS_COOKIE)?.value;
  const monthStyle: MonthStyle = isMonthStyle(months) ? months : "standard";
  const numbers = numberFormat(locale);
  return {
    locale,
    dir: localeDirection(locale),
    monthStyle,
    t: (messages) => translator(messages, locale),
    formatDate: (date) => formatPartialDate(date, locale, monthStyle),
    formatNumber: (n) => numbers.format(n),
  };
});
