import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody } from "@/lib/api/curator-route";
import { splitReport } from "@/lib/curate/merges";
import { getPool } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** POST /api/curate/merges/split — { statementId, reportId }: the report leaves the statement and becomes a statement of its own (201). Editors and admins, with a session. */
export const POST = curatorRoute("editor", async ({ request, user }) =>
  NextResponse.json(await splitReport(getPool(), user, await readJsonBody(request)), {
    status: 201,
    headers: { "Cache-Control": "no-store" },
  }),
);
