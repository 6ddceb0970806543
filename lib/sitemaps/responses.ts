import "server-only";
import { isDatabaseUnavailable } from "@/lib/errors";
import { SITEMAP_CACHE_CONTROL, SITEMAP_CONTENT_TYPE } from "./xml";

export function xmlResponse(body: string | ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    headers: { "Content-Type": SITEMAP_CONTENT_TYPE, "Cache-Control": SITEMAP_CACHE_CONTROL },
  });
}

export function plainText(status: number, message: string, extra: Record<string, string> = {}): Response {
  return new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...extra },
  });
}

/** A database outage is a 503 with Retry-After (crawlers come back); anything else a logged 500. */
export function sitemapFailure(error: unknown): Response {
  if (isDatabaseUnavailable(error))
    return plainText(503, "The database is unavailable right now; try again shortly.", { "Retry-After": "60" });
  console.error(error);
  return plainText(500, "Something went wrong on our side.");
}
