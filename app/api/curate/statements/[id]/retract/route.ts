import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody, rejectUnknownFields } from "@/lib/api/curator-route";
import { parseId } from "@/lib/api/responses";
import { ValidationError } from "@/lib/errors";
import { retractStatement } from "@/lib/curate/statements";
import { getPool } from "@/lib/db/client";
import { retractionSchema } from "@/lib/validation/statement-form";
import { zodIssuesToMessages } from "@/lib/validation/zod-messages";

export const dynamic = "force-dynamic";

const FIELDS = Object.keys(retractionSchema.shape);

/** Retracts with a reason: the public page shows it, search drops it. Part of the write API: takes a personal API token too. */
export const POST = curatorRoute<{ id: string }>(
  "editor",
  async ({ request, user, params }) => {
    const id = parseId(params.id);
    if (typeof id !== "number") throw new ValidationError([id]);
    const body = await readJsonBody(request);
    rejectUnknownFields(body, FIELDS);
    const parsed = retractionSchema.safeParse(body);
    if (!parsed.success) throw new ValidationError(zodIssuesToMessages(parsed.error));
    return NextResponse.json(await retractStatement(getPool(), user, id, parsed.data.version, parsed.data.reason));
  },
  { apiTokens: true },
);
