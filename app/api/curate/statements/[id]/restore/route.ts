import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody, rejectUnknownFields } from "@/lib/api/curator-route";
import { parseId } from "@/lib/api/responses";
import { ValidationError } from "@/lib/errors";
import { restoreRevision } from "@/lib/curate/statements";
import { getPool } from "@/lib/db/client";
import { parseBaseVersion } from "@/lib/validation/statement-form";
import type { FieldMessage } from "@/lib/validation/zod-messages";

export const dynamic = "force-dynamic";

/** Makes an old revision current again (as a new revision). Body: { revisionId, version }. Part of the write API: takes a personal API token too. */
export const POST = curatorRoute<{ id: string }>(
  "editor",
  async ({ request, user, params }) => {
    const id = parseId(params.id);
    const body = await readJsonBody(request);
    rejectUnknownFields(body, ["revisionId", "version"]);
    const revisionId = typeof body.revisionId === "number" ? parseId(String(body.revisionId), "revisionId") : { field: "revisionId", message: "is required: a revision id" };
    const version = parseBaseVersion(body.version);
    if (typeof id !== "number" || typeof revisionId !== "number" || typeof version !== "number") {
      throw new ValidationError([id, revisionId, version].filter((v): v is FieldMessage => typeof v !== "number"));
    }
    return NextResponse.json(await restoreRevision(getPool(), user, id, revisionId, version));
  },
  { apiTokens: true },
);
