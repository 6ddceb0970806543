import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestEnvironment } from "../support/integration";

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
let speakerId: number;
beforeAll(async () => {
  env = await useTestEnvironment("schema");
  const { rows } = await env.pool.query<{ id: number }>(
    `INSERT INTO speakers (slug, kind, name) VALUES ('someone', 'person', 'Someone') RETURNING id`,
  );
  speakerId = rows[0]!.id;
});
afterAll(async () => {
  await env.close();
});

async function insertStatement(fields: Record<string, unknown>) {
  const row = { text: "Words", language: "en", kind: "direct", speaker_id: speakerId, ...fields };
  const columns = Object.keys(row);
  return env.pool.query(
    `INSERT INTO statements (${columns.join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")}) RETURNING id`,
    Object.values(row),
  );
}

describe("the database enforces the model", () => {
  it("accepts a valid statement", async () => {
    await expect(insertStatement({ said_on: "2016-11-01", said_on_precision: "month" })).resolves.toBeTruthy();
  });

  it.each([
    ["an unknown kind", { kind: "rumour" }, "statements_kind_check"],
    ["an unknown status", { status: "hidden" }, "statements_status_check"],
    ["an unknown attribution", { attribution: "hearsay" }, "statements_attribution_check"],
    [
      "a month-precision date that is not the 1st",
      { said_on: "2016-11-17", said_on_precision: "month" },
      "statements_said_on_check",
    ],
    ["a date without precision", { said_on: "2016-11-17" }, "statements_said_on_check"],
    [
      "an unknown precision",
      { said_on: "2016-11-01", said_on_precision: "week" },
      /^statements_said_on(_precision)?_check$/,
    ],
    ["a retraction without reason", { status: "retracted" }, "statements_retraction_check"],
    ["empty text", { text: "   " }, "statements_text_check"],
    ["a missing speaker", { speaker_id: 999999 }, "statements_speaker_id_speakers_id_fk"],
  ])("rejects %s", async (_label, fields, constraint) => {
    const expected = typeof constraint === "string" ? constraint : expect.stringMatching(constraint);
    await expect(insertStatement(fields)).rejects.toMatchObject({ constraint: expected });
  });

  it("rejects a duplicate externalId and a duplicate speaker slug", async () => {
    await insertStatement({ external_id: "dup-1" });
    await expect(insertStatement({ external_id: "dup-1" })).rejects.toMatchObject({
      constraint: "statements_external_id_key",
    });
    await expect(
      env.pool.query(`INSERT INTO speakers (slug, kind, name) VALUES ('someone', 'person', 'Other')`),
    ).rejects.toMatchObject({
      constraint: "speakers_slug_key",
    });
  });

  it("rejects a statement that responds to itself and an unknown speaker kind", async () => {
    const { rows } = await insertStatement({});
    const id = rows[0].id;
    await expect(env.pool.query(`INSERT INTO statement_responses VALUES ($1, $1)`, [id])).rejects.toMatchObject({
      constraint: "statement_responses_self_check",
    });
    await expect(
      env.pool.query(`INSERT INTO speakers (slug, kind, name) VALUES ('x', 'alien', 'X')`),
    ).rejects.toMatchObject({
      constraint: "speakers_kind_check",
    });
  });
});
