import { describe, expect, it } from "vitest";
import { encodeLocation } from "./location";
import { redirectResponse } from "./redirect";

describe("encodeLocation", () => {
  it("percent-encodes Arabic (and anything else a header may not hold) in path, query and fragment", () => {
    expect(encodeLocation("/speakers/ميركل")).toBe("/speakers/%D9%85%D9%8A%D8%B1%D9%83%D9%84");
    expect(encodeLocation("/search?q=ميركل&lang=ar#نتائج")).toBe(
      "/search?q=%D9%85%D9%8A%D8%B1%D9%83%D9%84&lang=ar#%D9%86%D8%AA%D8%A7%D8%A6%D8%AC",
    );
    expect(encodeLocation('/a b"c')).toBe("/a%20b%22c");
    expect(encodeLocation("https://example.org/مرحبا")).toBe("https://example.org/%D9%85%D8%B1%D8%AD%D8%A8%D8%A7");
  });

  it("leaves an address that is already encoded as it is", () => {
    for (const done of [
      "/speakers/%D9%85%D9%8A%D8%B1%D9%83%D9%84",
      "/login?next=%2Fcurate%2Fstatements%2F3",
      "/dates/2016-11-19",
      "/",
      "/curate/statements/3",
    ]) {
      expect(encodeLocation(done)).toBe(done);
    }
  });

  it("keeps a path a path: never //host", () => {
    expect(encodeLocation("/.//evil.example")).toBe("/evil.example");
    expect(encodeLocation("//evil.example/x").startsWith("//")).toBe(false);
  });

  it("gives header-safe values: a Response takes them", () => {
    const response = redirectResponse("/speakers/ميركل?x=عربي", 308);
    expect(response.status).toBe(308);
    expect(response.headers.get("location")).toMatch(/^[\x21-\x7e]+$/);
    expect(decodeURIComponent(response.headers.get("location")!)).toBe("/speakers/ميركل?x=عربي");
  });
});
