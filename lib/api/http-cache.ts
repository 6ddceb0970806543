import { createHash } from "node:crypto";
import { clientAddress } from "@/lib/auth/client-address";
import { getPool } from "@/lib/db/client";
import { createRateLimiter, rateLimitPerMinute, type RateLimitDecision } from "./rate-limit";
import { apiError, apiFailure } from "./responses";

// HTTP semantics shared by every GET of the public API (/api/v1/…), in one
// place: a weak ETag of the body with If-None-Match → 304, Cache-Control, CORS
// open for reading (GET, and the OPTIONS preflight), and the per-address rate
// limit with its X-RateLimit-* headers and 429 + Retry-After.
//
// A route handler is written as
//   export const GET = publicGet(async (request) => cachedJson(request, body, CACHE_SECONDS.list));
//   export const OPTIONS = preflight;

/** max-age of each kind of answer, in seconds: short for lists, which change with every save. */
export const CACHE_SECONDS = {
  search: 10,
  list: 10,
  item: 60,
  document: 300,
} as const;

const EXPOSED_HEADERS = ["ETag", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"].join(
  ", ",
);

export const CORS_HEADERS: Readonly<Record<string, string>> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": EXPOSED_HEADERS,
};

/** A weak validator: equal bodies give equal tags (the JSON is built deterministically). */
export function weakEtag(body: string): string {
  return `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

/** If-None-Match matches `etag` under the weak comparison (RFC 9110 §13.1.2), or is "*". */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  const wanted = opaque(etag);
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === wanted);
}

/**
 * A 200 with the JSON body, its ETag and Cache-Control; a 304 without a body
 * when the client already holds this version (If-None-Match).
 */
export function cachedJson(request: Request, body: unknown, maxAgeSeconds: number): Response {
  const text = JSON.stringify(body);
  return serialisedJson(request, { text, etag: weakEtag(text) }, maxAgeSeconds);
}

/** cachedJson of a body serialised and tagged once (a fixed document): no work per request. */
export function serialisedJson(
  request: Request,
  body: { text: string; etag: string },
  maxAgeSeconds: number,
): Response {
  const { text, etag } = body;
  const headers: Record<string, string> = { ETag: etag, "Cache-Control": `public, max-age=${maxAgeSeconds}` };
  if (etagMatches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(text, { status: 200, headers: { ...headers, "Content-Type": "application/json" } });
}

/** The answer to a CORS preflight: reading only (no credentials are ever used by the API). */
export function preflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
      "Access-Control-Allow-Headers": "If-None-Match, Accept, Accept-Language, Content-Type",
      "Access-Control-Max-Age": "86400",
      Allow: "GET, HEAD, OPTIONS",
      "Cache-Control": "public, max-age=86400",
    },
  });
}

const globalLimiter = globalThis as unknown as { __apiRateLimiter?: ReturnType<typeof createRateLimiter> };

function limiter() {
  globalLimiter.__apiRateLimiter ??= createRateLimiter(getPool, () => rateLimitPerMinute());
  return globalLimiter.__apiRateLimiter;
}

function rateHeaders(decision: RateLimitDecision): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(decision.limit),
    "X-RateLimit-Remaining": String(decision.remaining),
    "X-RateLimit-Reset": String(decision.resetSeconds),
  };
}

export function tooManyRequests(decision: RateLimitDecision): Response {
  const response = apiError(
    429,
    "rate_limited",
    `Too many requests from your address: at most ${decision.limit} a minute. Try again in ${decision.resetSeconds} s.`,
  );
  response.headers.set("Retry-After", String(decision.resetSeconds));
  return response;
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Wraps a GET handler of the public API: counts the request against the
 * address's limit (while the handler runs, so the limiter adds no waiting),
 * answers 429 when over it, and adds the CORS and X-RateLimit-* headers to
 * whatever the handler answered, errors and redirects included. A handler that
 * throws is answered by apiFailure (503 when a service is down, else 500).
 */
export function publicGet<C>(handler: Handler<C>): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    try {
      return await limitedAnswer(request, context, handler);
    } catch (error) {
      // Only a bad setting gets here (API_RATE_LIMIT_PER_MINUTE): loud, and still a JSON error.
      const response: Response = apiFailure(error);
      for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
      return response;
    }
  };
}

async function limitedAnswer<C>(request: Request, context: C, handler: Handler<C>): Promise<Response> {
  // Decided in memory, before any work: a refused request costs no query.
  const decision = limiter().take(clientAddress(request.headers));
  const response =
    decision && !decision.allowed
      ? tooManyRequests(decision)
      : await handler(request, context).catch((error: unknown): Response => apiFailure(error));
  if (decision) for (const [name, value] of Object.entries(rateHeaders(decision))) response.headers.set(name, value);
  for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
  return response;
}
