import { describe, expect, it } from "vitest";
import { cachedJson, CORS_HEADERS, etagMatches, preflight, weakEtag } from "./http-cache";

describe("ETag and If-None-Match", () => {
  it("makes a weak tag that changes with the body", () => {
    const tag = weakEtag('{"a":1}');
    expect(tag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(weakEtag('{"a":1}')).toBe(tag);
    expect(weakEtag('{"a":2}')).not.toBe(tag);
  });

  it("matches under the weak comparison, in lists, and *", () => {
    const tag = weakEtag("x");
    const opaque = tag.slice(2);
    expect(etagMatches(tag, tag)).toBe(true);
    expect(etagMatches(opaque, tag)).toBe(true);
    expect(etagMatches(`"other", ${tag}`, tag)).toBe(true);
    expect(etagMatches("*", tag)).toBe(true);
    expect(etagMatches('W/"other"', tag)).toBe(false);
    expect(etagMatches(null, tag)).toBe(false);
    expect(etagMatches("", tag)).toBe(false);
  });

  it("answers 200 with the body, then 304 without one for the same tag", async () => {
    const body = { data: [1, 2, 3], nextCursor: null };
    const first = cachedJson(new Request("http://x/api/v1/topics"), body, 10);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("public, max-age=10");
    expect(first.headers.get("content-type")).toBe("application/json");
    expect(await first.json()).toEqual(body);
    const etag = first.headers.get("etag")!;
    const second = cachedJson(new Request("http://x/api/v1/topics", { headers: { "If-None-Match": etag } }), body, 10);
    expect(second.status).toBe(304);
    expect(second.headers.get("etag")).toBe(etag);
    expect(await second.text()).toBe("");
    const changed = cachedJson(
      new Request("http://x/api/v1/topics", { headers: { "If-None-Match": etag } }),
      { ...body, nextCursor: "x" },
      10,
    );
    expect(changed.status).toBe(200);
  });
});

describe("CORS", () => {
  it("opens reading to any origin and answers the preflight for GET", () => {
    expect(CORS_HEADERS["Access-Control-Allow-Origin"]).toBe("*");
    expect(CORS_HEADERS["Access-Control-Expose-Headers"]).toMatch(/ETag.*Retry-After.*X-RateLimit-Remaining/);
    const answer = preflight();
    expect(answer.status).toBe(204);
    expect(answer.headers.get("access-control-allow-methods")).toBe("GET, HEAD, OPTIONS");
    expect(answer.headers.get("access-control-allow-headers")).toMatch(/If-None-Match/);
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
  });
});
