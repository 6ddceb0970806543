import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOGIN_THROTTLE } from "@/lib/auth/throttle";
import { stopChild, findFreePort } from "@/lib/services/process-utils";
import { seedDemoData } from "@/lib/seed/demo";
import { buildIsCurrent, runBuild } from "../../scripts/lib/build";
import { startBuiltApp } from "../../scripts/lib/next-server";
import { useTestEnvironment } from "../support/integration";

// The built app behind our server (scripts/lib/app-server.ts), as npm start
// runs it, with and without TRUSTED_PROXIES. Without it, the socket's address
// counts and forwarding headers are ignored: a forged X-Forwarded-For gets no
// fresh rate-limit counter, a forged X-Forwarded-Host/-Proto changes neither
// canonical URLs nor the origin check. With it, a trusted proxy's word counts.
// Also: Strict-Transport-Security exactly when PUBLIC_URL is https.

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
let statementId: number;

beforeAll(async () => {
  env = await useTestEnvironment("client_addresses");
  await seedDemoData(env.pool);
  statementId = (await env.pool.query<{ id: number }>(`SELECT min(id) AS id FROM statements`)).rows[0]!.id;
  if (!buildIsCurrent()) await runBuild();
}, 900_000);

afterAll(async () => {
  await env.close();
});

async function startApp(extra: { TRUSTED_PROXIES?: string; PUBLIC_URL?: string }) {
  return startBuiltApp({
    port: await findFreePort(),
    env: {
      DATABASE_URL: env.databaseUrl,
      MEILI_URL: env.services.meiliUrl,
      MEILI_MASTER_KEY: env.services.meiliKey,
      MEILI_INDEX: env.indexUid,
      API_RATE_LIMIT_PER_MINUTE: "3",
      TRUSTED_PROXIES: "",
      ...extra,
    },
  });
}

const FORGED_ORIGIN = { "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" };

/** The rate limit's view of four requests, each claiming a new address in every header a client can write. */
async function fourRequestsFromForgedAddresses(baseUrl: string, tag: number) {
  const answers = [];
  for (let i = 1; i <= 4; i++) {
    const forged = `198.51.${tag}.${i}`;
    const response = await fetch(`${baseUrl}/api/v1/topics`, {
      headers: {
        "X-Forwarded-For": forged,
        "X-Client-Address": forged,
        "X-Real-IP": forged,
        Forwarded: `for=${forged}`,
      },
    });
    answers.push({ status: response.status, remaining: response.headers.get("x-ratelimit-remaining") });
  }
  return answers;
}

/** A wrong login through next-auth's own endpoint, as the login form sends it; the error it answers with. */
async function failedLogin(baseUrl: string, email: string, forged: string): Promise<string> {
  const forging = { "X-Forwarded-For": forged, "X-Client-Address": forged };
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers: forging });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, ...forging },
    body: new URLSearchParams({ csrfToken, email, password: "not the password at all", json: "true" }),
  });
  const location = response.headers.get("location") ?? ((await response.json()) as { url: string }).url;
  return new URL(location, baseUrl).searchParams.get("error") ?? `no error in ${location}`;
}

/** The per-address login limit's view of one more than its limit of failures, each for another account and from another forged address. */
async function loginsFromForgedAddresses(baseUrl: string, tag: string): Promise<string[]> {
  const errors = [];
  for (let i = 0; i <= LOGIN_THROTTLE.maxFailuresPerAddress; i++)
    errors.push(
      await failedLogin(baseUrl, `nobody-${tag}-${i}@example.org`, `198.18.${i}.${tag === "trusted" ? 2 : 1}`),
    );
  return errors;
}

async function canonicalOf(baseUrl: string, headers: Record<string, string>) {
  const html = await (await fetch(`${baseUrl}/statements/${statementId}`, { headers })).text();
  return /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1];
}

