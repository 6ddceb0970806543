import { describe, expect, it } from "vitest";
import { translator } from "../translate";
import { datesMessages, statementsCount, weekStartsOn } from "./dates";
import { topicSpeakersCount, topicsMessages } from "./topics";

describe("counts in the interface language", () => {
  it("uses the six Arabic plural forms", () => {
    const ar = translator(datesMessages, "ar");
    expect([0, 1, 2, 3, 10, 11, 18, 99, 100, 102, 1200].map((n) => statementsCount(ar, "ar", n))).toEqual([
      "لا تصريحات",
      "تصريح واحد",
      "تصريحان",
      "3 تصريحات",
      "10 تصريحات",
      "11 تصريحاً",
      "18 تصريحاً",
      "99 تصريحاً",
      "100 تصريح",
      "102 تصريح",
      "1,200 تصريح",
    ]);
    const topics = translator(topicsMessages, "ar");
    expect(topicSpeakersCount(topics, "ar", 8)).toBe("8 متحدثين");
  });

  it("uses singular and plural in English", () => {
    const en = translator(datesMessages, "en");
    expect([0, 1, 2, 18, 1200].map((n) => statementsCount(en, "en", n))).toEqual([
      "0 statements",
      "1 statement",
      "2 statements",
      "18 statements",
      "1,200 statements",
    ]);
  });

  it("starts the week on Monday in English and on Saturday in Arabic", () => {
    expect(weekStartsOn("en")).toBe(1);
    expect(weekStartsOn("ar")).toBe(6);
  });

  it("has every message in both languages, none empty", () => {
    for (const messages of [datesMessages, topicsMessages]) {
      expect(Object.keys(messages.ar).sort()).toEqual(Object.keys(messages.en).sort());
      for (const locale of ["en", "ar"] as const)
        for (const value of Object.values(messages[locale])) expect(value.trim()).not.toBe("");
    }
  });
});
