import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/a11y";

test("the language switch turns the interface to Arabic, right to left, and back, remembering the choice", async ({
  page,
}) => {
  await page.goto("/search?q=Merkel");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("link", { name: "Switch the interface to Arabic" }).click();
  await expect(page).toHaveURL(/\/search\?q=Merkel$/);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("link", { name: "بحث", exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await page.getByRole("link", { name: "Switch the interface to English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("Arabic readers can choose the Levantine month names", async ({ page }) => {
  await page.goto("/preferences?locale=ar&back=/");
  await expect(page.getByText("تشرين الثاني 2016").first()).toHaveCount(0);
  await expect(page.getByText("نوفمبر 2016").first()).toBeVisible();
  await page.getByRole("link", { name: "أسماء الأشهر: كانون الثاني" }).click();
  await expect(page.getByText("تشرين الثاني 2016").first()).toBeVisible();
});

test("the preference route never redirects off the site", async ({ request }) => {
  const response = await request.get("/preferences?locale=ar&back=//evil.example/x", { maxRedirects: 0 });
  expect(response.status()).toBe(303);
  expect(new URL(response.headers().location!, "http://x").pathname).toBe("/");
});
