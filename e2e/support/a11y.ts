import AxeBuilder from "@axe-core/playwright";
import { expect, type BrowserContext, type Page } from "@playwright/test";

/** axe-core finds no violation on the page as it is now (WCAG 2.1 A and AA rules and best practices). */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(", ")})`,
  );
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Sets the interface language for a browser context, as the language switch does. */
export async function useLocale(context: BrowserContext, baseURL: string, locale: "en" | "ar"): Promise<void> {
  await context.addCookies([{ name: "locale", value: locale, url: baseURL }]);
}
