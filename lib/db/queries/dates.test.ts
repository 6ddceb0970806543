import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "@/lib/seed/demo";
import { parsePartialDate } from "@/lib/validation/partial-date";
import { useTestEnvironment } from "../../../tests/support/integration";
import {
  countStatementsOn,
  daysOfMonth,
  lessPreciseAround,
  monthGrid,
  monthsOfYear,
  neighbouringDates,
  pageCount,
  parseDateParam,
  parsePageParam,
  sectionStartPages,
  statementsOn,
  undatedStatementCount,
  weekday,
  yearsWithStatements,
} from "./dates";

const date = (iso: string) => parsePartialDate(iso)!;

describe("date page parameters", () => {
  it("accepts YYYY, YYYY-MM and YYYY-MM-DD real dates only", () => {
    expect(parseDateParam("2016")?.precision).toBe("year");
    expect(parseDateParam("2016-11")).toMatchObject({ precision: "month", start: "2016-11-01", end: "2016-11-30" });
    expect(parseDateParam("2015-02-29")).toBeNull();
    expect(parseDateParam("2016-02-29")?.precision).toBe("day");
    expect(parseDateParam("2020-02-29")?.precision).toBe("day");
    for (const bad of [
      "2016-02-30",
      "2016-13",
      "2016-00",
      "abc",
      "0999",
      "3000",
      "2016-1",
      "2016-11-17T00:00",
      " 2016",
      "２０１６",
      "٢٠١٦",
    ]) {
      expect(parseDateParam(bad), bad).toBeNull();
    }
  });

  it("reads page numbers strictly", () => {
    expect(parsePageParam(undefined)).toBe(1);
    expect(parsePageParam("1")).toBe(1);
    expect(parsePageParam("37")).toBe(37);
    for (const bad of ["0", "-1", "01", "2.5", "abc", "", "1e3", "100001", "99999999999999999999"])
      expect(parsePageParam(bad), bad).toBeNull();
    expect(parsePageParam(["1", "2"])).toBeNull();
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(20, 20)).toBe(1);
    expect(pageCount(21, 20)).toBe(2);
  });
});

describe("calendar arithmetic", () => {
  it("knows the weekday of any day", () => {
    expect(weekday("2016-11-17")).toBe(4); // Thursday
    expect(weekday("1946-01-01")).toBe(2);
    expect(weekday("1000-01-01")).toBe(3);
    expect(weekday("2015-02-01")).toBe(0);
  });

  it("lays a month out in weeks starting on Monday or Saturday", () => {
    const monday = monthGrid(2016, 11, 1);
    expect(monday[0]).toEqual([null, 1, 2, 3, 4, 5, 6]);
    expect(monday.flat().filter((d) => d !== null)).toHaveLength(30);
    expect(monday.every((week) => week.length === 7)).toBe(true);
    const saturday = monthGrid(2016, 11, 6);
    expect(saturday[0]).toEqual([null, null, null, 1, 2, 3, 4]);
    expect(monthGrid(2015, 2, 0)).toHaveLength(4); // 28 days from a Sunday: exactly four weeks
    expect(
      monthGrid(2016, 2, 1)
        .flat()
        .filter((d) => d !== null),
    ).toHaveLength(29);
  });

  it("finds the page each precision's section starts on", () => {
    expect(sectionStartPages(date("2016"), { day: 45, month: 0, year: 3 }, 20)).toEqual({ day: 1, year: 3 });
    expect(sectionStartPages(date("2016-11"), { day: 0, month: 18, year: 0 }, 20)).toEqual({ month: 1 });
    expect(sectionStartPages(date("2016-11"), { day: 20, month: 1, year: 7 }, 20)).toEqual({ day: 1, month: 2 });
  });
});

