import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "./support/curators";

// Every redirect percent-encodes its Location (lib/http/location.ts): a path
// outside Latin-1 in a header was a 500 ("Invalid character in header content").

const MERKEL = "/speakers/ميركل";
const ENCODED = "/speakers/%D9%85%D9%8A%D8%B1%D9%83%D9%84";

test.describe("as a logged-in curator", () => {
  test.use({ storageState: STORAGE_STATE.editor });

  test("the login page sends a logged-in curator on to an Arabic ?next= address, encoded", async ({
    request,
    page,
  }) => {
    const response = await request.get(`/login?next=${encodeURIComponent(MERKEL)}`, { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers()["location"]).toBe(ENCODED);
    // Unencoded in the query too (as a person types it).
    const raw = await request.get(`/login?next=${MERKEL}`, { maxRedirects: 0 });
    expect(raw.status()).toBe(307);
    expect(raw.headers()["location"]).toBe(ENCODED);
    // And a browser ends up on the page (whatever it answers, not a 500).
    const landed = await page.goto(`/login?next=${encodeURIComponent(MERKEL)}`);
    expect(landed!.status()).toBeLessThan(500);
    expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(MERKEL);
  });
});

test("the language switch returns to an Arabic address, encoded", async ({ request }) => {
  const response = await request.get(`/preferences?locale=en&back=${encodeURIComponent(`${MERKEL}?q=حلب`)}`, {
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
  expect(response.headers()["location"]).toBe(`${ENCODED}?q=%D8%AD%D9%84%D8%A8`);
});

test("a logged-out visitor to a curator page with Arabic in its address is sent to the login page, encoded", async ({
  request,
}) => {
  const response = await request.get(`/curate/statements/new?note=${encodeURIComponent("ملاحظة")}`, {
    maxRedirects: 0,
  });
  expect(response.status()).toBe(307);
  const location = response.headers()["location"]!;
  expect(location).toMatch(/^[\x21-\x7e]+$/);
  expect(new URL(location, "http://x").searchParams.get("next")).toBe(
    `/curate/statements/new?note=${encodeURIComponent("ملاحظة")}`,
  );
});
