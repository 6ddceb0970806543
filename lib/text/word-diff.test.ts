import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffWords } from "./word-diff";

describe("diffWords", () => {
  it("marks the changed word only", () => {
    expect(diffWords("The attacks on Aleppo are war crimes", "The attacks on Aleppo were war crimes")).toEqual([
      { kind: "same", text: "The attacks on Aleppo " },
      { kind: "removed", text: "are " },
      { kind: "added", text: "were " },
      { kind: "same", text: "war crimes" },
    ]);
  });

  it("works on Arabic words", () => {
    const parts = diffWords("قالت ميركل إن الهجمات جرائم", "قالت ميركل إن القصف جرائم");
    expect(parts.filter((p) => p.kind !== "same").map((p) => p.text.trim())).toEqual(["الهجمات", "القصف"]);
  });

  it("always rebuilds both texts from its parts", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        const parts = diffWords(before, after);
        const rebuiltAfter = parts
          .filter((p) => p.kind !== "removed")
          .map((p) => p.text)
          .join("");
        const rebuiltBefore = parts
          .filter((p) => p.kind !== "added")
          .map((p) => p.text)
          .join("");
        // Spacing of unchanged words follows the new text; words are always kept.
        expect(rebuiltAfter).toBe(after);
        expect(rebuiltBefore.split(/\s+/).filter(Boolean)).toEqual(before.split(/\s+/).filter(Boolean));
      }),
    );
  });
});
