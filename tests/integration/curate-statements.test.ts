import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/roles";
import { createUser } from "@/lib/auth/users";
import { NotFoundError, ValidationError, VersionConflictError } from "@/lib/errors";
import {
  createStatement,
  deleteStatement,
  getEditableStatement,
  restoreRevision,
  retractStatement,
  statementHistory,
  updateStatement,
} from "@/lib/curate/statements";
import { getDocument } from "@/lib/search/index-admin";
import { drainOutbox } from "@/lib/sync/worker";
import { parseStatementForm, type StatementForm } from "@/lib/validation/statement-form";
import { useTestEnvironment } from "../support/integration";

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
let alice: CurrentUser;
let bob: CurrentUser;

beforeAll(async () => {
  env = await useTestEnvironment("curate_statements");
  const aliceId = await createUser(env.pool, {
    email: "alice@example.org",
    name: "Alice",
    role: "editor",
    password: "alice-password-1",
  });
  const bobId = await createUser(env.pool, {
    email: "bob@example.org",
    name: "Bob",
    role: "admin",
    password: "bob-password-12",
  });
  alice = { id: aliceId, email: "alice@example.org", name: "Alice", role: "editor" };
  bob = { id: bobId, email: "bob@example.org", name: "Bob", role: "admin" };
});
afterAll(async () => {
  await env.close();
});

function form(input: Record<string, unknown>): StatementForm {
  const parsed = parseStatementForm({ language: "en", kind: "direct", status: "published", ...input });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
  return parsed.value;
}

