import { NextResponse } from "next/server";
import { curatorRoute } from "@/lib/api/curator-route";
import { getPool } from "@/lib/db/client";
import { lookupStatements, type StatementPick } from "@/lib/search/similar";

export const dynamic = "force-dynamic";

/** Statements to link to (the original of a translation, the statement answered): "#123" or "123" by id, else by search. */
export const GET = curatorRoute("editor", async ({ request }) => {
  const q = (request.nextUrl.searchParams.get("q") ?? "").trim().slice(0, 200);
  if (q === "") return NextResponse.json({ statements: [] });
  const byId = /^#?(\d{1,9})$/.exec(q);
  let statements: StatementPick[];
  if (byId) {
    const { rows } = await getPool().query<StatementPick>(
      `SELECT s.id, s.text, s.language, sp.name AS "speakerName", s.said_on::text AS "saidOn"
         FROM statements s JOIN speakers sp ON sp.id = s.speaker_id WHERE s.id = $1`,
      [Number(byId[1])],
    );
    statements = rows;
  } else {
    statements = await lookupStatements(q);
  }
  return NextResponse.json({ statements }, { headers: { "Cache-Control": "no-store" } });
});
