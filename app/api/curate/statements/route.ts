import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody, rejectUnknownFields } from "@/lib/api/curator-route";
import { ValidationError } from "@/lib/errors";
import { createStatement } from "@/lib/curate/statements";
import { getPool } from "@/lib/db/client";
import { parseStatementForm, statementFormSchema } from "@/lib/validation/statement-form";

export const dynamic = "force-dynamic";

const FIELDS = Object.keys(statementFormSchema.shape);

/** Adds a statement (draft or published). Part of the write API: takes a personal API token too. */
export const POST = curatorRoute(
  "editor",
  async ({ request, user }) => {
    const body = await readJsonBody(request);
    rejectUnknownFields(body, FIELDS);
    const form = parseStatementForm(body);
    if (!form.ok) throw new ValidationError(form.fields);
    const saved = await createStatement(getPool(), user, form.value);
    return NextResponse.json(saved, { status: 201, headers: { Location: `/curate/statements/${saved.id}` } });
  },
  { apiTokens: true },
);
