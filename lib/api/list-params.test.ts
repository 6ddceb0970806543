import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeCursor } from "./cursor";
import {
  LIST_LIMITS,
  LIST_PARAMETERS,
  parseDatesParams,
  parseSpeakerListParams,
  parseStatementListParams,
  parseTopicListParams,
  slugCursorFor,
  statementCursor,
  type ListParamsResult,
} from "./list-params";

const qs = (query: string) => new URLSearchParams(query);

function errorsOf<T>(result: ListParamsResult<T>) {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.query)}`);
  return result.errors;
}

function queryOf<T>(result: ListParamsResult<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.query;
}

const fields = <T>(result: ListParamsResult<T>) => errorsOf(result).map((e) => e.field);

describe("the statements list's parameters", () => {
  it("has defaults: newest first, 50 a page, published and retracted", () => {
    const query = queryOf(parseStatementListParams(qs("")));
    expect(query).toMatchObject({ sort: "newest", limit: 50, after: null });
    expect(query.filters.statuses).toEqual(["published", "retracted"]);
  });

  it("reads the search filters as search does", () => {
    const query = queryOf(
      parseStatementListParams(
        qs("speaker=b,a&lang=ar&lang=en&kind=direct&topic=refugees&year=2016&from=2016-11&to=2016&q=x"),
      ),
    );
    expect(query.filters).toMatchObject({
      q: "x",
      speakers: ["a", "b"],
      languages: ["ar", "en"],
      kinds: ["direct"],
      topics: ["refugees"],
      years: [2016],
    });
    expect(query.filters.from).toBeLessThan(query.filters.to!);
  });

  it("refuses unknown fields, naming each", () => {
    const errors = errorsOf(parseStatementListParams(qs("speakr=x&page=2&limit=10")));
    expect(errors.map((e) => e.field)).toEqual(["speakr", "page"]);
    expect(errors[0]!.message).toMatch(/^unknown field \(this endpoint takes: q, speaker/);
  });

  it("names wrong types and out-of-range values", () => {
    expect(fields(parseStatementListParams(qs("limit=0")))).toEqual(["limit"]);
    expect(fields(parseStatementListParams(qs("limit=201")))).toEqual(["limit"]);
    expect(fields(parseStatementListParams(qs("limit=ten")))).toEqual(["limit"]);
    expect(fields(parseStatementListParams(qs("limit=1.5")))).toEqual(["limit"]);
    expect(fields(parseStatementListParams(qs("limit=10&limit=20")))).toEqual(["limit"]);
    expect(queryOf(parseStatementListParams(qs("limit=200"))).limit).toBe(200);
    expect(fields(parseStatementListParams(qs("sort=relevance")))).toEqual(["sort"]);
    expect(fields(parseStatementListParams(qs("status=draft")))).toEqual(["status"]);
    expect(fields(parseStatementListParams(qs("from=yesterday")))).toEqual(["from"]);
    expect(fields(parseStatementListParams(qs("lang=xx")))).toEqual(["lang"]);
    expect(fields(parseStatementListParams(qs("kind=quote")))).toEqual(["kind"]);
    expect(fields(parseStatementListParams(qs("year=16")))).toEqual(["year"]);
    expect(fields(parseStatementListParams(qs("from=2017&to=2016")))).toEqual(["to"]);
  });

  it("reads back the cursors it makes, for every sort", () => {
    for (const sort of ["newest", "oldest", "id"] as const) {
      const first = queryOf(parseStatementListParams(qs(`sort=${sort}&speaker=a`)));
      for (const position of [
        { saidOn: "2016-11-01", id: 17 },
        { saidOn: null, id: 5 },
      ]) {
        const cursor = statementCursor(first, position);
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        const next = queryOf(parseStatementListParams(qs(`sort=${sort}&speaker=a&cursor=${cursor}`)));
        expect(next.after).toEqual(sort === "id" ? { saidOn: null, id: position.id } : position);
      }
    }
  });

  it("refuses a cursor of another query, sort or list, and malformed or tampered ones, naming cursor", () => {
    const newest = queryOf(parseStatementListParams(qs("speaker=a")));
    const cursor = statementCursor(newest, { saidOn: "2016-11-01", id: 17 });
    expect(errorsOf(parseStatementListParams(qs(`speaker=b&cursor=${cursor}`)))[0]).toMatchObject({
      field: "cursor",
      message: expect.stringMatching(/another query/),
    });
    expect(fields(parseStatementListParams(qs(`speaker=a&sort=oldest&cursor=${cursor}`)))).toEqual(["cursor"]);
    expect(fields(parseStatementListParams(qs(`speaker=a&sort=id&cursor=${cursor}`)))).toEqual(["cursor"]);
    const f = newest.fingerprint;
    for (const bad of [
      "not a cursor",
      "%%%",
      "e30", // {}
      encodeCursor({ v: 1, f, d: "2016-02-30", i: 1 }),
      encodeCursor({ v: 1, f, d: "2016-11", i: 1 }),
      encodeCursor({ v: 1, f, d: "2016-11-01", i: -1 }),
      encodeCursor({ v: 1, f, d: "2016-11-01", i: 1.5 }),
      encodeCursor({ v: 1, f, d: "2016-11-01", i: 2 ** 31 }),
      encodeCursor({ v: 1, f, d: "2016-11-01", i: "1" }),
      encodeCursor({ v: 2, f, d: "2016-11-01", i: 1 }),
      encodeCursor({ v: 1, f, d: "2016-11-01", i: 1, extra: true }),
      encodeCursor([1, 2]),
      Buffer.from("{not json").toString("base64url"),
      `${cursor}A`,
      "A".repeat(600),
    ]) {
      const errors = errorsOf(parseStatementListParams(qs(`speaker=a&cursor=${encodeURIComponent(bad)}`)));
      expect(errors, bad).toHaveLength(1);
      expect(errors[0]!.field, bad).toBe("cursor");
    }
    expect(
      queryOf(parseStatementListParams(qs(`speaker=a&cursor=${encodeCursor({ v: 1, f, d: "2016-11-01", i: 1 })}`)))
        .after,
    ).toEqual({ saidOn: "2016-11-01", id: 1 });
  });
});

describe("the speakers, topics and dates parameters", () => {
  it("speakers: q, kind, limit and cursor", () => {
    const query = queryOf(parseSpeakerListParams(qs("q=merk&kind=person,group&limit=5")));
    expect(query).toMatchObject({ q: "merk", kinds: ["group", "person"], limit: 5, afterSlug: null });
    const next = queryOf(
      parseSpeakerListParams(qs(`q=merk&kind=person,group&limit=5&cursor=${slugCursorFor(query, "angela-merkel")}`)),
    );
    expect(next.afterSlug).toBe("angela-merkel");
    expect(fields(parseSpeakerListParams(qs(`q=other&cursor=${slugCursorFor(query, "angela-merkel")}`)))).toEqual([
      "cursor",
    ]);
    expect(fields(parseSpeakerListParams(qs("kind=country")))).toEqual(["kind"]);
    expect(fields(parseSpeakerListParams(qs(`q=${"x".repeat(101)}`)))).toEqual(["q"]);
    expect(fields(parseSpeakerListParams(qs("name=merkel")))).toEqual(["name"]);
  });

  it("topics: up to 1,000 a page; a speakers cursor is not a topics cursor", () => {
    expect(queryOf(parseTopicListParams(qs(""))).limit).toBe(1000);
    expect(fields(parseTopicListParams(qs("limit=1001")))).toEqual(["limit"]);
    const speakers = queryOf(parseSpeakerListParams(qs("")));
    expect(fields(parseTopicListParams(qs(`cursor=${slugCursorFor(speakers, "x")}`)))).toEqual(["cursor"]);
    const topics = queryOf(parseTopicListParams(qs("")));
    expect(queryOf(parseTopicListParams(qs(`cursor=${slugCursorFor(topics, "refugees")}`))).afterSlug).toBe("refugees");
  });

  it("dates: a year written YYYY", () => {
    expect(queryOf(parseDatesParams(qs("year=2016")))).toEqual({ year: 2016 });
    expect(queryOf(parseDatesParams(qs("")))).toEqual({ year: null });
    for (const bad of ["16", "2016-11", "0999", "abcd", "３０１６"])
      expect(fields(parseDatesParams(qs(`year=${encodeURIComponent(bad)}`))), bad).toEqual(["year"]);
    expect(fields(parseDatesParams(qs("month=11")))).toEqual(["month"]);
  });

  it("lists at most ten unknown fields, then a count", () => {
    const many = Array.from({ length: 25 }, (_, i) => `x${i}=1`).join("&");
    const errors = errorsOf(parseTopicListParams(qs(many)));
    expect(errors).toHaveLength(11);
    expect(errors[10]!.message).toBe("and 15 more unknown fields");
  });
});

describe("any query string (property)", () => {
  const parsers = {
    statements: parseStatementListParams,
    speakers: parseSpeakerListParams,
    topics: parseTopicListParams,
    dates: parseDatesParams,
  } as const;

  // Keys: mostly the parameters the lists know, sometimes anything; values: anything a URL can carry.
  const known = [...new Set(Object.values(LIST_PARAMETERS).flat())];
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  const value = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: "grapheme", maxLength: 30 }),
    fc.integer({ min: -1_000, max: 100_000 }).map(String),
    fc.constantFrom(
      "newest",
      "oldest",
      "id",
      "relevance",
      "2016",
      "2016-11",
      "2016-02-30",
      "ar,en",
      "person",
      "published",
      "e30",
      "",
      " ",
      "%",
      "1e3",
      "0x10",
    ),
    fc.base64String({ maxLength: 80 }),
  );
  const query = fc.array(fc.tuple(key, value), { maxLength: 8 });

  it("is either accepted within the rules or refused naming a parameter of the query — never thrown", () => {
    fc.assert(
      fc.property(query, fc.constantFrom(...(Object.keys(parsers) as Array<keyof typeof parsers>)), (pairs, list) => {
        const params = new URLSearchParams();
        for (const [k, v] of pairs) params.append(k, v);
        // Through the text form, as a request would bring it.
        const parsed = parsers[list](new URLSearchParams(params.toString()));
        if (parsed.ok) {
          const q = parsed.query as { limit?: number };
          if (q.limit !== undefined) {
            const bounds =
              list === "topics"
                ? LIST_LIMITS.topics
                : list === "speakers"
                  ? LIST_LIMITS.speakers
                  : LIST_LIMITS.statements;
            expect(q.limit).toBeGreaterThanOrEqual(1);
            expect(q.limit).toBeLessThanOrEqual(bounds.maxLimit);
          }
          for (const name of new Set(pairs.map(([k]) => k)))
            expect(LIST_PARAMETERS[list] as readonly string[]).toContain(name);
          return;
        }
        expect(parsed.errors.length).toBeGreaterThan(0);
        const names = new Set(pairs.map(([k]) => Array.from(k).slice(0, 40).join("")));
        for (const error of parsed.errors) {
          expect(error.message.length).toBeGreaterThan(0);
          if (error.field !== "")
            expect(names.has(error.field), `${error.field} not in ${[...names].join(",")}`).toBe(true);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("refuses any alteration of a real cursor, or reads it as a position of the same query", () => {
    const base = queryOf(parseStatementListParams(qs("lang=ar")));
    const cursor = statementCursor(base, { saidOn: "2016-11-01", id: 17 });
    fc.assert(
      fc.property(
        fc.nat({ max: cursor.length - 1 }),
        fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/."),
        (at, char) => {
          const altered = cursor.slice(0, at) + char + cursor.slice(at + 1);
          const parsed = parseStatementListParams(qs(`lang=ar&cursor=${encodeURIComponent(altered)}`));
          if (parsed.ok) {
            expect(parsed.query.after!.id).toBeGreaterThanOrEqual(1);
          } else {
            expect(parsed.errors.map((e) => e.field)).toEqual(["cursor"]);
          }
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
