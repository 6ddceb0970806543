import { randomBytes } from "node:crypto";
import type pg from "pg";
import { createUser } from "@/lib/auth/users";

/**
 * A curator session for the benchmark: makes a throwaway editor account and
 * logs it in through next-auth's credentials endpoint, as the login form does.
 * Returns the headers a curator's browser sends with a mutation.
 */
export async function benchCuratorHeaders(pool: pg.Pool, base: string): Promise<Record<string, string>> {
  const email = `bench-${Date.now().toString(36)}@example.org`;
  const password = randomBytes(18).toString("base64url");
  await createUser(pool, { email, name: "Benchmark curator", role: "editor", password });
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = pair!.split("=");
      cookies.set(name!, value.join("="));
    }
  };
  keep(csrf);
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader(), Origin: base },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(login);
  if (![...cookies.keys()].some((name) => name.endsWith("next-auth.session-token")))
    throw new Error(`bench: the curator login failed (HTTP ${login.status})`);
  return { Cookie: cookieHeader(), Origin: base, "Content-Type": "application/json" };
}
