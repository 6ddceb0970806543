import { describe, expect, it } from "vitest";
import { idFrom, parseIdParam, parseIntoId, parseSuggestParams, parseVersion, queryKey } from "./entities";
import { ValidationError } from "@/lib/errors";
import { distinctAliases, parseSpeakerFields } from "./speakers";
import { parseTopicFields } from "./topics";

function fieldsOf(work: () => unknown): string[] {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields.map((f) => f.field);
  }
  throw new Error("expected a ValidationError");
}

describe("parseSpeakerFields", () => {
  it("cleans text, defaults the kind, blanks to null, upper-cases a Wikidata id and splits aliases by line", () => {
    expect(
      parseSpeakerFields({
        name: "  Angela\u00a0 Merkel ",
        nameAr: " ",
        aliases: "Merkel\r\n\r\n  Kanzlerin  \nmerkel\nAngela Merkel",
        wikidataId: " q567 ",
        description: "Line one\r\nLine two",
        affiliationId: "42",
      }),
    ).toEqual({
      kind: "person",
      name: "Angela Merkel",
      nameAr: null,
      nameEn: null,
      nameDe: null,
      aliases: ["Merkel", "Kanzlerin"],
      role: null,
      affiliation: null,
      affiliationId: 42,
      country: null,
      wikidataId: "Q567",
      description: "Line one\nLine two",
    });
  });

  it("names every field that breaks a rule", () => {
    expect(
      fieldsOf(() =>
        parseSpeakerFields({
          kind: "robot",
          name: "n".repeat(201),
          nameDe: 3,
          aliases: ["ok", "a".repeat(201)],
          role: "r".repeat(301),
          affiliationId: -1,
          wikidataId: "Q0",
          country: "c".repeat(101),
        }),
      ).sort(),
    ).toEqual(["affiliationId", "aliases.1", "country", "kind", "name", "nameDe", "role", "wikidataId"]);
    expect(fieldsOf(() => parseSpeakerFields({}))).toEqual(["name"]);
    expect(fieldsOf(() => parseSpeakerFields({ name: "!!!" }))).toEqual(["name"]);
    expect(
      fieldsOf(() => parseSpeakerFields({ name: "x", aliases: Array.from({ length: 51 }, (_, i) => `a${i}`) })),
    ).toEqual(["aliases"]);
    expect(fieldsOf(() => parseSpeakerFields({ name: "x", aliases: { not: "a list" } }))).toEqual(["aliases"]);
  });
});

describe("distinctAliases", () => {
  it("drops aliases equal to a name or to an earlier alias, as the importer compares names", () => {
    expect(
      distinctAliases(["أنجيلا ميركل", null], ["انجيلا ميركل", "Mérkel", "merkel", "MERKEL!", "Kanzlerin"]),
    ).toEqual(["Mérkel", "Kanzlerin"]);
  });
});

describe("parseTopicFields", () => {
  it("accepts a parent id as digits and refuses an oversize name", () => {
    expect(parseTopicFields({ name: "Refugees", parentId: "7" })).toEqual({
      name: "Refugees",
      nameAr: null,
      nameEn: null,
      nameDe: null,
      parentId: 7,
    });
    expect(fieldsOf(() => parseTopicFields({ name: "t".repeat(101), parentId: "x" })).sort()).toEqual([
      "name",
      "parentId",
    ]);
  });
});

describe("request parameters", () => {
  it("checks q and limit of the autocomplete", () => {
    expect(parseSuggestParams(new URLSearchParams("q=%20merkel%20"))).toEqual({ q: "merkel", limit: 10 });
    expect(parseSuggestParams(new URLSearchParams("limit=50"))).toEqual({ q: "", limit: 50 });
    for (const limit of ["0", "51", "abc", "1.5", "-1", ""])
      expect(fieldsOf(() => parseSuggestParams(new URLSearchParams({ limit })))).toEqual(["limit"]);
    expect(fieldsOf(() => parseSuggestParams(new URLSearchParams({ q: "q".repeat(201) })))).toEqual(["q"]);
  });

  it("checks ids and versions", () => {
    expect(parseIdParam("12")).toBe(12);
    expect(parseIdParam(" 12 ", "curator")).toBe(12);
    expect(idFrom(" 12")).toBeNull();
    for (const raw of ["0", "-1", "1e3", "abc", "99999999999", "2147483648"])
      expect(fieldsOf(() => parseIdParam(raw))).toEqual(["id"]);
    expect(parseIntoId({ intoId: "5" })).toBe(5);
    expect(fieldsOf(() => parseIntoId({}))).toEqual(["intoId"]);
    expect(fieldsOf(() => parseIntoId({ intoId: 1.5 }))).toEqual(["intoId"]);
    expect(parseVersion({ version: 3 })).toBe(3);
    expect(fieldsOf(() => parseVersion({}))).toEqual(["version"]);
    expect(fieldsOf(() => parseVersion({ version: "two" }))).toEqual(["version"]);
  });

  it("normalises a query as names are normalised", () => {
    expect(queryKey("MÉRKEL")).toBe("merkel");
    expect(queryKey("مِيركِل")).toBe("ميركل");
    expect(queryKey("?!")).toBeNull();
  });
});
