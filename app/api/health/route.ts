import { NextResponse } from "next/server";
import { getPool } from "@/lib/db/client";
import { meiliClient } from "@/lib/search/client";

export const dynamic = "force-dynamic";

/** Liveness of the app and its two services, for the launcher and load balancers. */
export async function GET() {
  const [database, search] = await Promise.all([
    getPool()
      .query("SELECT 1")
      .then(() => "ok" as const)
      .catch(() => "unavailable" as const),
    meiliClient()
      .health()
      .then(() => "ok" as const)
      .catch(() => "unavailable" as const),
  ]);
  const ok = database === "ok" && search === "ok";
  return NextResponse.json(
    { status: ok ? "ok" : "degraded", database, search },
    { status: database === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
