import { NextResponse } from "next/server";
import { curatorRoute } from "@/lib/api/curator-route";
import { parseId } from "@/lib/api/responses";
import { resetTwoFactor } from "@/lib/auth/two-factor";
import { ValidationError } from "@/lib/errors";
import { getPool } from "@/lib/db/client";

// DELETE: an admin resets another user's two-factor login (lost phone, no
// recovery code left). Their sessions end; a revision records who did it.
export const DELETE = curatorRoute<{ id: string }>("admin", async ({ user, params }) => {
  const id = parseId(params.id);
  if (typeof id !== "number") throw new ValidationError([id]);
  await resetTwoFactor(getPool(), id, user.id);
  return NextResponse.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
});
