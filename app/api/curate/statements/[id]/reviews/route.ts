import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody } from "@/lib/api/curator-route";
import { parseId } from "@/lib/api/responses";
import { addReview, removeReview } from "@/lib/curate/reviews";
import { getPool } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";

export const dynamic = "force-dynamic";

async function statementId(raw: string): Promise<number> {
  const id = parseId(raw);
  if (typeof id !== "number") throw new ValidationError([id]);
  return id;
}

/** POST /api/curate/statements/:id/reviews — adds a fact-check review: { version, review: { rating, …, reviewer, url, reviewedOn } }. Editors and admins. */
export const POST = curatorRoute<{ id: string }>("editor", async ({ request, user, params }) =>
  NextResponse.json(await addReview(getPool(), user, await statementId(params.id), await readJsonBody(request)), {
    status: 201,
  }),
);

/** DELETE /api/curate/statements/:id/reviews — removes one: { version, reviewId }. */
export const DELETE = curatorRoute<{ id: string }>("editor", async ({ request, user, params }) =>
  NextResponse.json(await removeReview(getPool(), user, await statementId(params.id), await readJsonBody(request))),
);