describe("date queries", () => {
  let env: Awaited<ReturnType<typeof useTestEnvironment>>;
  beforeAll(async () => {
    env = await useTestEnvironment("date_queries");
    await seedDemoData(env.pool);
    const add = (
      said: string | null,
      precision: string | null,
      status = "published",
      text = `Said ${said} (${precision}, ${status})`,
    ) =>
      env.pool.query(
        `INSERT INTO statements (text, language, kind, speaker_id, said_on, said_on_precision, status, retraction_reason)
         SELECT $1, 'en', 'indirect', id, $2::date, $3, $4, CASE WHEN $4 = 'retracted' THEN 'test' END FROM speakers WHERE slug = 'angela-merkel'`,
        [text, said, precision, status],
      );
    await add("2016-11-05", "day");
    await add("2016-11-05", "day");
    await add("2016-11-20", "day");
    await add("2016-01-01", "year");
    await add("2016-01-01", "month"); // January 2016, not the year
    await add("2015-03-01", "month");
    await add("2014-06-09", "day");
    await add("2018-01-01", "year");
    await add("2019-04-02", "day", "draft");
    await add("2019-05-01", "month", "retracted");
    await add(null, null);
  });
  afterAll(async () => {
    await env.close();
  });

  it("counts a month's statements per precision, never a year-only one", async () => {
    expect(await countStatementsOn(date("2016-11"))).toEqual({ day: 3, month: 18, year: 0 });
    expect(await countStatementsOn(date("2016-01"))).toEqual({ day: 0, month: 1, year: 0 });
    expect(await countStatementsOn(date("2016"))).toEqual({ day: 3, month: 19, year: 1 });
    expect(await countStatementsOn(date("2016-11-17"))).toEqual({ day: 0, month: 0, year: 0 });
    expect(await countStatementsOn(date("2016-11-05"))).toEqual({ day: 2, month: 0, year: 0 });
    expect(await countStatementsOn(date("2016-11-01"))).toEqual({ day: 0, month: 0, year: 0 });
    expect(await countStatementsOn(date("2019"))).toEqual({ day: 0, month: 0, year: 0 });
  });

  it("lists day-known statements first in date order, then month-only, then year-only, paginated", async () => {
    const first = await statementsOn(date("2016"), { page: 1, pageSize: 5 });
    expect(first.slice(0, 3).map((s) => s.saidOn.iso)).toEqual(["2016-11-05", "2016-11-05", "2016-11-20"]);
    expect(first.slice(3).map((s) => s.saidOn.precision)).toEqual(["month", "month"]);
    const all = [];
    for (let page = 1; page <= 5; page++) all.push(...(await statementsOn(date("2016"), { page, pageSize: 5 })));
    expect(all).toHaveLength(23);
    expect(new Set(all.map((s) => s.id)).size).toBe(23);
    expect(all.map((s) => s.saidOn.precision)).toEqual([...Array(3).fill("day"), ...Array(19).fill("month"), "year"]);
    expect(all.filter((s) => s.saidOn.precision === "month").map((s) => s.saidOn.iso)[0]).toBe("2016-01");
    expect(await statementsOn(date("2016-11-17"), { page: 1 })).toEqual([]);
    expect((await statementsOn(date("2016-11"), { page: 1 })).every((s) => s.saidOn.precision !== "year")).toBe(true);
  });

  it("finds the nearest dates with statements of the same granularity, skipping drafts, retracted and less precise ones", async () => {
    const iso = async (d: string) => {
      const { previous, next } = await neighbouringDates(date(d));
      return [previous?.iso ?? null, next?.iso ?? null];
    };
    expect(await iso("2016-11")).toEqual(["2016-01", null]);
    expect(await iso("2016-01")).toEqual(["2015-03", "2016-11"]);
    expect(await iso("2016")).toEqual(["2015", "2018"]);
    expect(await iso("2018")).toEqual(["2016", null]);
    expect(await iso("2016-11-17")).toEqual(["2016-11-05", "2016-11-20"]);
    expect(await iso("2016-11-20")).toEqual(["2016-11-05", null]);
    expect(await iso("2016-11-05")).toEqual(["2014-06-09", "2016-11-20"]);
    expect(await iso("1990-01-01")).toEqual([null, "2014-06-09"]);
    // 2018 is known only to the year: no month of it has a page of its own.
    expect(await iso("2017-05")).toEqual(["2016-11", null]);
  });

  it("says how many less precise statements surround a day or a month", async () => {
    expect(await lessPreciseAround(date("2016-11-17"))).toEqual({ month: 18, year: 1 });
    expect(await lessPreciseAround(date("2016-11"))).toEqual({ month: 0, year: 1 });
    expect(await lessPreciseAround(date("2016"))).toEqual({ month: 0, year: 0 });
  });

  it("counts years, months and days", async () => {
    expect(await yearsWithStatements()).toEqual([
      { year: 2014, count: 1 },
      { year: 2015, count: 1 },
      { year: 2016, count: 23 },
      { year: 2018, count: 1 },
    ]);
    expect(await undatedStatementCount()).toBe(1);
    expect([...(await monthsOfYear(2016)).entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [1, 1],
      [11, 21],
    ]);
    expect([...(await daysOfMonth(2016, 11)).entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [5, 2],
      [20, 1],
    ]);
  });
});
