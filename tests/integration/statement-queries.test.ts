import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPublicStatement } from "@/lib/db/queries/statements";
import { seedDemoData, demoExternalId } from "@/lib/seed/demo";
import { useTestEnvironment } from "../support/integration";

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
const ids: Record<string, number> = {};
beforeAll(async () => {
  env = await useTestEnvironment("statement_queries");
  await seedDemoData(env.pool);
  const { rows } = await env.pool.query<{ id: number; external_id: string }>(`SELECT id, external_id FROM statements`);
  for (const row of rows) ids[row.external_id] = row.id;
  const merkel = ids[demoExternalId(15)]!;
  const insert = async (text: string, language: string, status: string, extra = "") =>
    (
      await env.pool.query<{ id: number }>(
        `INSERT INTO statements (text, language, kind, speaker_id, status, translation_of_id, translated_by ${extra ? ", retraction_reason" : ""})
         SELECT $1, $2, 'indirect', speaker_id, $3, id, 'The Tracker desk' ${extra ? ", $5" : ""} FROM statements WHERE id = $4 RETURNING id`,
        extra ? [text, language, status, merkel, extra] : [text, language, status, merkel],
      )
    ).rows[0]!.id;
  ids.en = await insert(
    "The Assad regime is committing horrific crimes against civilians and must be stopped.",
    "en",
    "published",
  );
  ids.draft = await insert("Draft translation", "de", "draft");
  ids.retracted = await insert("Wrong translation", "fr", "retracted", "mistranslated");
});
afterAll(async () => {
  await env.close();
});

describe("public statement reads", () => {
  it("links a translation to its original and the original to its published translations", async () => {
    const original = await getPublicStatement(ids[demoExternalId(15)]!);
    expect(original?.translations.map((t) => t.id)).toEqual([ids.en]);
    const translation = await getPublicStatement(ids.en!);
    expect(translation).toMatchObject({
      translatedBy: "The Tracker desk",
      translationOf: { id: ids[demoExternalId(15)], language: "ar" },
    });
  });

  it("shows responses both ways", async () => {
    const reaction = await getPublicStatement(ids[demoExternalId(14)]!);
    expect(reaction?.respondsTo.map((l) => l.speaker.slug).sort()).toEqual([
      "angela-merkel",
      "frank-walter-steinmeier",
    ]);
    const merkel = await getPublicStatement(ids[demoExternalId(15)]!);
    expect(merkel?.responses.map((l) => l.id)).toEqual([ids[demoExternalId(14)]]);
  });

  it("never returns a draft, and returns a retracted statement with its reason", async () => {
    expect(await getPublicStatement(ids.draft!)).toBeNull();
    expect(await getPublicStatement(ids.retracted!)).toMatchObject({
      status: "retracted",
      retractionReason: "mistranslated",
    });
  });
});
