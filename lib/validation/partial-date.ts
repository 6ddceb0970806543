import { z } from "zod";
import { quoteForMessage } from "./zod-messages";

export type DatePrecision = "year" | "month" | "day";

export type PartialDate = {
  /** As written: "2016", "2016-11" or "2016-11-17". */
  iso: string;
  precision: DatePrecision;
  /** First day of the period, "YYYY-MM-DD". */
  start: string;
  /** Last day of the period, "YYYY-MM-DD". */
  end: string;
};

export const MIN_YEAR = 1000;
export const MAX_YEAR = 2999;

export const PARTIAL_DATE_MESSAGES = {
  format: "must be a date written YYYY, YYYY-MM or YYYY-MM-DD",
  notReal: (input: string) => `${quoteForMessage(input)} is not a real date`,
  yearRange: (input: string) => `${quoteForMessage(input)} is outside the years ${MIN_YEAR}–${MAX_YEAR}`,
} as const;

export type PartialDateProblem = "format" | "not-real" | "year-range";

export type PartialDateCheck = { ok: true; value: PartialDate } | { ok: false; problem: PartialDateProblem };

// ASCII digits only (no `u` flag, so \d is [0-9]) and anchored: no Date-style leniency
// such as "2016-1-5", "2016/11/17", "+002016" or a trailing time.
const PARTIAL_DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const ISO_DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const pad4 = (n: number) => String(n).padStart(4, "0");

function build(year: number, month: number | null, day: number | null): PartialDate {
  const y = pad4(year);
  if (month === null) {
    return { iso: y, precision: "year", start: `${y}-01-01`, end: `${y}-12-31` };
  }
  const ym = `${y}-${pad2(month)}`;
  if (day === null) {
    return { iso: ym, precision: "month", start: `${ym}-01`, end: `${ym}-${pad2(daysInMonth(year, month))}` };
  }
  const ymd = `${ym}-${pad2(day)}`;
  return { iso: ymd, precision: "day", start: ymd, end: ymd };
}

/** Like parsePartialDate, but says why a date was rejected (for error messages). */
export function checkPartialDate(input: string): PartialDateCheck {
  const match = PARTIAL_DATE_PATTERN.exec(input);
  if (!match) return { ok: false, problem: "format" };
  const [, yearText, monthText, dayText] = match;
  const year = Number(yearText);
  const month = monthText === undefined ? null : Number(monthText);
  const day = dayText === undefined ? null : Number(dayText);
  if (month !== null && (month < 1 || month > 12)) return { ok: false, problem: "not-real" };
  if (month !== null && day !== null && (day < 1 || day > daysInMonth(year, month))) {
    return { ok: false, problem: "not-real" };
  }
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, problem: "year-range" };
  return { ok: true, value: build(year, month, day) };
}

/** Parses exactly `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (years 1000–2999); null for anything else. */
export function parsePartialDate(input: string): PartialDate | null {
  const result = checkPartialDate(input);
  return result.ok ? result.value : null;
}

function parseIsoDay(isoDay: string): { year: number; month: number; day: number } | null {
  const match = ISO_DAY_PATTERN.exec(isoDay);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** partialDateFromStorage of a nullable pair of columns: null when either is absent. */
export function storedPartialDate(start: string | null, precision: string | null): PartialDate | null {
  return start && precision ? partialDateFromStorage(start, precision as DatePrecision) : null;
}

/** The ISO form of storedPartialDate ("2016", "2016-11", "2016-11-19"), or null. */
export function storedPartialDateIso(start: string | null, precision: string | null): string | null {
  return storedPartialDate(start, precision)?.iso ?? null;
}

/**
 * Rebuilds a PartialDate from what the database stores: the first day of the
 * period and its precision. A start that is not the first day is truncated to
 * its period. Throws RangeError on a malformed day or precision (a data bug).
 */
export function partialDateFromStorage(start: string, precision: DatePrecision): PartialDate {
  const parsed = parseIsoDay(start);
  if (!parsed) throw new RangeError(`partialDateFromStorage: ${quoteForMessage(start)} is not a YYYY-MM-DD date`);
  switch (precision) {
    case "year":
      return build(parsed.year, null, null);
    case "month":
      return build(parsed.year, parsed.month, null);
    case "day":
      return build(parsed.year, parsed.month, parsed.day);
    default:
      throw new RangeError(`partialDateFromStorage: unknown precision ${quoteForMessage(String(precision))}`);
  }
}

/**
 * Days since 1970-01-01 (proleptic Gregorian, UTC; negative before 1970), for
 * sortable and filterable numbers in the search index. Throws RangeError on an
 * invalid day. Pure arithmetic (days-from-civil) so no Date/timezone quirks apply.
 */
export function toDayNumber(isoDay: string): number {
  const parsed = parseIsoDay(isoDay);
  if (!parsed) throw new RangeError(`toDayNumber: ${quoteForMessage(isoDay)} is not a real YYYY-MM-DD date`);
  const { month, day } = parsed;
  const year = month <= 2 ? parsed.year - 1 : parsed.year;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function partialDateError(issue: { input?: unknown }): string {
  return issue.input === undefined || issue.input === null ? "is required" : PARTIAL_DATE_MESSAGES.format;
}

/** string → PartialDate; surrounding whitespace is ignored. */
export const partialDateSchema = z.string({ error: partialDateError }).transform((value, ctx): PartialDate => {
  const input = value.trim();
  const result = checkPartialDate(input);
  if (result.ok) return result.value;
  ctx.addIssue(
    result.problem === "format"
      ? PARTIAL_DATE_MESSAGES.format
      : result.problem === "not-real"
        ? PARTIAL_DATE_MESSAGES.notReal(input)
        : PARTIAL_DATE_MESSAGES.yearRange(input),
  );
  return z.NEVER;
});
