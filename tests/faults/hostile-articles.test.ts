import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep } from "@/lib/services/process-utils";
import { benchCuratorHeaders } from "../../scripts/bench/curator-session";
import { adversarialTexts } from "../support/adversarial-text";
import { FaultStack, type AppProcess } from "./support/fault-stack";

// A logged-in editor posts hostile 1 MB articles to the extraction assistant, one after another, while
// a reader's health check runs every 100 ms. Each article must be answered within 5 s (proposals, or a
// 422 naming the time budget), and the health check must keep answering within 200 ms throughout:
// the article is read in a worker thread, never on the thread that serves requests.

const ANSWER_WITHIN_MS = 5_000;
const HEALTH_WITHIN_MS = 200;

let stack: FaultStack;
let app: AppProcess;
let headers: Record<string, string>;

beforeAll(async () => {
  stack = await FaultStack.start("hostile-articles");
  app = await stack.startApp();
  headers = await benchCuratorHeaders(stack.pool, app.baseUrl);
});

afterAll(async () => {
  await stack?.stop();
});

type Probe = { ms: number; status: number };

/** GET /api/health every 100 ms until stopped; every answer's status and time (status 0: no answer within 2 s). */
function probeHealth(baseUrl: string): { stop: () => Promise<Probe[]> } {
  const probes: Probe[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const status = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) })
        .then(async (response) => {
          await response.arrayBuffer();
          return response.status;
        })
        .catch(() => 0);
      probes.push({ ms: performance.now() - started, status });
      await sleep(100);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return probes;
    },
  };
}

describe("hostile articles sent to the extraction assistant", () => {
  it("answers each within 5 s while /api/health keeps answering within 200 ms", async () => {
    // Warm up: the first request starts the worker, and the first of each route loads its code.
    const warm = await fetch(`${app.baseUrl}/api/curate/extract`, {
      method: "POST",
      headers,
      body: JSON.stringify({ text: "Merkel said the talks failed.", language: "en" }),
    });
    expect(warm.status).toBe(200);
    expect((await fetch(`${app.baseUrl}/api/health`)).status).toBe(200);

    const health = probeHealth(app.baseUrl);
    const answers: Array<{ name: string; status: number; ms: number; body: string }> = [];
    for (const { name, lang, text } of adversarialTexts()) {
      const started = performance.now();
      const response = await fetch(`${app.baseUrl}/api/curate/extract`, {
        method: "POST",
        headers,
        body: JSON.stringify({ text, language: lang }),
      });
      const body = await response.text();
      answers.push({ name, status: response.status, ms: performance.now() - started, body });
    }
    const probes = await health.stop();

    for (const answer of answers) {
      expect(answer.ms, `${answer.name}: answered in ${Math.round(answer.ms)} ms`).toBeLessThan(ANSWER_WITHIN_MS);
      expect([200, 422], `${answer.name}: HTTP ${answer.status} ${answer.body.slice(0, 200)}`).toContain(answer.status);
      if (answer.status === 422) {
        const { error } = JSON.parse(answer.body) as {
          error: { code: string; fields: Array<{ field: string; message: string }> };
        };
        expect(error.code).toBe("time_budget_exceeded");
        expect(error.fields[0]).toEqual({ field: "text", message: expect.stringMatching(/3-second time budget/) });
      }
    }
    expect(probes.length).toBeGreaterThan(10);
    const slowest = Math.max(...probes.map((p) => p.ms));
    expect(
      probes.filter((p) => p.status !== 200),
      "health checks that failed",
    ).toEqual([]);
    const times = probes.map((p) => Math.round(p.ms)).sort((a, b) => b - a);
    expect(slowest, `slowest health checks (ms): ${times.slice(0, 10).join(", ")} of ${probes.length}`).toBeLessThan(
      HEALTH_WITHIN_MS,
    );
  });

  it("answers 503 with Retry-After when the workers are busy, and serves again after", async () => {
    // One worker on this machine, four waiting at most: a burst of slow articles fills both.
    const slow = adversarialTexts().find((t) => t.name === "mixed scripts");
    if (!slow) throw new Error("the mixed-scripts text is missing from the fixtures");
    const burst = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(`${app.baseUrl}/api/curate/extract`, {
          method: "POST",
          headers,
          body: JSON.stringify({ text: slow.text, language: slow.lang }),
        }).then(async (r) => ({
          status: r.status,
          retryAfter: r.headers.get("retry-after"),
          body: await r.text(),
        })),
      ),
    );
    const busy = burst.filter((r) => r.status === 503);
    expect(busy.length, burst.map((r) => r.status).join(",")).toBeGreaterThan(0);
    for (const answer of busy) {
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(answer.body).error.code).toBe("busy");
    }
    for (const answer of burst) expect([200, 422, 503]).toContain(answer.status);
    const after = await fetch(`${app.baseUrl}/api/curate/extract`, {
      method: "POST",
      headers,
      body: JSON.stringify({ text: "Merkel said the talks failed.", language: "en" }),
    });
    expect(after.status).toBe(200);
  });
});
