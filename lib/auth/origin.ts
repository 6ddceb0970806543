import { appEnv } from "@/lib/env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Mutations with a session cookie must come from our own pages: the Origin
 * header (always sent by browsers on POST/PUT/PATCH/DELETE) must be this
 * site's. SameSite cookies already stop most cross-site requests; this also
 * stops them from sibling subdomains and old browsers. Returns the problem, or null.
 */
export function crossOriginProblem(request: Request): string | null {
  if (SAFE_METHODS.has(request.method)) return null;
  const origin = request.headers.get("origin");
  if (!origin) {
    if (request.headers.get("sec-fetch-site") === "same-origin") return null;
    return "The request has no Origin header; changes are only accepted from this site's pages.";
  }
  if (allowedOrigins(request).has(origin)) return null;
  return `Changes are only accepted from this site's pages, not from ${origin}.`;
}

// X-Forwarded-Host/-Proto are our server's own (scripts/lib/app-server.ts): a
// client's copies are replaced unless its peer is one of TRUSTED_PROXIES.
function allowedOrigins(request: Request): Set<string> {
  const allowed = new Set<string>();
  const publicUrl = appEnv().PUBLIC_URL;
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (host) {
    const proto =
      request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || new URL(request.url).protocol.replace(":", "");
    allowed.add(`${proto}://${host}`);
  }
  return allowed;
}
