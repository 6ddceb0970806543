import { expect, test } from "@playwright/test";

test("the home page shows the demo statements in their own language and direction", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Who said what");
  await expect(page.getByText(/19 statements by 9 speakers/)).toBeVisible();
  const arabic = page.locator('blockquote[lang="ar"]').first();
  await expect(arabic).toHaveAttribute("dir", "rtl");
  await expect(page.locator("article").first()).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("search works as a plain GET form and highlights the match in the original spelling", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("searchbox", { name: "Search statements" }).fill("الاسد");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/search\?q=/);
    await expect(page.getByText(/\d+ statements found/)).toBeVisible();
    await expect(page.locator("mark").first()).toHaveText("الأسد");
  });

  test("a search by name in Arabic script lists Merkel's statements first", async ({ page }) => {
    await page.goto(`/search?q=${encodeURIComponent("ميركل")}`);
    const cards = page.locator("article");
    await expect(cards.nth(0)).toContainText("Angela Merkel");
    await expect(cards.nth(1)).toContainText("Angela Merkel");
  });
});

test("a statement page links the reaction and the statements it responds to, both ways", async ({ page, request }) => {
  const merkel = await (await request.get("/api/v1/search?speaker=angela-merkel&sort=oldest")).json();
  const envoy = await (await request.get("/api/v1/search?speaker=bassam-al-abdallah&kind=direct")).json();
  const reactionId = envoy.hits[0].id as number;
  await page.goto(`/statements/${reactionId}`);
  const respondsTo = page.getByRole("heading", { name: "Responds to" }).locator("..");
  await expect(respondsTo.getByRole("link")).toHaveCount(2);
  await respondsTo.getByRole("link", { name: /Angela Merkel/ }).click();
  await expect(page).toHaveURL(new RegExp(`/statements/(${merkel.hits.map((h: { id: number }) => h.id).join("|")})$`));
  const responses = page.getByRole("heading", { name: "Responses" }).locator("..");
  await expect(responses.getByRole("link", { name: /Bassam Al-Abdallah/ })).toHaveAttribute(
    "href",
    `/statements/${reactionId}`,
  );
});

test("hostile statement text renders inert and readable", async ({ page, request }) => {
  const found = await (await request.get("/api/v1/search?q=Hostile")).json();
  const id = found.hits[0].id as number;
  for (const url of [`/statements/${id}`, "/search?q=Hostile"]) {
    await page.goto(url);
    await expect(page.getByText("<script>window.__pwned = 1</script>", { exact: false }).first()).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("main img").count()).toBe(0);
    expect(await page.locator("main b").count()).toBe(0);
  }
  // Bidi controls stay inside an isolate: the speaker's name after the text is not reordered.
  await page.goto(`/statements/${id}`);
  await expect(page.locator("blockquote bdi").first()).toContainText("\u202Egnirts desrever\u202C");
});

test("unknown statements and malformed ids give a 404 page, not an error", async ({ page }) => {
  for (const url of ["/statements/999999", "/statements/abc", "/statements/1e3"]) {
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
});
