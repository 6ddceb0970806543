import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { InUseError, ValidationError, VersionConflictError } from "@/lib/errors";
import {
  createSpeaker,
  deleteSpeaker,
  getSpeakerRecord,
  mergeSpeakers,
  suggestSpeakers,
  updateSpeaker,
  type SpeakerRecord,
} from "@/lib/curate/speakers";
import {
  createTopic,
  deleteTopic,
  getTopicRecord,
  mergeTopics,
  suggestTopics,
  updateTopic,
  type TopicRecord,
} from "@/lib/curate/topics";
import { findSlugRedirect } from "@/lib/db/queries/redirects";
import { ImportResolver, importBatch } from "@/lib/import/import-statements";
import { getDocument } from "@/lib/search/index-admin";
import { drainOutbox } from "@/lib/sync/worker";
import { nameKey } from "@/lib/text/name-key";
import { parseImportLine, type ImportLine } from "@/lib/validation/import-line";
import { useTestEnvironment } from "../support/integration";

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
let user: { id: number };

beforeAll(async () => {
  env = await useTestEnvironment("curate-entities");
  user = {
    id: await createUser(env.pool, {
      email: "curator@example.org",
      name: "Cora Curator",
      role: "editor",
      password: "a-long-enough-password",
    }),
  };
});
afterAll(async () => {
  await env.close();
});

function line(externalId: string, speaker: string, extra: Record<string, unknown> = {}): ImportLine {
  const parsed = parseImportLine(
    JSON.stringify({
      externalId,
      text: `Words of ${externalId}`,
      language: "en",
      speaker: { name: speaker },
      saidOn: "2016-11",
      ...extra,
    }),
  );
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

async function statementId(externalId: string): Promise<number> {
  const { rows } = await env.pool.query<{ id: number }>(`SELECT id FROM statements WHERE external_id = $1`, [
    externalId,
  ]);
  return rows[0]!.id;
}

async function drain() {
  // Speaker and topic rows fan out into statement rows, indexed by the next pass.
  await drainOutbox(env.ctx);
  await drainOutbox(env.ctx);
}

async function speakerNameKeys(id: number): Promise<string[]> {
  const { rows } = await env.pool.query<{ normalized: string }>(
    `SELECT normalized FROM speaker_names WHERE speaker_id = $1`,
    [id],
  );
  return rows.map((r) => r.normalized).sort();
}

async function revisionsOf(entity: string, id: number) {
  const { rows } = await env.pool.query(
    `SELECT version, action, user_id, changes, snapshot FROM revisions WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`,
    [entity, id],
  );
  return rows as Array<{
    version: number;
    action: string;
    user_id: number | null;
    changes: Record<string, [unknown, unknown]>;
    snapshot: Record<string, unknown> | null;
  }>;
}

async function validationFields(work: Promise<unknown>): Promise<string[]> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fields.map((f) => f.field);
}

