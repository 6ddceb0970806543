import "server-only";
import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import {
  ApiTokenError,
  authenticateApiToken,
  bearerToken,
  isBearerAuthorization,
  tokenRoleProblem,
} from "@/lib/auth/api-tokens";
import { crossOriginProblem } from "@/lib/auth/origin";
import { hasRole, type CurrentUser, type Role } from "@/lib/auth/roles";
import { getCurrentUser } from "@/lib/auth/session";
import { InUseError, NotFoundError, ValidationError, VersionConflictError } from "@/lib/errors";
import { getPool } from "@/lib/db/client";
import { TEXT_TOO_COMPLEX, TEXT_TOO_SLOW } from "@/lib/extract/request";
import { quoteForMessage } from "@/lib/validation/zod-messages";
import { TimeBudgetExceededError, WorkerFailedError, WorkersBusyError } from "@/lib/workers/pool";
import { apiError, apiFailure, badRequest } from "./responses";

// Every curator route handler goes through here: who is asking (a session
// cookie, or a personal API token where the route takes one: 401), the origin
// of a mutation made with a session (403), the role (403), then the handler;
// expected failures become 400/404/409 answers that name the problem.
//
// Session or token: a request with an "Authorization: Bearer …" header is a
// token request and is judged by its token alone, even when it also carries a
// session cookie (no fallback from a bad token to the cookie, and no mixing of
// the two). Other Authorization schemes (a proxy's Basic auth, which browsers
// resend by themselves) are not ours and leave the request to the session.
// A token request needs no Origin check: that check stops other sites from
// riding on the cookie a browser adds by itself, whereas a browser never adds
// a Bearer header by itself (another site cannot set one without a CORS
// preflight, which these routes do not grant), so a token request is always
// made on purpose by whoever holds the token.

export type CuratorAuth = { kind: "session" } | { kind: "token"; tokenId: number; tokenRole: Role };
export type CuratorContext<P> = { request: NextRequest; user: CurrentUser; params: P; auth: CuratorAuth };

export type CuratorRouteOptions = {
  /**
   * Also accept `Authorization: Bearer <personal API token>`. Only the write
   * API (statements) opts in; account, token, user, speaker, topic and
   * extraction routes stay session-only, so that a leaked token cannot mint
   * new tokens, change a password or manage accounts.
   */
  apiTokens?: boolean;
};

export function curatorRoute<P = Record<string, never>>(
  role: Role,
  handler: (context: CuratorContext<P>) => Promise<Response>,
  options: CuratorRouteOptions = {},
) {
  return async (request: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const authorization = request.headers.get("authorization");
      if (isBearerAuthorization(authorization)) {
        if (!options.apiTokens) {
          return apiError(
            403,
            "token_not_accepted",
            "API tokens are not accepted here: only the statements write API takes them. Use the workspace, logged in.",
          );
        }
        const auth = await authenticateApiToken(getPool(), bearerToken(authorization));
        const problem = tokenRoleProblem(auth, role);
        if (problem)
          return problem.status === 401
            ? tokenRefused(problem.code, problem.message)
            : apiError(problem.status, problem.code, problem.message);
        return await handler({
          request,
          user: auth.user,
          params: await context.params,
          auth: { kind: "token", tokenId: auth.tokenId, tokenRole: auth.tokenRole },
        });
      }
      const user = await getCurrentUser();
      if (!user) return apiError(401, "unauthenticated", "Log in to do this.");
      const crossOrigin = crossOriginProblem(request);
      if (crossOrigin) return apiError(403, "cross_origin", crossOrigin);
      if (!hasRole(user, role)) return apiError(403, "forbidden", "Your role does not allow this.");
      return await handler({ request, user, params: await context.params, auth: { kind: "session" } });
    } catch (error) {
      if (error instanceof ApiTokenError) return tokenRefused(error.code, error.message);
      return curatorFailure(error);
    }
  };
}

/** 401 for a token request, with the RFC 6750 challenge. */
function tokenRefused(code: string, message: string): Response {
  const response = apiError(401, code, message);
  const description = message.replace(/["\\]/g, "'").slice(0, 200);
  response.headers.set(
    "WWW-Authenticate",
    `Bearer realm="curate", error="invalid_token", error_description="${description}"`,
  );
  return response;
}

export function curatorFailure(error: unknown): Response {
  if (error instanceof ValidationError) return badRequest(error.fields);
  if (error instanceof NotFoundError) return apiError(404, "not_found", error.message);
  if (error instanceof InUseError) return apiError(409, "in_use", error.message);
  if (error instanceof TimeBudgetExceededError)
    return apiError(422, "time_budget_exceeded", `text: ${TEXT_TOO_SLOW}`, [{ field: "text", message: TEXT_TOO_SLOW }]);
  if (error instanceof WorkerFailedError)
    return apiError(422, "text_too_complex", `text: ${TEXT_TOO_COMPLEX}`, [
      { field: "text", message: TEXT_TOO_COMPLEX },
    ]);
  if (error instanceof WorkersBusyError) {
    const response = apiError(503, "busy", "Every worker that reads articles is busy; try again in a few seconds.");
    response.headers.set("Retry-After", String(error.retryAfterSeconds));
    return response;
  }
  if (error instanceof VersionConflictError) {
    return NextResponse.json(
      {
        error: { code: "version_conflict", message: error.message },
        currentVersion: error.currentVersion,
        current: error.current,
      },
      { status: 409, headers: { "Cache-Control": "no-store" } },
    );
  }
  return apiFailure(error);
}

export const MAX_BODY_BYTES = 1_000_000;

/** The JSON body, or a ValidationError naming what is wrong with it (too big, not JSON, not an object). */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  const tooBig = () => new ValidationError([{ field: "body", message: `must be at most ${maxBytes} bytes` }]);
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooBig();
  const text = await readText(request, maxBytes, tooBig);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? ` (${error.message.slice(0, 200)})` : "";
    throw new ValidationError([{ field: "body", message: `must be JSON${detail}` }]);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new ValidationError([{ field: "body", message: "must be a JSON object" }]);
  return value as Record<string, unknown>;
}

/** The body as text, read no further than `maxBytes` (a body sent without Content-Length is cut off too, not buffered whole). */
async function readText(request: Request, maxBytes: number, tooBig: () => Error): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooBig();
    }
    chunks.push(value);
  }
  // As request.text() would: UTF-8, a leading byte-order mark dropped.
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * Refuses top-level fields a request does not know, naming them: a client
 * that misspells `saidOn` or sends `retractionReason` to an edit learns it at
 * once instead of having its value dropped silently.
 */
export function rejectUnknownFields(body: Record<string, unknown>, known: readonly string[]): void {
  const allowed = new Set(known);
  const unknown = Object.keys(body).filter((key) => !allowed.has(key));
  if (unknown.length === 0) return;
  const list = [...allowed].join(", ");
  throw new ValidationError(
    unknown.slice(0, 20).map((key) => ({
      field: key.length > 100 ? quoteForMessage(key) : key,
      message: `is not a field of this request; the fields are: ${list}`,
    })),
  );
}
