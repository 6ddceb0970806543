import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody, rejectUnknownFields } from "@/lib/api/curator-route";
import { apiError } from "@/lib/api/responses";
import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { sessionTokenCreationProblem } from "@/lib/auth/two-factor-session";
import { getPool } from "@/lib/db/client";

export const dynamic = "force-dynamic";

// The curator's own personal API tokens. Session only (no token can mint or
// list tokens): a leaked token must not be able to outlive its revocation.

const NO_STORE = { "Cache-Control": "no-store" };

/** The curator's tokens (never a token itself, nor its hash). */
export const GET = curatorRoute("editor", async ({ user }) => {
  return NextResponse.json({ tokens: await listApiTokens(getPool(), user.id) }, { headers: NO_STORE });
});

/** POST {name, role?}: a new token; `token` is in this answer only, never again. role ≤ the curator's own, editor by default. */
export const POST = curatorRoute("editor", async ({ request, user }) => {
  // A curator with two-factor login mints tokens only from a session that passed it: a stolen password alone cannot.
  const twoFactor = await sessionTokenCreationProblem(user.id);
  if (twoFactor) return apiError(403, "two_factor_required", twoFactor);
  const body = await readJsonBody(request, 10_000);
  rejectUnknownFields(body, ["name", "role"]);
  const created = await createApiToken(getPool(), user, { name: body.name, role: body.role });
  return NextResponse.json(created, { status: 201, headers: NO_STORE });
});
