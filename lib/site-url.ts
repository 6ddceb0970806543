import "server-only";
import { headers } from "next/headers";

/**
 * The site's absolute address for canonical URLs, OpenGraph and citations:
 * PUBLIC_URL when set (behind a proxy, set it), else the request's own host.
 * X-Forwarded-Host/-Proto here are our server's (scripts/lib/app-server.ts):
 * it replaces the client's with the Host header and the socket's scheme, or
 * with a trusted proxy's (TRUSTED_PROXIES).
 */
export async function siteUrl(): Promise<string> {
  return siteUrlFrom(await headers());
}

/** siteUrl from a request's own headers (route handlers); `fallback` when they name no host. */
export function siteUrlFrom(h: Pick<Headers, "get">, fallback = "http://localhost:3000"): string {
  if (process.env.PUBLIC_URL) return process.env.PUBLIC_URL.replace(/\/$/, "");
  const base = new URL(fallback);
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? base.host;
  const proto = h.get("x-forwarded-proto") ?? base.protocol.replace(/:$/, "");
  return `${proto}://${host}`;
}