describe("statement form validation", () => {
  it("names every wrong field and never throws on hostile input", () => {
    const parsed = parseStatementForm({
      text: "x".repeat(10_001),
      language: "xx",
      kind: "shouted",
      speakerId: -4,
      saidOn: "2016-02-30",
      sources: [{ url: "javascript:alert(1)" }],
      attribution: "disputed",
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const fields = parsed.fields.map((f) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining(["text", "language", "kind", "speakerId", "saidOn", "sources.0.url"]),
    );
    expect(parsed.fields.find((f) => f.field === "saidOn")?.message).toMatch(/not a real date/);
    const disputed = parseStatementForm({ text: "Words", language: "en", speakerId: 1, attribution: "disputed" });
    expect(disputed.ok ? [] : disputed.fields).toContainEqual({
      field: "attributionNote",
      message: "is required when the attribution is disputed or misattributed",
    });
    for (const junk of [null, 42, "text", [], { text: { nested: true } }])
      expect(parseStatementForm(junk).ok).toBe(false);
  });

  it("asks for a speaker: picked or new", () => {
    const parsed = parseStatementForm({ text: "Words", language: "en" });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.fields).toContainEqual({
        field: "speakerId",
        message: "is required: pick a speaker or create one",
      });
  });
});

describe("curator statements", () => {
  it("creates a statement with a new speaker, a new topic and a source, and brings it to search", async () => {
    const saved = await createStatement(
      env.pool,
      alice,
      form({
        text: "We will rebuild the hospital in Aleppo.",
        newSpeaker: { name: "Dr. Test Director", kind: "person" },
        newTopics: ["Hospitals under fire"],
        saidOn: "2016-10-13",
        sources: [{ url: "https://news.example.org/a", outlet: "Example News", publishedOn: "2016-10-14" }],
      }),
    );
    expect(saved.version).toBe(1);
    const stored = await getEditableStatement(env.pool, saved.id);
    expect(stored?.labels.speaker?.name).toBe("Dr. Test Director");
    expect(stored?.labels.topics.map((t) => t.name)).toEqual(["Hospitals under fire"]);
    expect(stored?.record.sources).toEqual([
      { url: "https://news.example.org/a", outlet: "Example News", title: null, publishedOn: "2016-10-14" },
    ]);
    await drainOutbox(env.ctx);
    const doc = await getDocument(env.meili, env.indexUid, saved.id);
    expect(doc?.speakerName).toBe("Dr. Test Director");

    // Typing the same new speaker and topic again reuses them, and a known URL reuses its source.
    const again = await createStatement(
      env.pool,
      alice,
      form({
        text: "Second words.",
        newSpeaker: { name: "dr. test director" },
        newTopics: ["hospitals under fire"],
        sources: [{ url: "https://news.example.org/a" }],
      }),
    );
    const second = await getEditableStatement(env.pool, again.id);
    expect(second?.record.speakerId).toBe(stored?.record.speakerId);
    expect(second?.record.topicIds).toEqual(stored?.record.topicIds);
    const sources = await env.pool.query(
      `SELECT count(*)::int AS n FROM sources WHERE url = 'https://news.example.org/a'`,
    );
    expect(sources.rows[0].n).toBe(1);
  });

  it("refuses unknown ids with the field named", async () => {
    await expect(createStatement(env.pool, alice, form({ text: "Words", speakerId: 999_999 }))).rejects.toThrow(
      ValidationError,
    );
    await expect(createStatement(env.pool, alice, form({ text: "Words", speakerId: 999_999 }))).rejects.toThrow(
      /speakerId: no speaker with id 999999/,
    );
  });

  it("refuses a save over a newer version and keeps the newer one", async () => {
    const { id } = await createStatement(
      env.pool,
      alice,
      form({ text: "Original wording.", newSpeaker: { name: "Conflict Speaker" } }),
    );
    const loaded = await getEditableStatement(env.pool, id);
    const speakerId = loaded!.record.speakerId;
    await updateStatement(env.pool, alice, id, 1, form({ text: "Alice's wording.", speakerId }));
    const conflict = updateStatement(env.pool, bob, id, 1, form({ text: "Bob's wording.", speakerId }));
    await expect(conflict).rejects.toBeInstanceOf(VersionConflictError);
    const error = (await conflict.catch((e: unknown) => e)) as VersionConflictError<{ record: { text: string } }>;
    expect(error.currentVersion).toBe(2);
    expect(error.current.record.text).toBe("Alice's wording.");
    expect((await getEditableStatement(env.pool, id))?.record.text).toBe("Alice's wording.");
  });

  it("keeps every revision with who and what, restores an old one, retracts, and deletes", async () => {
    const { id } = await createStatement(
      env.pool,
      alice,
      form({ text: "First version.", newSpeaker: { name: "History Speaker" } }),
    );
    const speakerId = (await getEditableStatement(env.pool, id))!.record.speakerId;
    await updateStatement(
      env.pool,
      bob,
      id,
      1,
      form({ text: "Second version.", speakerId, context: "At a press conference" }),
    );
    let history = await statementHistory(env.pool, id);
    expect(history.map((h) => [h.version, h.action, h.userName])).toEqual([
      [2, "update", "Bob"],
      [1, "create", "Alice"],
    ]);
    expect(history[0]!.changes.text).toEqual(["First version.", "Second version."]);
    expect(history[0]!.changes.context).toEqual([null, "At a press conference"]);

    await restoreRevision(env.pool, alice, id, history[1]!.id, 2);
    const restored = await getEditableStatement(env.pool, id);
    expect(restored?.record.text).toBe("First version.");
    expect(restored?.record.context).toBeNull();
    expect(restored?.version).toBe(3);
    history = await statementHistory(env.pool, id);
    expect(history[0]).toMatchObject({ version: 3, action: "restore" });
    expect(history[0]!.changes.restoredVersion).toEqual([null, 1]);

    await drainOutbox(env.ctx);
    expect(await getDocument(env.meili, env.indexUid, id)).not.toBeNull();
    await retractStatement(env.pool, alice, id, 3, "The outlet corrected its report.");
    await drainOutbox(env.ctx);
    expect(await getDocument(env.meili, env.indexUid, id)).toBeNull();
    const retracted = await getEditableStatement(env.pool, id);
    expect(retracted?.record).toMatchObject({
      status: "retracted",
      retractionReason: "The outlet corrected its report.",
    });
    // An edit of a retracted statement does not publish it again by accident.
    await updateStatement(env.pool, alice, id, 4, form({ text: "First version, typo fixed.", speakerId }));
    expect((await getEditableStatement(env.pool, id))?.record.status).toBe("retracted");

    await deleteStatement(env.pool, bob, id);
    expect(await getEditableStatement(env.pool, id)).toBeNull();
    expect((await statementHistory(env.pool, id))[0]?.action).toBe("delete");
    await expect(deleteStatement(env.pool, bob, id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("keeps drafts out of search until published", async () => {
    const { id } = await createStatement(
      env.pool,
      alice,
      form({ text: "Draft words.", newSpeaker: { name: "Draft Speaker" }, status: "draft" }),
    );
    await drainOutbox(env.ctx);
    expect(await getDocument(env.meili, env.indexUid, id)).toBeNull();
    const speakerId = (await getEditableStatement(env.pool, id))!.record.speakerId;
    await updateStatement(env.pool, alice, id, 1, form({ text: "Draft words.", speakerId, status: "published" }));
    await drainOutbox(env.ctx);
    expect((await getDocument(env.meili, env.indexUid, id))?.text).toBe("Draft words.");
  });
});
