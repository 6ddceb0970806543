import { NextResponse } from "next/server";
import { curatorRoute } from "@/lib/api/curator-route";
import { logOutEverywhere } from "@/lib/auth/users";
import { getPool } from "@/lib/db/client";

// POST: "log out everywhere" — every session of this curator ends, this one included.
export const POST = curatorRoute("editor", async ({ user }) => {
  await logOutEverywhere(getPool(), user.id);
  return NextResponse.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
});
