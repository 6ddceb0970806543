import { NextResponse } from "next/server";
import { curatorRoute } from "@/lib/api/curator-route";
import { parseId } from "@/lib/api/responses";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { ValidationError } from "@/lib/errors";
import { getPool } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Revokes one of the curator's own tokens: its next request is refused (401 "token revoked"). Session only. */
export const POST = curatorRoute<{ id: string }>("editor", async ({ user, params }) => {
  const id = parseId(params.id);
  if (typeof id !== "number") throw new ValidationError([id]);
  return NextResponse.json(
    { apiToken: await revokeApiToken(getPool(), user.id, id) },
    { headers: { "Cache-Control": "no-store" } },
  );
});
