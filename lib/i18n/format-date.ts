import type { PartialDate } from "@/lib/validation/partial-date";
import type { MonthStyle, UiLocale } from "./config";

const MONTHS = {
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
  standard: [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
  ],
  levantine: [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
  ],
} as const;

export function monthName(month: number, locale: UiLocale, style: MonthStyle = "standard"): string {
  const names = locale === "en" ? MONTHS.en : MONTHS[style];
  return names[month - 1] ?? String(month);
}

/**
 * A date written with the precision it is known to: "November 2016" is never
 * shown as "1 November 2016". Western digits in both languages, as the Arabic
 * news this app serves writes them.
 */
export function formatPartialDate(date: PartialDate, locale: UiLocale, style: MonthStyle = "standard"): string {
  const [year, month, day] = date.start.split("-").map(Number) as [number, number, number];
  if (date.precision === "year") return String(year);
  const name = monthName(month, locale, style);
  if (date.precision === "month") return `${name} ${year}`;
  return `${day} ${name} ${year}`;
}
