import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, useLocale } from "./support/a11y";

async function merkelStatementId(request: import("@playwright/test").APIRequestContext): Promise<number> {
  const body = await (await request.get("/api/v1/search?speaker=angela-merkel&topic=refugees")).json();
  return body.hits[0].id as number;
}

test("a statement page carries its Quotation JSON-LD, OpenGraph and Twitter metadata and a canonical URL", async ({
  page,
  request,
  baseURL,
}) => {
  const id = await merkelStatementId(request);
  await page.goto(`/statements/${id}`);
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(jsonLd).toMatchObject({
    "@context": "https://schema.org",
    "@type": "Quotation",
    inLanguage: "ar",
    creator: { "@type": "Person", name: "Angela Merkel" },
    dateCreated: "2016-11",
    url: `${baseURL}/statements/${id}`,
  });
  expect(jsonLd.text).toContain("السوريين");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${baseURL}/statements/${id}`);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", /Angela Merkel/);
  await expect(page.locator('meta[property="og:url"]')).toHaveAttribute("content", `${baseURL}/statements/${id}`);
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary");
});

test("the statement shows its language, direction, kind, date with precision, source and topics", async ({
  page,
  request,
}) => {
  const id = await merkelStatementId(request);
  await page.goto(`/statements/${id}`);
  const quote = page.locator("main blockquote");
  await expect(quote).toHaveAttribute("lang", "ar");
  await expect(quote).toHaveAttribute("dir", "rtl");
  await expect(page.getByText("paraphrase", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "November 2016" })).toHaveAttribute("href", "/dates/2016-11");
  await expect(page.getByRole("heading", { name: "Reported in" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Refugees" })).toHaveAttribute("href", "/topics/refugees");
  await expect(page.getByText("As reported by a secondary source")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("cite this: the citation is visible and copied to the clipboard", async ({ page, context, request, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const id = await merkelStatementId(request);
  await page.goto(`/statements/${id}`);
  const citation = await page.getByTestId("citation").textContent();
  // The speaker's name is isolated (FSI … PDI) inside the citation's sentence.
  expect(citation).toContain("\u2068Angela Merkel\u2069 (November 2016)");
  expect(citation).toContain(`${baseURL}/statements/${id}`);
  await page.getByRole("button", { name: "Copy citation" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(citation);
});

test("in Arabic the page reads right to left with Arabic labels and month names, and is accessible", async ({
  page,
  context,
  request,
  baseURL,
}) => {
  await useLocale(context, baseURL!, "ar");
  const id = await merkelStatementId(request);
  await page.goto(`/statements/${id}`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("link", { name: "نوفمبر 2016" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "استشهد بهذا التصريح" })).toBeVisible();
  await expectNoAxeViolations(page);
});
