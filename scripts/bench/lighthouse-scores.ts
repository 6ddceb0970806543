import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { formatTable } from "./stats";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

/**
 * Lighthouse (mobile profile: its default emulation and simulated throttling)
 * of each [name, path] against a running app, in Debian's Chromium; returns the
 * printed table. Used by `npm run lighthouse` (demo data) and
 * `npm run bench -- --lighthouse` (the benchmark's 120k or 1M data).
 */
export async function lighthouseTable(base: string, pages: Array<[string, string]>): Promise<string> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  });
  try {
    const rows: string[][] = [];
    for (const [name, path] of pages) {
      const result = await lighthouse(`${base}${path}`, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: [...CATEGORIES],
      });
      const lhr = result?.lhr;
      if (lhr?.runtimeError) throw new Error(`lighthouse ${path}: ${lhr.runtimeError.message}`);
      const lcp = lhr?.audits["largest-contentful-paint"]?.displayValue ?? "—";
      rows.push([name, ...CATEGORIES.map((c) => String(Math.round((lhr?.categories[c]?.score ?? 0) * 100))), lcp]);
    }
    return formatTable(["page", "performance", "accessibility", "best practices", "SEO", "LCP (simulated)"], rows);
  } finally {
    chrome.kill();
  }
}
