import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody } from "@/lib/api/curator-route";
import { clientAddress } from "@/lib/auth/client-address";
import { textFields } from "@/lib/auth/request-fields";
import { twoFactorStatus } from "@/lib/auth/two-factor";
import { changeOwnPassword } from "@/lib/auth/users";
import { getPool } from "@/lib/db/client";

// POST {currentPassword, newPassword, confirmPassword}: changes the curator's
// own password and ends every session of theirs; the page then logs this
// browser in again with the new password.
export const POST = curatorRoute("editor", async ({ request, user }) => {
  const body = await readJsonBody(request, 10_000);
  const input = textFields(body, ["currentPassword", "newPassword", "confirmPassword"]);
  await changeOwnPassword(getPool(), user.id, input, clientAddress(request.headers));
  // With two-factor login, the new login waits for a code: the page sends this browser to that step.
  const { enabled: twoFactor } = await twoFactorStatus(getPool(), user.id);
  return NextResponse.json({ ok: true, email: user.email, twoFactor }, { headers: { "Cache-Control": "no-store" } });
});
