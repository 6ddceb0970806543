import { NextResponse, type NextRequest } from "next/server";
import { curatorFailure, readJsonBody, rejectUnknownFields } from "@/lib/api/curator-route";
import { apiError, badRequest } from "@/lib/api/responses";
import { clientAddress } from "@/lib/auth/client-address";
import { crossOriginProblem } from "@/lib/auth/origin";
import { SecondStepError, verifySecondStep } from "@/lib/auth/two-factor";
import { completeSessionCookie, getPendingLogin } from "@/lib/auth/two-factor-session";
import { getPool } from "@/lib/db/client";

// POST {code} or {recoveryCode}: the second login step. Only a session that
// passed the password step and waits for its code may call it; on success the
// same session cookie comes back marked as two-factor (lib/auth/two-factor-session.ts).
export async function POST(request: NextRequest): Promise<Response> {
  try {
    const crossOrigin = crossOriginProblem(request);
    if (crossOrigin) return apiError(403, "cross_origin", crossOrigin);
    const pending = await getPendingLogin();
    if (!pending || pending.mfa !== "pending") {
      return apiError(
        401,
        "no_pending_login",
        "There is no login waiting for a code (it waits 10 minutes): log in with your email and password first.",
      );
    }
    const body = await readJsonBody(request, 10_000);
    rejectUnknownFields(body, ["code", "recoveryCode"]);
    const result = await verifySecondStep(
      getPool(),
      { userId: pending.user.id, email: pending.user.email, address: clientAddress(request.headers) },
      { code: body.code, recoveryCode: body.recoveryCode },
    );
    const response = NextResponse.json({ ok: true, ...result }, { headers: { "Cache-Control": "no-store" } });
    if (!(await completeSessionCookie(response)))
      return apiError(401, "no_pending_login", "The session cookie could not be read: log in again.");
    return response;
  } catch (error) {
    if (error instanceof SecondStepError) {
      if (error.status === 400) return badRequest([{ field: error.field, message: error.message }]);
      const response = apiError(429, "throttled", `${error.field}: ${error.message}`, [
        { field: error.field, message: error.message },
      ]);
      response.headers.set("Retry-After", String(error.retryAfterSeconds ?? 60));
      return response;
    }
    return curatorFailure(error);
  }
}
