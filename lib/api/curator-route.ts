import "server-only";
import type { NextRequest } from "next/server";
import { crossOriginProblem } from "@/lib/auth/origin";
import { hasRole, type CurrentUser, type Role } from "@/lib/auth/roles";
import { AuthError, getCurrentUser } from "@/lib/auth/session";
import { NotFoundError, ValidationError, VersionConflictError } from "@/lib/curate/errors";
import { apiError, apiFailure, badRequest } from "./responses";
import { NextResponse } from "next/server";

// Every curator route handler goes through here: the session (401), the
// origin of a mutation (403), the role (403), then the handler; expected
// failures become 400/404/409 answers that name the problem.

export type CuratorContext<P> = { request: NextRequest; user: CurrentUser; params: P };

export function curatorRoute<P = Record<string, never>>(role: Role, handler: (context: CuratorContext<P>) => Promise<Response>) {
  return async (request: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const user = await getCurrentUser();
      if (!user) return apiError(401, "unauthenticated", "Log in to do this.");
      const crossOrigin = crossOriginProblem(request);
      if (crossOrigin) return apiError(403, "cross_origin", crossOrigin);
      if (!hasRole(user, role)) return apiError(403, "forbidden", "Your role does not allow this.");
      return await handler({ request, user, params: await context.params });
    } catch (error) {
      return curatorFailure(error);
    }
  };
}

export function curatorFailure(error: unknown): Response {
  if (error instanceof AuthError) return apiError(error.status, error.status === 401 ? "unauthenticated" : "forbidden", error.message);
  if (error instanceof ValidationError) return badRequest(error.fields);
  if (error instanceof NotFoundError) return apiError(404, "not_found", error.message);
  if (error instanceof VersionConflictError) {
    return NextResponse.json(
      { error: { code: "version_conflict", message: error.message }, currentVersion: error.currentVersion, current: error.current },
      { status: 409, headers: { "Cache-Control": "no-store" } },
    );
  }
  return apiFailure(error);
}

export const MAX_BODY_BYTES = 1_000_000;

/** The JSON body, or a ValidationError naming what is wrong with it (too big, not JSON, not an object). */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new ValidationError([{ field: "body", message: `must be at most ${maxBytes} bytes` }]);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw new ValidationError([{ field: "body", message: `must be at most ${maxBytes} bytes` }]);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError([{ field: "body", message: "must be JSON" }]);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ValidationError([{ field: "body", message: "must be a JSON object" }]);
  return value as Record<string, unknown>;
}
