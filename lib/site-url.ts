import "server-only";
import { headers } from "next/headers";

/**
 * The site's absolute address for canonical URLs, OpenGraph and citations:
 * PUBLIC_URL when set (behind a proxy, set it), else the request's own host.
 */
export async function siteUrl(): Promise<string> {
  if (process.env.PUBLIC_URL) return process.env.PUBLIC_URL.replace(/\/$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}
