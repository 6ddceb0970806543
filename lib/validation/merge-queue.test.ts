import { describe, expect, it } from "vitest";
import { MERGE_QUEUE_PAGE_SIZE, mergeQueueWindow, parseMergeQueueParams } from "./merge-queue";

const parse = (query: Record<string, string>) => parseMergeQueueParams((name) => query[name]);

describe("merge queue parameters", () => {
  it("defaults to the first page of pending pairs", () => {
    expect(parse({})).toEqual({ ok: true, value: { status: "pending", page: 1 } });
  });

  it("reads the decided list and a page number", () => {
    expect(parse({ status: "decided", page: "3" })).toEqual({ ok: true, value: { status: "decided", page: 3 } });
    expect(mergeQueueWindow(3)).toEqual({ limit: MERGE_QUEUE_PAGE_SIZE, offset: 2 * MERGE_QUEUE_PAGE_SIZE });
  });

  it.each([
    [{ status: "maybe" }, "status"],
    [{ status: "" }, "status"],
    [{ page: "0" }, "page"],
    [{ page: "-1" }, "page"],
    [{ page: "1.5" }, "page"],
    [{ page: "007" }, "page"],
    [{ page: "99999" }, "page"],
    [{ page: "abc" }, "page"],
  ])("refuses %j, naming %s", (query, field) => {
    const result = parse(query);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.field)).toEqual([field]);
  });
});