describe("speakers", () => {
  let merkel: SpeakerRecord;

  it("creates a speaker with names in every language, its lookup names and a 'create' revision", async () => {
    merkel = await createSpeaker(env.pool, {
      input: {
        kind: "person",
        name: "Angela Merkel",
        nameAr: "أنجيلا ميركل",
        nameEn: "Angela Merkel",
        nameDe: "Angela Merkel",
        aliases: "Kanzlerin\n\nMerkel",
        wikidataId: "q567",
      },
      user,
    });
    expect(merkel).toMatchObject({
      slug: "angela-merkel",
      version: 1,
      aliases: ["Kanzlerin", "Merkel"],
      wikidataId: "Q567",
    });
    expect(await speakerNameKeys(merkel.id)).toEqual(["angela-merkel", "kanzlerin", "merkel", "انجيلا-ميركل"].sort());
    const [revision] = await revisionsOf("speaker", merkel.id);
    expect(revision).toMatchObject({ version: 1, action: "create", user_id: user.id });
    expect(revision!.snapshot).toMatchObject({ name: "Angela Merkel", nameAr: "أنجيلا ميركل" });
  });

  it("finds speakers by any name or alias, in any script, case- and diacritic-insensitively; word prefixes before substrings", async () => {
    const inside = await createSpeaker(env.pool, {
      input: { kind: "organization", name: "Hammerkeller Verein" },
      user,
    });
    for (const q of ["ميركل", "مِيركِل", "MERKEL", "mérkel", "angela mer", "kanzl"]) {
      const found = await suggestSpeakers(env.pool, { q, limit: 10 });
      expect(found[0]?.id, q).toBe(merkel.id);
    }
    expect((await suggestSpeakers(env.pool, { q: "ميركل", limit: 10 }))[0]?.matched).toBe("أنجيلا ميركل");
    const both = await suggestSpeakers(env.pool, { q: "merkel", limit: 10 });
    expect(both.map((s) => s.id)).toEqual([merkel.id, inside.id]);
    expect(await suggestSpeakers(env.pool, { q: "?!", limit: 10 })).toEqual([]);
    expect((await suggestSpeakers(env.pool, { q: "", limit: 1 })).length).toBe(1);
  });

  it("refuses a save based on a stale version, changing nothing", async () => {
    const saved = await updateSpeaker(env.pool, { id: merkel.id, input: { version: 1, role: "Chancellor" }, user });
    expect(saved.version).toBe(2);
    const error = await updateSpeaker(env.pool, {
      id: merkel.id,
      input: { version: 1, role: "Someone else's role", aliases: [] },
      user,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect((error as VersionConflictError<SpeakerRecord>).currentVersion).toBe(2);
    expect((error as VersionConflictError<SpeakerRecord>).current).toMatchObject({ role: "Chancellor", version: 2 });
    const stored = await getSpeakerRecord(env.pool, merkel.id);
    expect(stored).toMatchObject({ role: "Chancellor", version: 2, aliases: ["Kanzlerin", "Merkel"] });
    expect((await revisionsOf("speaker", merkel.id)).map((r) => r.version)).toEqual([1, 2]);
  });

  it("keeps speaker_names in step with names and aliases, writes a revision and enqueues the speaker", async () => {
    await env.pool.query(`UPDATE outbox SET done_at = now() WHERE done_at IS NULL`);
    const saved = await updateSpeaker(env.pool, {
      id: merkel.id,
      input: { version: 2, aliases: ["Mutti", "Kanzlerin", "mutti"], nameDe: "Angela Dorothea Merkel" },
      user,
    });
    expect(saved).toMatchObject({ version: 3, aliases: ["Mutti", "Kanzlerin"], slug: "angela-merkel" });
    expect(await speakerNameKeys(merkel.id)).toEqual(
      ["angela-dorothea-merkel", "angela-merkel", "kanzlerin", "mutti", "انجيلا-ميركل"].sort(),
    );
    expect((await suggestSpeakers(env.pool, { q: "mutti", limit: 10 }))[0]).toMatchObject({
      id: merkel.id,
      matched: "Mutti",
    });
    const last = (await revisionsOf("speaker", merkel.id)).at(-1)!;
    expect(last).toMatchObject({ version: 3, action: "update" });
    expect(last.changes).toEqual({
      aliases: [
        ["Kanzlerin", "Merkel"],
        ["Mutti", "Kanzlerin"],
      ],
      nameDe: ["Angela Merkel", "Angela Dorothea Merkel"],
    });
    expect(last.snapshot).toMatchObject({ aliases: ["Mutti", "Kanzlerin"], version: 3 });
    const { rows } = await env.pool.query(`SELECT entity_type, entity_id FROM outbox WHERE done_at IS NULL`);
    expect(rows).toEqual([{ entity_type: "speaker", entity_id: merkel.id }]);
  });

  it("names the field of every invalid value, never storing any of them", async () => {
    expect(
      await validationFields(
        updateSpeaker(env.pool, { id: merkel.id, input: { version: 3, wikidataId: "X12" }, user }),
      ),
    ).toEqual(["wikidataId"]);
    expect(
      await validationFields(
        updateSpeaker(env.pool, { id: merkel.id, input: { version: 3, name: "x".repeat(201), kind: "robot" }, user }),
      ),
    ).toEqual(["kind", "name"]);
    expect(
      await validationFields(
        updateSpeaker(env.pool, { id: merkel.id, input: { version: 3, affiliationId: 999999 }, user }),
      ),
    ).toEqual(["affiliationId"]);
    expect(
      await validationFields(
        updateSpeaker(env.pool, {
          id: merkel.id,
          input: { version: 3, aliases: Array.from({ length: 51 }, (_, i) => `Alias ${i}`) },
          user,
        }),
      ),
    ).toEqual(["aliases"]);
    expect(
      await validationFields(updateSpeaker(env.pool, { id: merkel.id, input: { role: "no version" }, user })),
    ).toEqual(["version"]);
    expect(await validationFields(createSpeaker(env.pool, { input: { name: "   " }, user }))).toEqual(["name"]);
    expect(await getSpeakerRecord(env.pool, merkel.id)).toMatchObject({
      version: 3,
      wikidataId: "Q567",
      name: "Angela Merkel",
      affiliationId: null,
    });
  });

  it("merges one speaker into another: statements, names, affiliations, address and search documents follow; chains redirect to the last survivor", async () => {
    const a = await createSpeaker(env.pool, {
      input: { name: "Frank-Walter Steinmeier", nameAr: "فرانك فالتر شتاينماير", aliases: ["FWS"] },
      user,
    });
    const b = await createSpeaker(env.pool, {
      input: { name: "F.-W. Steinmeier", aliases: ["Steinmeier", "fws"] },
      user,
    });
    const c = await createSpeaker(env.pool, { input: { name: "Steinmeier (Federal President)" }, user });
    const ministry = await createSpeaker(env.pool, {
      input: { name: "Office of Steinmeier", kind: "organization", affiliationId: a.id },
      user,
    });
    await importBatch(env.pool, new ImportResolver(), [
      line("merge-a-1", "Frank-Walter Steinmeier"),
      line("merge-a-2", "Frank-Walter Steinmeier"),
      line("merge-b-1", "F.-W. Steinmeier"),
    ]);
    const [a1, a2, b1] = await Promise.all(["merge-a-1", "merge-a-2", "merge-b-1"].map(statementId));
    await drain();
    expect((await getDocument(env.meili, env.indexUid, a1!))?.speakerSlug).toBe(a.slug);

    expect(await validationFields(mergeSpeakers(env.pool, { fromId: a.id, intoId: a.id, user }))).toEqual(["intoId"]);
    expect(await validationFields(mergeSpeakers(env.pool, { fromId: a.id, intoId: 999999, user }))).toEqual(["intoId"]);

    const merged = await mergeSpeakers(env.pool, { fromId: a.id, intoId: b.id, user });
    expect(merged.movedStatements).toBe(2);
    expect(merged.into.aliases).toEqual(["Steinmeier", "fws", "Frank-Walter Steinmeier", "فرانك فالتر شتاينماير"]);
    expect(await getSpeakerRecord(env.pool, a.id)).toBeNull();
    const { rows: owners } = await env.pool.query<{ speaker_id: number; version: number }>(
      `SELECT speaker_id, version FROM statements WHERE id = ANY($1::int[]) ORDER BY id`,
      [[a1, a2, b1]],
    );
    expect(owners.map((r) => r.speaker_id)).toEqual([b.id, b.id, b.id]);
    expect(owners.map((r) => r.version)).toEqual([2, 2, 1]);
    expect(await speakerNameKeys(b.id)).toEqual(
      ["Frank-Walter Steinmeier", "FWS", "فرانك فالتر شتاينماير", "F.-W. Steinmeier", "Steinmeier"].map(nameKey).sort(),
    );
    expect((await getSpeakerRecord(env.pool, ministry.id))?.affiliationId).toBe(b.id);
    expect(await findSlugRedirect("speaker", a.slug)).toBe(b.slug);
    const survivorRevision = (await revisionsOf("speaker", b.id)).at(-1)!;
    expect(survivorRevision).toMatchObject({ action: "merge", version: 2 });
    expect(survivorRevision.changes.aliases).toEqual([["Steinmeier", "fws"], merged.into.aliases]);
    expect((await revisionsOf("speaker", a.id)).at(-1)).toMatchObject({
      action: "merge",
      changes: { mergedInto: [null, { id: b.id, slug: b.slug }] },
    });
    expect((await revisionsOf("statement", a1!)).at(-1)).toMatchObject({
      action: "merge",
      changes: { speakerId: [a.id, b.id] },
    });

    await drain();
    const doc = await getDocument(env.meili, env.indexUid, a1!);
    expect(doc?.speakerSlug).toBe(b.slug);
    expect(doc?.speakerNames).toEqual(
      expect.arrayContaining(["F.-W. Steinmeier", "Frank-Walter Steinmeier", "فرانك فالتر شتاينماير"]),
    );

    await mergeSpeakers(env.pool, { fromId: b.id, intoId: c.id, user });
    expect(await findSlugRedirect("speaker", a.slug)).toBe(c.slug);
    expect(await findSlugRedirect("speaker", b.slug)).toBe(c.slug);
    expect(await findSlugRedirect("speaker", c.slug)).toBeNull();
    const { GET } = await import("@/app/api/v1/speakers/[slug]/route");
    const response = await GET(new Request(`http://localhost/api/v1/speakers/${a.slug}`), {
      params: Promise.resolve({ slug: a.slug }),
    });
    expect(response.status).toBe(308);
    expect(response.headers.get("location")).toBe(`/api/v1/speakers/${c.slug}`);

    await drain();
    for (const id of [a1!, a2!, b1!]) {
      const moved = await getDocument(env.meili, env.indexUid, id);
      expect(moved?.speakerSlug).toBe(c.slug);
      expect(moved?.speakerNames).toEqual(
        expect.arrayContaining(["Frank-Walter Steinmeier", "F.-W. Steinmeier", "Steinmeier (Federal President)"]),
      );
    }
  });

  it("deletes only a speaker no statement uses", async () => {
    const { rows } = await env.pool.query<{ id: number }>(`SELECT speaker_id AS id FROM statements LIMIT 1`);
    const used = rows[0]!.id;
    await expect(deleteSpeaker(env.pool, { id: used, user })).rejects.toBeInstanceOf(InUseError);
    expect(await getSpeakerRecord(env.pool, used)).not.toBeNull();
    const unused = await createSpeaker(env.pool, { input: { name: "Nobody Atall" }, user });
    await deleteSpeaker(env.pool, { id: unused.id, user });
    expect(await getSpeakerRecord(env.pool, unused.id)).toBeNull();
    expect((await revisionsOf("speaker", unused.id)).at(-1)).toMatchObject({ action: "delete" });
  });
});

describe("topics", () => {
  let world: TopicRecord;
  let europe: TopicRecord;
  let germany: TopicRecord;

  it("creates topics with a parent and refuses a second topic of the same name", async () => {
    world = await createTopic(env.pool, { input: { name: "World affairs", nameAr: "شؤون العالم" }, user });
    europe = await createTopic(env.pool, { input: { name: "Europe", parentId: world.id }, user });
    germany = await createTopic(env.pool, {
      input: { name: "Germany", nameDe: "Deutschland", parentId: String(europe.id) },
      user,
    });
    expect(germany).toMatchObject({ slug: "germany", parentId: europe.id, parentName: "Europe", version: 1 });
    expect(await validationFields(createTopic(env.pool, { input: { name: "deutschland" }, user }))).toEqual(["name"]);
    expect(
      await validationFields(createTopic(env.pool, { input: { name: "Elsewhere", parentId: 999999 }, user })),
    ).toEqual(["parentId"]);
    expect((await suggestTopics(env.pool, { q: "العالم", limit: 10 }))[0]).toMatchObject({
      id: world.id,
      parentName: null,
    });
    expect((await suggestTopics(env.pool, { q: "deutsch", limit: 10 }))[0]).toMatchObject({
      id: germany.id,
      parentName: "Europe",
    });
  });

  it("refuses a parent that would make a loop: the topic itself or any of its descendants", async () => {
    expect(
      await validationFields(
        updateTopic(env.pool, { id: world.id, input: { version: 1, parentId: germany.id }, user }),
      ),
    ).toEqual(["parentId"]);
    expect(
      await validationFields(updateTopic(env.pool, { id: world.id, input: { version: 1, parentId: europe.id }, user })),
    ).toEqual(["parentId"]);
    expect(
      await validationFields(
        updateTopic(env.pool, { id: europe.id, input: { version: 1, parentId: europe.id }, user }),
      ),
    ).toEqual(["parentId"]);
    expect(await getTopicRecord(env.pool, world.id)).toMatchObject({ parentId: null, version: 1 });
    // Moving a topic elsewhere in the tree is fine.
    const moved = await updateTopic(env.pool, { id: germany.id, input: { version: 1, parentId: world.id }, user });
    expect(moved).toMatchObject({ parentId: world.id, version: 2 });
    germany = moved;
  });

  it("refuses a stale version and renames with a revision and an outbox row", async () => {
    await expect(
      updateTopic(env.pool, { id: germany.id, input: { version: 1, name: "Deutschland!" }, user }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    await env.pool.query(`UPDATE outbox SET done_at = now() WHERE done_at IS NULL`);
    germany = await updateTopic(env.pool, { id: germany.id, input: { version: 2, nameAr: "ألمانيا" }, user });
    expect(germany).toMatchObject({ version: 3, nameAr: "ألمانيا", slug: "germany" });
    expect((await revisionsOf("topic", germany.id)).at(-1)).toMatchObject({
      action: "update",
      changes: { nameAr: [null, "ألمانيا"] },
    });
    const { rows } = await env.pool.query(`SELECT entity_type, entity_id FROM outbox WHERE done_at IS NULL`);
    expect(rows).toEqual([{ entity_type: "topic", entity_id: germany.id }]);
  });

  it("merges one topic into another: statements linked once, subtopics re-parented, address redirected, documents updated", async () => {
    const refugees = await createTopic(env.pool, { input: { name: "Refugees", nameDe: "Flüchtlinge" }, user });
    const asylum = await createTopic(env.pool, { input: { name: "Asylum", parentId: world.id }, user });
    const camps = await createTopic(env.pool, { input: { name: "Refugee camps", parentId: refugees.id }, user });
    await importBatch(env.pool, new ImportResolver(), [
      line("topic-both", "Angela Merkel", { topics: ["Refugees", "Asylum"] }),
      line("topic-one", "Angela Merkel", { topics: ["Refugees"] }),
    ]);
    const [both, one] = await Promise.all(["topic-both", "topic-one"].map(statementId));
    await drain();

    const merged = await mergeTopics(env.pool, { fromId: refugees.id, intoId: asylum.id, user });
    expect(merged.movedStatements).toBe(2);
    expect(merged.into).toMatchObject({ id: asylum.id, nameDe: "Flüchtlinge", parentId: world.id });
    expect(await getTopicRecord(env.pool, refugees.id)).toBeNull();
    const { rows } = await env.pool.query<{ statement_id: number; topic_id: number }>(
      `SELECT statement_id, topic_id FROM statement_topics WHERE statement_id = ANY($1::int[]) ORDER BY statement_id, topic_id`,
      [[both, one]],
    );
    expect(rows).toEqual([
      { statement_id: both, topic_id: asylum.id },
      { statement_id: one, topic_id: asylum.id },
    ]);
    expect(await getTopicRecord(env.pool, camps.id)).toMatchObject({ parentId: asylum.id, parentName: "Asylum" });
    expect(await findSlugRedirect("topic", refugees.slug)).toBe(asylum.slug);
    const { GET } = await import("@/app/api/v1/topics/[slug]/route");
    const response = await GET(new Request(`http://localhost/api/v1/topics/${refugees.slug}`), {
      params: Promise.resolve({ slug: refugees.slug }),
    });
    expect(response.status).toBe(308);
    expect(response.headers.get("location")).toBe(`/api/v1/topics/${asylum.slug}`);

    await drain();
    for (const id of [both!, one!]) {
      const doc = await getDocument(env.meili, env.indexUid, id);
      expect(doc?.topics).toEqual([asylum.slug]);
      expect(doc?.topicNames).toEqual(expect.arrayContaining(["Asylum", "Flüchtlinge"]));
    }
  });

  it("lets the survivor take the loser's place when the loser was its ancestor", async () => {
    // world > europe ; world > germany. Merge world into europe: europe becomes top-level, germany its child.
    const merged = await mergeTopics(env.pool, { fromId: world.id, intoId: europe.id, user });
    expect(merged.into.parentId).toBeNull();
    expect(await getTopicRecord(env.pool, germany.id)).toMatchObject({ parentId: europe.id });
    expect(await findSlugRedirect("topic", world.slug)).toBe(europe.slug);
  });

  it("deletes only a topic no statement uses", async () => {
    const { rows } = await env.pool.query<{ id: number }>(`SELECT topic_id AS id FROM statement_topics LIMIT 1`);
    await expect(deleteTopic(env.pool, { id: rows[0]!.id, user })).rejects.toBeInstanceOf(InUseError);
    const unused = await createTopic(env.pool, { input: { name: "Nothing yet" }, user });
    await deleteTopic(env.pool, { id: unused.id, user });
    expect(await getTopicRecord(env.pool, unused.id)).toBeNull();
  });
});
