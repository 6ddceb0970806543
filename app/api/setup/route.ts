import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { curatorFailure, readJsonBody } from "@/lib/api/curator-route";
import { apiError } from "@/lib/api/responses";
import { crossOriginProblem } from "@/lib/auth/origin";
import { textFields } from "@/lib/auth/request-fields";
import { SetupTokenError, claimSetupToken } from "@/lib/auth/setup-token";
import { getPool } from "@/lib/db/client";

// The first admin, from the one-time link `npm start` prints while no user
// exists. No session exists yet, so this is not a curatorRoute; the token is
// the credential, and the origin check still applies.

const MAX_BODY_BYTES = 10_000;

export async function POST(request: NextRequest): Promise<Response> {
  try {
    const crossOrigin = crossOriginProblem(request);
    if (crossOrigin) return apiError(403, "cross_origin", crossOrigin);
    const body = await readJsonBody(request, MAX_BODY_BYTES);
    const input = textFields(body, ["token", "email", "name", "password"]);
    const id = await claimSetupToken(getPool(), input);
    return NextResponse.json(
      { id, email: input.email.trim() },
      { status: 201, headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    if (error instanceof SetupTokenError) {
      // An unknown token is a 404, a spent one (used, expired, or an admin already exists) a 410.
      return apiError(error.state === "unknown" ? 404 : 410, `setup_${error.state.replace("-", "_")}`, error.message);
    }
    return curatorFailure(error);
  }
}
