import { describe, expect, it } from "vitest";
import { z } from "zod";
import { list, manyOf, oneOf, readParameter, single, unknownFields, wholeNumber } from "./query-params";
import type { FieldMessage } from "./zod-messages";

const qs = (query: string) => new URLSearchParams(query);

function read<P extends Parameters<typeof readParameter>[2]>(query: string, name: string, parameter: P) {
  const errors: FieldMessage[] = [];
  const value = readParameter(qs(query), name, parameter, errors);
  return { value, errors };
}

describe("readParameter", () => {
  const limit = single(wholeNumber(1, 200).default(50));
  const kinds = list(manyOf(["direct", "indirect", "mixed"]));

  it("gives a single parameter's default when it is absent or blank, and its value trimmed", () => {
    expect(read("", "limit", limit)).toEqual({ value: 50, errors: [] });
    expect(read("limit=%20", "limit", limit)).toEqual({ value: 50, errors: [] });
    expect(read("limit=%2012%20", "limit", limit)).toEqual({ value: 12, errors: [] });
  });

  it("refuses a single parameter given twice, and still reads the first", () => {
    expect(read("limit=10&limit=20", "limit", limit)).toEqual({
      value: 10,
      errors: [{ field: "limit", message: "must be given once" }],
    });
  });

  it("names the parameter and the rule, quoting what was sent", () => {
    for (const bad of ["0", "201", "1.5", "ten", "-3", "1e3"]) {
      expect(read(`limit=${bad}`, "limit", limit), bad).toEqual({
        value: undefined,
        errors: [{ field: "limit", message: `must be a whole number from 1 to 200, got "${bad}"` }],
      });
    }
  });

  it("reads a list repeated or comma-separated, without duplicates, and names only its first bad value", () => {
    expect(read("kind=direct,mixed&kind=direct", "kind", kinds)).toEqual({ value: ["direct", "mixed"], errors: [] });
    expect(read("kind=quote,direct,rumour", "kind", kinds)).toEqual({
      value: undefined,
      errors: [{ field: "kind", message: '"quote" is not one of direct, indirect, mixed' }],
    });
  });

  it("never lets zod's own wording through", () => {
    const sort = single(oneOf(["newest", "oldest"]).default("newest"));
    expect(read("sort=%00", "sort", sort).errors).toEqual([
      { field: "sort", message: '"\\u0000" is not one of newest, oldest' },
    ]);
  });
});

describe("the documented form of a parameter", () => {
  it("states the rules a transform hides (a whole number is documented as an integer with its bounds and default)", () => {
    const json = z.toJSONSchema(wholeNumber(1, 200).default(50), { io: "input" });
    expect(json).toMatchObject({ type: "integer", minimum: 1, maximum: 200 });
  });
});

describe("unknownFields", () => {
  it("names each parameter the endpoint does not take, then counts the rest", () => {
    const many = Array.from({ length: 12 }, (_, i) => `x${i}=1`).join("&");
    const errors = unknownFields(qs(`limit=1&${many}`), ["limit"]);
    expect(errors).toHaveLength(11);
    expect(errors[0]).toEqual({ field: "x0", message: "unknown field (this endpoint takes: limit)" });
    expect(errors[10]).toEqual({ field: "", message: "and 2 more unknown fields" });
  });
});
