import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody } from "@/lib/api/curator-route";
import { ValidationError } from "@/lib/errors";
import { createStatements } from "@/lib/curate/statements";
import { getPool } from "@/lib/db/client";
import { EXTRACT_LIMITS, parseAcceptRequest } from "@/lib/extract/request";

export const dynamic = "force-dynamic";

/**
 * POST /api/curate/extract/accept {source, status, statements:[…forms]} — saves
 * the proposals a curator kept, with the article's source, in one transaction
 * (all or none). A problem names its proposal: `statements.N.field`.
 */
export const POST = curatorRoute("editor", async ({ request, user }) => {
  const parsed = parseAcceptRequest(await readJsonBody(request, EXTRACT_LIMITS.bodyMaxBytes));
  if (!parsed.ok) throw new ValidationError(parsed.fields);
  const saved = await createStatements(getPool(), user, parsed.value.forms);
  return NextResponse.json(
    {
      status: parsed.value.status,
      statements: saved.map(({ id, version }) => ({ id, version, href: `/curate/statements/${id}` })),
    },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
});
