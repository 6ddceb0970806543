import { describe, expect, it } from "vitest";
import { suggestLanguage } from "./suggest-language";

describe("suggestLanguage", () => {
  it("reads Arabic, German and English statements", () => {
    expect(suggestLanguage("قالت المستشارة الألمانية إن الهجمات على حلب جرائم حرب")).toBe("ar");
    expect(suggestLanguage("Wir werden nicht zulassen, dass die Angriffe auf Aleppo ungestraft bleiben.")).toBe("de");
    expect(suggestLanguage("We will not accept that the attacks on Aleppo go unpunished.")).toBe("en");
  });

  it("tells Persian from Arabic by its own letters, and other scripts apart", () => {
    expect(suggestLanguage("ما این حمله را محکوم می‌کنیم و چیزی نمی‌گوییم")).toBe("fa");
    expect(suggestLanguage("Мы осуждаем эти нападения")).toBe("ru");
  });

  it("proposes nothing for text without letters", () => {
    expect(suggestLanguage("")).toBeNull();
    expect(suggestLanguage("12 34 !!")).toBeNull();
  });
});
