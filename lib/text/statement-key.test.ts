import { describe, expect, it } from "vitest";
import { normalizedWords, statementTextKey } from "./statement-key";

describe("statementTextKey", () => {
  it("is the same across case, punctuation, quotation marks, Arabic folding and spacing", () => {
    expect(statementTextKey("«إنّ الوضع في حلب كارثي»")).toBe(statementTextKey('"ان الوضع  في حلب كارثى."'));
    expect(statementTextKey("We will  NOT give up!")).toBe(statementTextKey("“we will not give up”"));
    expect(normalizedWords("Ein „Wort“, zwei\tWörter")).toBe("ein wort zwei wörter");
  });

  it("differs when a word differs or the order changes", () => {
    expect(statementTextKey("the talks will resume")).not.toBe(statementTextKey("the talks will not resume"));
    expect(statementTextKey("peace before war")).not.toBe(statementTextKey("war before peace"));
  });
});