/** POST /api/setup (no session needed, origin-checked first) as another site that forged the host headers. */
async function setupFrom(baseUrl: string, origin: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}/api/setup`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: origin, ...headers },
    body: JSON.stringify({
      token: "not-a-token",
      email: "x@example.org",
      name: "",
      password: "a long enough password",
    }),
  });
  return { status: response.status, code: ((await response.json()) as { error?: { code?: string } }).error?.code };
}

describe("without TRUSTED_PROXIES (the app faces clients directly)", () => {
  let app: { child: ChildProcess; baseUrl: string };
  beforeAll(async () => {
    app = await startApp({});
  }, 120_000);
  afterAll(async () => {
    if (app) await stopChild(app.child, "SIGTERM");
  });

  it("counts the socket's address: a forged X-Forwarded-For (or X-Client-Address) gets no fresh rate-limit counter", async () => {
    const answers = await fourRequestsFromForgedAddresses(app.baseUrl, 100);
    expect(answers).toEqual([
      { status: 200, remaining: "2" },
      { status: 200, remaining: "1" },
      { status: 200, remaining: "0" },
      { status: 429, remaining: "0" },
    ]);
  });

  it("a forged X-Forwarded-For gets no fresh login counter either: the per-address login limit holds", async () => {
    const errors = await loginsFromForgedAddresses(app.baseUrl, "untrusted");
    expect(errors.slice(0, -1)).toEqual(
      Array(LOGIN_THROTTLE.maxFailuresPerAddress).fill("The email or password is wrong."),
    );
    expect(errors.at(-1)).toMatch(/^Too many failed logins/);
  }, 120_000);

  it("a forged X-Forwarded-Host/-Proto changes neither canonical URLs nor the origin check", async () => {
    const own = `${app.baseUrl}/statements/${statementId}`;
    expect(await canonicalOf(app.baseUrl, {})).toBe(own);
    expect(await canonicalOf(app.baseUrl, FORGED_ORIGIN)).toBe(own);
    expect(await setupFrom(app.baseUrl, "https://evil.example", FORGED_ORIGIN)).toEqual({
      status: 403,
      code: "cross_origin",
    });
    // The site's own origin passes the check (and the made-up token is then unknown).
    expect(await setupFrom(app.baseUrl, app.baseUrl, FORGED_ORIGIN)).toEqual({ status: 404, code: "setup_unknown" });
  });

  it("sends no Strict-Transport-Security without an https PUBLIC_URL", async () => {
    expect((await fetch(`${app.baseUrl}/api/health`)).headers.get("strict-transport-security")).toBeNull();
  });
});

describe("with TRUSTED_PROXIES=127.0.0.1 (behind a proxy on this host)", () => {
  let app: { child: ChildProcess; baseUrl: string };
  beforeAll(async () => {
    app = await startApp({ TRUSTED_PROXIES: "127.0.0.1" });
  }, 120_000);
  afterAll(async () => {
    if (app) await stopChild(app.child, "SIGTERM");
  });

  it("takes the client's address from the proxy's X-Forwarded-For, the last entry that is not a trusted proxy", async () => {
    const answers = await fourRequestsFromForgedAddresses(app.baseUrl, 101);
    expect(answers.map((a) => a.remaining)).toEqual(["2", "2", "2", "2"]);
    // What a client put in front of the proxy's entry does not count.
    const ask = (forwardedFor: string) =>
      fetch(`${app.baseUrl}/api/v1/topics`, { headers: { "X-Forwarded-For": forwardedFor } }).then((r) =>
        r.headers.get("x-ratelimit-remaining"),
      );
    expect(await ask("203.0.113.1, 198.51.102.9")).toBe("2");
    expect(await ask("203.0.113.2, 198.51.102.9")).toBe("1");
    expect(await ask("198.51.102.9, 127.0.0.1")).toBe("0");
  });

  it("counts logins per forwarded address", async () => {
    const errors = await loginsFromForgedAddresses(app.baseUrl, "trusted");
    expect(errors).toEqual(Array(LOGIN_THROTTLE.maxFailuresPerAddress + 1).fill("The email or password is wrong."));
  }, 120_000);

  it("builds canonical URLs and the origin check from the proxy's X-Forwarded-Host/-Proto", async () => {
    expect(await canonicalOf(app.baseUrl, FORGED_ORIGIN)).toBe(`https://evil.example/statements/${statementId}`);
    expect(await setupFrom(app.baseUrl, "https://evil.example", FORGED_ORIGIN)).toEqual({
      status: 404,
      code: "setup_unknown",
    });
    expect(await setupFrom(app.baseUrl, "https://evil.example")).toEqual({ status: 403, code: "cross_origin" });
  });
});

describe("with an https PUBLIC_URL", () => {
  it("sends Strict-Transport-Security on pages, the API and static files, decided when the server starts", async () => {
    const app = await startApp({ PUBLIC_URL: "https://statements.example" });
    try {
      for (const path of ["/api/health", "/", "/api/v1/topics", "/favicon.ico"]) {
        const response = await fetch(`${app.baseUrl}${path}`);
        expect(response.headers.get("strict-transport-security"), path).toBe("max-age=31536000; includeSubDomains");
      }
    } finally {
      await stopChild(app.child, "SIGTERM");
    }
  }, 120_000);
});
