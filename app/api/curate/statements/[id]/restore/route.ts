import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody, rejectUnknownFields } from "@/lib/api/curator-route";
import { parseId } from "@/lib/api/responses";
import { ValidationError } from "@/lib/errors";
import { restoreRevision } from "@/lib/curate/statements";
import { getPool } from "@/lib/db/client";
import { restoreRequestSchema } from "@/lib/validation/statement-form";
import { zodIssuesToMessages, type FieldMessage } from "@/lib/validation/zod-messages";

export const dynamic = "force-dynamic";

const FIELDS = Object.keys(restoreRequestSchema.shape);

/** Makes an old revision current again (as a new revision). Body: { revisionId, version }. Part of the write API: takes a personal API token too. */
export const POST = curatorRoute<{ id: string }>(
  "editor",
  async ({ request, user, params }) => {
    const id = parseId(params.id);
    const body = await readJsonBody(request);
    rejectUnknownFields(body, FIELDS);
    const parsed = restoreRequestSchema.safeParse(body);
    const problems: FieldMessage[] = [
      ...(typeof id === "number" ? [] : [id]),
      ...(parsed.success ? [] : zodIssuesToMessages(parsed.error)),
    ];
    if (typeof id !== "number" || !parsed.success) throw new ValidationError(problems);
    return NextResponse.json(await restoreRevision(getPool(), user, id, parsed.data.revisionId, parsed.data.version));
  },
  { apiTokens: true },
);
