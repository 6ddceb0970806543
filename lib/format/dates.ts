import type { PartialDate } from "@/lib/validation/partial-date";

// Dates are shown with the precision they are known to: "November 2016" is not
// pretended to be "1 November 2016".
export function formatPartialDate(date: PartialDate | null, locale = "en-GB"): string {
  if (!date) return "date unknown";
  const [year, month, day] = date.start.split("-").map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(year, month - 1, day));
  const options: Intl.DateTimeFormatOptions =
    date.precision === "year"
      ? { year: "numeric", timeZone: "UTC" }
      : date.precision === "month"
        ? { year: "numeric", month: "long", timeZone: "UTC" }
        : { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" };
  return new Intl.DateTimeFormat(locale, options).format(utc);
}
