import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { expectNoAxeViolations, useLocale } from "./support/a11y";

// Embeddable statements (issue 15): the card at /statements/:id/embed, framed by another site
// (the only page that may be), the oEmbed endpoint the statement page links, the snippet to copy,
// and Arabic text isolated inside English sentences. On the demo data (Arabic) and the hostile
// fixture (English).

type Hit = { id: number; externalId: string | null; text: string; speaker: { name: string; slug: string } };

async function hit(request: APIRequestContext, query: string, pick: (hit: Hit) => boolean = () => true): Promise<Hit> {
  const body = (await (await request.get(`/api/v1/search?${query}`)).json()) as { hits: Hit[] };
  const found = body.hits.find(pick);
  if (!found) throw new Error(`no statement for ${query}`);
  return found;
}

const merkel = (request: APIRequestContext) => hit(request, "speaker=angela-merkel&topic=refugees");
const hostile = (request: APIRequestContext) => hit(request, "q=Hostile", (h) => h.externalId === "e2e-hostile-1");

test("the statement page links its oEmbed answer, which validates, and offers the same iframe to copy", async ({
  page,
  context,
  request,
  baseURL,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const statement = await merkel(request);
  const url = `${baseURL}/statements/${statement.id}`;
  await page.goto(`/statements/${statement.id}`);
  const discovery = page.locator('link[rel="alternate"][type="application/json+oembed"]');
  await expect(discovery).toHaveAttribute("href", `${baseURL}/api/oembed?url=${encodeURIComponent(url)}&format=json`);

  const response = await request.get((await discovery.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  const answer = (await response.json()) as Record<string, unknown>;
  expect(answer).toMatchObject({
    version: "1.0",
    type: "rich",
    provider_name: "Statements tracker",
    author_name: "Angela Merkel",
    width: 560,
    height: 340,
  });
  expect(answer.title).toMatch(/^Angela Merkel: /);
  expect(answer.html).toBe(
    `<iframe src="${url}/embed" width="560" height="340" title="${answer.title as string}" style="border:0;max-width:100%" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>`,
  );

  await page.getByText("Embed", { exact: true }).click();
  const code = page.getByLabel("Embed code");
  await expect(code).toBeVisible();
  await expect(code).toHaveValue(answer.html as string);
  await page.getByRole("button", { name: "Copy embed code" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(answer.html);

  expect(
    (
      await request.get(`/api/oembed?url=${encodeURIComponent("https://elsewhere.example/statements/1")}&format=json`)
    ).status(),
  ).toBe(404);
  expect((await request.get(`/api/oembed?url=${encodeURIComponent(url)}&format=xml`)).status()).toBe(501);
});

test("only the card may be framed: frame-ancestors * without X-Frame-Options there, 'none' and DENY elsewhere", async ({
  page,
  request,
  baseURL,
}) => {
  const statement = await merkel(request);
  const card = await request.get(`/statements/${statement.id}/embed`);
  expect(card.status()).toBe(200);
  expect(card.headers()["content-security-policy"]).toContain("frame-ancestors *");
  expect(card.headers()["x-frame-options"]).toBeUndefined();
  for (const path of [`/statements/${statement.id}`, "/", "/search?q=x", `/statements/${statement.id}/embedded`]) {
    const other = await request.get(path);
    expect(other.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(other.headers()["x-frame-options"], path).toBe("DENY");
  }

  // Another site pastes the oEmbed iframe, and tries to frame the statement page itself. It is a real
  // server on the loopback (another origin: another port): a page Playwright makes up counts as public to
  // Chromium, which then refuses any frame on the local network before our headers are even read.
  const answer = (await (
    await request.get(`/api/oembed?url=${encodeURIComponent(`${baseURL}/statements/${statement.id}`)}`)
  ).json()) as { html: string };
  const html = `<!doctype html><html lang="en"><head><title>Embedder</title></head><body><p>A blog post.</p>${answer.html}<iframe id="page" src="${baseURL}/statements/${statement.id}" title="The page"></iframe></body></html>`;
  const embedder = http.createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(html);
  });
  await new Promise<void>((resolve) => embedder.listen(0, "127.0.0.1", resolve));
  const port = (embedder.address() as AddressInfo).port;
  try {
    await page.goto(`http://127.0.0.1:${port}/post.html`);
    const framed = page.frameLocator(`iframe[src="${baseURL}/statements/${statement.id}/embed"]`);
    await expect(framed.getByTestId("statement-card")).toContainText("Angela Merkel");
    await expect(framed.locator("blockquote")).toHaveAttribute("lang", "ar");
    // The statement page refuses: the browser puts its error page in the frame, never the page.
    await expect.poll(() => page.frames().map((f) => f.url())).toContain("chrome-error://chromewebdata/");
    expect(page.frames().map((f) => f.url())).not.toContain(`${baseURL}/statements/${statement.id}`);
  } finally {
    embedder.close();
  }
});

test("the card in Arabic: the text in its own language and direction, speaker, date, first report, a link back; no site header or footer", async ({
  page,
  context,
  request,
  baseURL,
}) => {
  await useLocale(context, baseURL!, "ar");
  const statement = await merkel(request);
  await page.goto(`/statements/${statement.id}/embed`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  const card = page.getByTestId("statement-card");
  const quote = card.locator("blockquote");
  await expect(quote).toHaveAttribute("lang", "ar");
  await expect(quote).toHaveAttribute("dir", "rtl");
  await expect(quote).toContainText(statement.text.slice(0, 20));
  await expect(
    card.getByRole("link", { name: "أنجيلا ميركل" }).or(card.getByRole("link", { name: "Angela Merkel" })),
  ).toHaveAttribute("target", "_blank");
  await expect(card.locator("time")).toHaveAttribute("datetime", "2016-11");
  await expect(card.locator("time")).toHaveText("نوفمبر 2016");
  await expect(card.getByTestId("first-report")).toContainText("نُقل أولاً في");
  const back = card.getByRole("link", { name: "على متتبّع التصريحات" });
  await expect(back).toHaveAttribute("href", `${baseURL}/statements/${statement.id}`);
  await expect(back).toHaveAttribute("target", "_blank");
  await expect(page.locator("header, footer, nav")).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("the card in English, of an English statement: hostile text shown as text, nothing run", async ({
  page,
  request,
  baseURL,
}) => {
  const statement = await hostile(request);
  await page.goto(`/statements/${statement.id}/embed`);
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  const quote = page.getByTestId("statement-card").locator("blockquote");
  await expect(quote).toHaveAttribute("lang", "en");
  await expect(quote).toHaveAttribute("dir", "ltr");
  await expect(quote).toContainText("<script>window.__pwned = 1</script>");
  await expect(
    page.getByTestId("statement-card").getByRole("link", { name: "E2E <i>Hostile</i> Speaker" }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "On Statements tracker" })).toHaveAttribute(
    "href",
    `${baseURL}/statements/${statement.id}`,
  );
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator("header, footer, nav")).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("an Arabic quote inside the English citation keeps the citation's quotation marks in place", async ({
  page,
  request,
}) => {
  // The statement of the issue (the demo's /statements/15): Merkel's, that the envoy's reaction welcomes.
  const statement = await hit(request, "speaker=angela-merkel&topic=international-response");
  await page.goto(`/statements/${statement.id}`);
  const citation = page.getByTestId("citation");
  await expect(citation).toHaveAttribute("dir", "ltr");
  expect(await citation.textContent()).toContain(`“\u2068${statement.text}\u2069”.`);
  // On one line, the opening mark is left of every glyph of the quote and the closing mark right of them.
  const layout = await citation.evaluate((p) => {
    p.style.whiteSpace = "nowrap";
    const node = p.firstChild as Text;
    const open = node.data.indexOf("“\u2068");
    const close = node.data.indexOf("\u2069”");
    const box = (start: number, end: number) => {
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, end);
      return range.getBoundingClientRect();
    };
    const quote = box(open + 2, close);
    return {
      open: box(open, open + 1),
      close: box(close + 1, close + 2),
      quote: { left: quote.left, right: quote.right },
    };
  });
  expect(layout.open.right).toBeLessThanOrEqual(layout.quote.left + 0.5);
  expect(layout.close.left).toBeGreaterThanOrEqual(layout.quote.right - 0.5);
});

test("responses to a statement list their Arabic words isolated from the English list around them", async ({
  page,
  request,
}) => {
  // Merkel's statement the envoy's reaction welcomes.
  const statement = await hit(request, "speaker=angela-merkel&topic=international-response");
  await page.goto(`/statements/${statement.id}`);
  const responses = page.getByRole("heading", { name: "Responses" }).locator("..");
  await expect(responses.locator('li bdi[lang="ar"][dir="auto"]').first()).toBeVisible();
});
