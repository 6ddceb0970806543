import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "./support/curators";

// What reaches the browser: never a server secret; every page under a strict
// Content-Security-Policy; session cookies out of reach of scripts.

const secrets = () =>
  [
    ["the Meilisearch master key", process.env.E2E_MEILI_KEY],
    ["the database URL", process.env.E2E_DATABASE_URL],
    ["the auth secret", process.env.E2E_AUTH_SECRET],
  ].filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1].length > 0);

// Names that only server code may mention: a client module reading them would ship them (or their values).
const SERVER_ONLY_NAMES = ["MEILI_MASTER_KEY", "DATABASE_URL", "AUTH_SECRET", "NEXTAUTH_SECRET", "postgres://"];

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

test.use({ storageState: STORAGE_STATE.admin });

test("no server secret in the built browser files, nor in any script a page loads", async ({ page }) => {
  expect(secrets().length).toBe(3);
  const staticFiles = filesUnder(path.resolve(".next/static"));
  expect(staticFiles.length).toBeGreaterThan(10);
  for (const file of staticFiles) {
    const content = fs.readFileSync(file, "utf8");
    for (const [what, value] of secrets()) expect(content.includes(value), `${what} in ${file}`).toBe(false);
    for (const name of SERVER_ONLY_NAMES) expect(content.includes(name), `${name} in ${file}`).toBe(false);
  }

  const scripts = new Map<string, string>();
  page.on("response", async (response) => {
    if (response.request().resourceType() === "script")
      scripts.set(response.url(), await response.text().catch(() => ""));
  });
  for (const url of ["/", "/search?q=Merkel", "/speakers", "/curate", "/curate/statements/new", "/login"]) {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
  }
  expect(scripts.size).toBeGreaterThan(3);
  for (const [url, content] of scripts) {
    for (const [what, value] of secrets()) expect(content.includes(value), `${what} in ${url}`).toBe(false);
  }
});

test("every page carries a strict Content-Security-Policy whose nonce is on its scripts", async ({ page }) => {
  for (const url of ["/", "/search?q=Merkel", "/curate/statements/new"]) {
    const response = await page.goto(url);
    const csp = response!.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const scriptNonces = await page
      .locator("script[src]")
      .evaluateAll((nodes) => nodes.map((node) => (node as HTMLScriptElement).nonce));
    expect(scriptNonces.length).toBeGreaterThan(0);
    for (const value of scriptNonces) expect(value).toBe(nonce);
  }
  // Markup slipped into the page cannot run code: inline handlers need a nonce they cannot have.
  await page.goto("/");
  const ran = await page.evaluate(async () => {
    document.body.insertAdjacentHTML("beforeend", `<img src="/no-such-image.png" onerror="window.__injected = true">`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return (window as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
});

test("the session cookie is HttpOnly and SameSite", async ({ context }) => {
  const cookies = await context.cookies();
  const session = cookies.find((cookie) => cookie.name.endsWith("next-auth.session-token"));
  expect(session).toBeDefined();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");
});
