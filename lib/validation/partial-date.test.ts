import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkPartialDate,
  parsePartialDate,
  partialDateFromStorage,
  storedPartialDate,
  storedPartialDateIso,
  partialDateSchema,
  toDayNumber,
  type PartialDate,
} from "./partial-date";
import { formatZodError } from "./zod-messages";

describe("parsePartialDate", () => {
  it.each<[string, PartialDate]>([
    ["2016", { iso: "2016", precision: "year", start: "2016-01-01", end: "2016-12-31" }],
    ["2016-11", { iso: "2016-11", precision: "month", start: "2016-11-01", end: "2016-11-30" }],
    ["2016-11-17", { iso: "2016-11-17", precision: "day", start: "2016-11-17", end: "2016-11-17" }],
    ["2016-02", { iso: "2016-02", precision: "month", start: "2016-02-01", end: "2016-02-29" }],
    ["2015-02", { iso: "2015-02", precision: "month", start: "2015-02-01", end: "2015-02-28" }],
    ["2000-02", { iso: "2000-02", precision: "month", start: "2000-02-01", end: "2000-02-29" }],
    ["1900-02", { iso: "1900-02", precision: "month", start: "1900-02-01", end: "1900-02-28" }],
    ["2016-12", { iso: "2016-12", precision: "month", start: "2016-12-01", end: "2016-12-31" }],
    ["2016-02-29", { iso: "2016-02-29", precision: "day", start: "2016-02-29", end: "2016-02-29" }],
    ["2000-02-29", { iso: "2000-02-29", precision: "day", start: "2000-02-29", end: "2000-02-29" }],
    ["1000", { iso: "1000", precision: "year", start: "1000-01-01", end: "1000-12-31" }],
    ["2999-12-31", { iso: "2999-12-31", precision: "day", start: "2999-12-31", end: "2999-12-31" }],
  ])("accepts %s", (input, expected) => {
    expect(parsePartialDate(input)).toEqual(expected);
  });

  it.each([
    // impossible dates
    ["2016-02-30", "not-real"],
    ["2015-02-29", "not-real"],
    ["1900-02-29", "not-real"],
    ["2016-04-31", "not-real"],
    ["2016-13-40", "not-real"],
    ["2016-13", "not-real"],
    ["2016-00", "not-real"],
    ["2016-01-00", "not-real"],
    ["2016-01-32", "not-real"],
    // out of the supported years
    ["0999", "year-range"],
    ["0000", "year-range"],
    ["3000-01-01", "year-range"],
    // not one of the three shapes; no Date-style leniency
    ["", "format"],
    ["16", "format"],
    ["20161", "format"],
    ["2016-1", "format"],
    ["2016-1-5", "format"],
    ["2016-11-5", "format"],
    ["2016/11/17", "format"],
    ["17.11.2016", "format"],
    ["2016-11-17T00:00:00Z", "format"],
    ["2016-11-17 ", "format"],
    [" 2016", "format"],
    ["2016\n", "format"],
    ["+2016", "format"],
    ["-2016", "format"],
    ["20161117", "format"],
    ["2016-W46", "format"],
    ["Nov 2016", "format"],
    ["٢٠١٦", "format"],
    ["２０１６", "format"],
  ])("rejects %j (%s)", (input, problem) => {
    expect(parsePartialDate(input)).toBeNull();
    expect(checkPartialDate(input)).toEqual({ ok: false, problem });
  });

  it("never throws, and returns null or a consistent PartialDate, on any string", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.stringMatching(/^\d{4}(-\d{2}(-\d{2})?)?$/)), (input) => {
        const parsed = parsePartialDate(input);
        if (parsed !== null) {
          expect(parsed.iso).toBe(input);
          expect(parsed.start <= parsed.end).toBe(true);
        }
      }),
    );
  });

  it("agrees with the calendar on every well-shaped YYYY-MM-DD", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[12]\d{3}-[01]\d-[0-3]\d$/), (input) => {
        const viaDate = new Date(`${input}T00:00:00Z`);
        const real = !Number.isNaN(viaDate.getTime()) && viaDate.toISOString().slice(0, 10) === input;
        expect(parsePartialDate(input) !== null).toBe(real);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("storedPartialDate", () => {
  it("is null when either column is null, and partialDateFromStorage otherwise", () => {
    expect(storedPartialDate(null, null)).toBeNull();
    expect(storedPartialDate("2016-11-01", null)).toBeNull();
    expect(storedPartialDate(null, "month")).toBeNull();
    expect(storedPartialDate("2016-11-01", "month")).toEqual(partialDateFromStorage("2016-11-01", "month"));
  });
  it("storedPartialDateIso gives its ISO form, or null", () => {
    expect(storedPartialDateIso("2016-01-01", "year")).toBe("2016");
    expect(storedPartialDateIso("2016-11-01", "month")).toBe("2016-11");
    expect(storedPartialDateIso("2016-11-19", "day")).toBe("2016-11-19");
    expect(storedPartialDateIso("2016-11-19", null)).toBeNull();
  });
});

describe("partialDateFromStorage", () => {
  it("round-trips every accepted date", () => {
    const dates = fc
      .tuple(fc.integer({ min: 1000, max: 2999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
      .chain(([y, m, d]) => {
        const year = String(y);
        const month = `${year}-${String(m).padStart(2, "0")}`;
        return fc.constantFrom(year, month, `${month}-${String(d).padStart(2, "0")}`);
      });
    fc.assert(
      fc.property(fc.oneof(dates, fc.string()), (input) => {
        const parsed = parsePartialDate(input);
        if (parsed === null) return;
        expect(partialDateFromStorage(parsed.start, parsed.precision)).toEqual(parsed);
      }),
      { numRuns: 2000 },
    );
  });

  it("truncates a start that is not the first day of its period", () => {
    expect(partialDateFromStorage("2016-11-17", "year").iso).toBe("2016");
    expect(partialDateFromStorage("2016-11-17", "month")).toEqual({
      iso: "2016-11",
      precision: "month",
      start: "2016-11-01",
      end: "2016-11-30",
    });
  });

  it.each([
    ["2016", "year"],
    ["2016-02-30", "day"],
    ["not a date", "day"],
  ] as const)("throws on a malformed start %j", (start, precision) => {
    expect(() => partialDateFromStorage(start, precision)).toThrow(RangeError);
  });

  it("throws on an unknown precision", () => {
    expect(() => partialDateFromStorage("2016-01-01", "week" as never)).toThrow(RangeError);
  });
});

describe("toDayNumber", () => {
  it.each([
    ["1970-01-01", 0],
    ["1970-01-02", 1],
    ["1969-12-31", -1],
    ["2000-03-01", 11017],
    ["2016-11-17", 17122],
    ["1000-01-01", -354285],
    ["2999-12-31", 376199],
  ])("%s → %d", (day, expected) => {
    expect(toDayNumber(day)).toBe(expected);
  });

  it("matches Date.UTC for every day in the supported range and is strictly increasing", () => {
    const min = Date.UTC(1000, 0, 1);
    const max = Date.UTC(2999, 11, 31);
    fc.assert(
      fc.property(fc.integer({ min, max }), fc.integer({ min: 1, max: 1000 }), (ms, gap) => {
        const day = new Date(ms).toISOString().slice(0, 10);
        const n = toDayNumber(day);
        expect(n).toBe(Math.floor(ms / 86_400_000));
        const later = new Date(ms + gap * 86_400_000).toISOString().slice(0, 10);
        expect(toDayNumber(later)).toBe(n + gap);
      }),
      { numRuns: 2000 },
    );
  });

  it.each(["2016-02-30", "2016-11", "2016-11-17T00:00", ""])("throws on %j", (day) => {
    expect(() => toDayNumber(day)).toThrow(RangeError);
  });
});

describe("partialDateSchema", () => {
  it("parses to a PartialDate, ignoring surrounding whitespace", () => {
    expect(partialDateSchema.parse(" 2016-11 ")).toEqual(parsePartialDate("2016-11"));
  });

  it.each<[unknown, string]>([
    ["2016-13-40", '"2016-13-40" is not a real date'],
    ["2015-02-29", '"2015-02-29" is not a real date'],
    ["16/11/2016", "must be a date written YYYY, YYYY-MM or YYYY-MM-DD"],
    ["", "must be a date written YYYY, YYYY-MM or YYYY-MM-DD"],
    [2016, "must be a date written YYYY, YYYY-MM or YYYY-MM-DD"],
    ["0999", '"0999" is outside the years 1000–2999'],
    [undefined, "is required"],
    [null, "is required"],
  ])("%j → %s", (input, message) => {
    const result = partialDateSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (!result.success) expect(formatZodError(result.error)).toBe(message);
  });
});
