import { NextResponse, type NextRequest } from "next/server";
import { curatorFailure, readJsonBody, rejectUnknownFields } from "@/lib/api/curator-route";
import { apiError } from "@/lib/api/responses";
import { crossOriginProblem } from "@/lib/auth/origin";
import { getCurrentUser } from "@/lib/auth/session";
import { confirmEnrolment } from "@/lib/auth/two-factor";
import { completeSessionCookie, getPendingLogin } from "@/lib/auth/two-factor-session";
import { getPool } from "@/lib/db/client";

// POST {code}: confirms the secret the enrolment page showed with a first code
// and answers the recovery codes, once. Called by an admin's login that must
// enrol before anything else (a pending session), or by any logged-in curator
// from the account screen. Either way this session then counts as two-factor.
export async function POST(request: NextRequest): Promise<Response> {
  try {
    const crossOrigin = crossOriginProblem(request);
    if (crossOrigin) return apiError(403, "cross_origin", crossOrigin);
    const pending = await getPendingLogin();
    const user = pending?.mfa === "enrol" ? pending.user : await getCurrentUser();
    if (!user) return apiError(401, "unauthenticated", "Log in to do this.");
    const body = await readJsonBody(request, 10_000);
    rejectUnknownFields(body, ["code"]);
    const { recoveryCodes } = await confirmEnrolment(getPool(), user.id, body.code);
    const response = NextResponse.json({ ok: true, recoveryCodes }, { headers: { "Cache-Control": "no-store" } });
    await completeSessionCookie(response);
    return response;
  } catch (error) {
    return curatorFailure(error);
  }
}
