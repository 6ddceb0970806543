import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseStatementForm } from "./statement-form";

// Whatever a browser or a script submits, the form parser answers with a value
// or with messages that name fields: it never throws.

const anyJson = fc.jsonValue({ maxDepth: 3 });
const formLike = fc.record(
  {
    text: fc.oneof(fc.string({ maxLength: 50 }), anyJson),
    language: fc.oneof(fc.constantFrom("ar", "de", "en", "AR", "", "xx", "__proto__"), anyJson),
    kind: fc.oneof(fc.constantFrom("direct", "indirect", "mixed", "shout"), anyJson),
    speakerId: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
    newSpeaker: fc.oneof(fc.record({ name: fc.string(), kind: fc.string() }), anyJson),
    saidOn: fc.oneof(fc.constantFrom("2016", "2016-10", "2016-10-13", "2016-02-30", "13/10/2016", ""), anyJson),
    topicIds: fc.oneof(fc.array(fc.integer()), anyJson),
    newTopics: fc.oneof(fc.array(fc.string()), anyJson),
    sources: fc.oneof(fc.array(fc.record({ url: fc.oneof(fc.webUrl(), fc.string()), outlet: fc.string() })), anyJson),
    attribution: fc.oneof(fc.constantFrom("own_channel", "secondary", "disputed", "misattributed"), anyJson),
    status: fc.oneof(fc.constantFrom("draft", "published", "retracted"), anyJson),
  },
  { requiredKeys: [] },
);

describe("parseStatementForm", () => {
  it("never throws, and every refusal names a field with a message", () => {
    fc.assert(
      fc.property(fc.oneof(formLike, anyJson), (input) => {
        const result = parseStatementForm(input);
        if (!result.ok) {
          expect(result.fields.length).toBeGreaterThan(0);
          for (const field of result.fields) expect(field.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("accepts a minimal form and fills the defaults", () => {
    const result = parseStatementForm({ text: "  قالت ميركل  ", language: "AR", speakerId: 3 });
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        text: "قالت ميركل",
        language: "ar",
        kind: "direct",
        speakerId: 3,
        status: "draft",
        attribution: "secondary",
        topicIds: [],
        sources: [],
      }),
    });
  });

  it("a retracted status cannot be submitted through the form", () => {
    const result = parseStatementForm({ text: "x", language: "en", speakerId: 1, status: "retracted" });
    expect(result.ok ? [] : result.fields.map((f) => f.field)).toContain("status");
  });
});
