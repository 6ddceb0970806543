import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invalidatePageData, pageCacheStats } from "@/lib/cache/page-cache";
import { startPageInvalidation, type PageInvalidation } from "@/lib/cache/page-invalidation";
import { getSpeakerProfile, speakerActivityCounts } from "@/lib/db/queries/speakers";
import { getPublicStatement, latestStatements } from "@/lib/db/queries/statements";
import { getTopicDetail, topicStatements } from "@/lib/db/queries/topics";
import { feedStatements } from "@/lib/feeds/statement-feed";
import { sleep } from "@/lib/services/process-utils";
import { seedDemoData } from "@/lib/seed/demo";
import { useTestEnvironment } from "../support/integration";

// The public pages' data is kept in the process and dropped by the data's own notifications:
// Postgres triggers name the pages a committed change touches, a LISTEN connection hears them.

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
let listener: PageInvalidation;
let notifications: pg.Client;
const heard: string[] = [];

beforeAll(async () => {
  env = await useTestEnvironment("page-cache");
  await seedDemoData(env.pool);
  listener = startPageInvalidation(env.databaseUrl);
  notifications = new pg.Client({ connectionString: env.databaseUrl });
  await notifications.connect();
  notifications.on("notification", (message) => heard.push(message.payload ?? ""));
  await notifications.query("LISTEN page_changes");
  await until(() => pageCacheStats().listening);
});

afterAll(async () => {
  await listener?.stop();
  await notifications?.end();
  await env?.close();
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(20);
  }
}

/** The tags of the notifications heard while `change` ran and committed. */
async function tagsOf(change: () => Promise<unknown>): Promise<Set<string>> {
  heard.length = 0;
  await change();
  await notifications.query("SELECT 1"); // the notifications of a committed change arrive before this answer
  await sleep(50);
  return new Set(heard.flatMap((payload) => payload.split(" ")));
}

/** An update that fires no trigger: the cache cannot hear of it, so a cached page keeps the old words. */
async function silentUpdate(sql: string, values: unknown[]): Promise<void> {
  const client = await env.pool.connect();
  try {
    await client.query("SET session_replication_role = replica");
    await client.query(sql, values);
  } finally {
    await client.query("SET session_replication_role = DEFAULT");
    client.release();
  }
}

async function merkel(): Promise<{ statementId: number; speakerId: number; topicId: number; year: string }> {
  const { rows } = await env.pool.query(
    `SELECT s.id, s.speaker_id, st.topic_id, extract(year FROM s.said_on)::int::text AS year
       FROM statements s JOIN speakers sp ON sp.id = s.speaker_id JOIN statement_topics st ON st.statement_id = s.id
      WHERE sp.slug = 'angela-merkel' AND s.status = 'published' ORDER BY s.id LIMIT 1`,
  );
  const row = rows[0];
  return { statementId: row.id, speakerId: row.speaker_id, topicId: row.topic_id, year: row.year ?? "-" };
}

describe("the page cache", () => {
  it("serves a page's data from memory until a change to it is committed, then reads it again", async () => {
    const { statementId } = await merkel();
    const before = await getPublicStatement(statementId);
    const hits = pageCacheStats().hits;
    expect(await getPublicStatement(statementId)).toBe(before);
    expect(pageCacheStats().hits).toBe(hits + 1);

    // Changed behind the triggers' back: the cached words stay (proof that the page is not re-read).
    await silentUpdate(`UPDATE statements SET text = text || ' (silently edited)' WHERE id = $1`, [statementId]);
    expect((await getPublicStatement(statementId))?.text).toBe(before?.text);

    // A real change: dropped at once, read again with the new words.
    await env.pool.query(`UPDATE statements SET text = $2, version = version + 1 WHERE id = $1`, [
      statementId,
      "Kanzlerin Merkel: edited through the triggers.",
    ]);
    await until(
      async () => (await getPublicStatement(statementId))?.text === "Kanzlerin Merkel: edited through the triggers.",
      1_000,
    );
  });

  it("drops the speaker's page, the topic's page and the feeds that show a changed statement", async () => {
    const { statementId, speakerId, topicId } = await merkel();
    const profile = await getSpeakerProfile("angela-merkel");
    expect(profile?.id).toBe(speakerId);
    const detail = await getTopicDetail(
      (await env.pool.query(`SELECT slug FROM topics WHERE id = $1`, [topicId])).rows[0].slug,
      "en",
    );
    await Promise.all([
      latestStatements(10, speakerId),
      topicStatements(topicId, 1),
      feedStatements({}),
      feedStatements({ speakerId }),
      speakerActivityCounts(speakerId),
    ]);
    expect(detail?.id).toBe(topicId);

    await env.pool.query(
      `UPDATE statements SET text = 'A second edit, on every page.', version = version + 1 WHERE id = $1`,
      [statementId],
    );
    await until(async () => {
      const [latest, inTopic, feed, speakerFeed] = await Promise.all([
        latestStatements(10, speakerId),
        topicStatements(topicId, 1),
        feedStatements({}),
        feedStatements({ speakerId }),
      ]);
      return [latest, inTopic, feed, speakerFeed].every((list) =>
        list.some((s) => s.text === "A second edit, on every page."),
      );
    }, 1_000);
  });

  it("names exactly the pages a change touches", async () => {
    const { statementId, speakerId, topicId, year } = await merkel();
    const edit = await tagsOf(() =>
      env.pool.query(`UPDATE statements SET context = 'ctx', version = version + 1 WHERE id = $1`, [statementId]),
    );
    expect(edit).toEqual(
      new Set([
        `s:${statementId}`,
        `p:${speakerId}`,
        `t:${topicId}`,
        `y:${year}`,
        "statements",
        ...[...edit].filter((t) => t.startsWith("s:") || t.startsWith("t:")),
      ]),
    );
    expect([...edit].some((t) => t.startsWith("p:") && t !== `p:${speakerId}`)).toBe(false);

    // Moving a statement to another speaker touches both speakers' pages.
    const other = (await env.pool.query(`SELECT id FROM speakers WHERE slug <> 'angela-merkel' ORDER BY id LIMIT 1`))
      .rows[0].id as number;
    const moved = await tagsOf(() =>
      env.pool.query(`UPDATE statements SET speaker_id = $2 WHERE id = $1`, [statementId, other]),
    );
    expect(moved.has(`p:${speakerId}`) && moved.has(`p:${other}`)).toBe(true);
    await tagsOf(() => env.pool.query(`UPDATE statements SET speaker_id = $2 WHERE id = $1`, [statementId, speakerId]));

    // A speaker's rename: its page and every page naming speakers; a topic's likewise.
    expect(
      await tagsOf(() => env.pool.query(`UPDATE speakers SET role = 'Chancellor' WHERE id = $1`, [speakerId])),
    ).toEqual(new Set([`p:${speakerId}`, "speakers"]));
    expect(await tagsOf(() => env.pool.query(`UPDATE topics SET name_en = name_en WHERE id = $1`, [topicId]))).toEqual(
      new Set([`t:${topicId}`, "topics"]),
    );
    // A topic added to a statement: the statement's page and the topic's.
    expect(
      await tagsOf(() =>
        env.pool.query(`DELETE FROM statement_topics WHERE statement_id = $1 AND topic_id = $2`, [
          statementId,
          topicId,
        ]),
      ),
    ).toEqual(new Set([`s:${statementId}`, `t:${topicId}`, "statements"]));
    await env.pool.query(`INSERT INTO statement_topics (statement_id, topic_id) VALUES ($1, $2)`, [
      statementId,
      topicId,
    ]);
  });

  it("says nothing of drafts, and everything at once for a bulk write", async () => {
    const { speakerId } = await merkel();
    const { rows } = await env.pool.query(
      `INSERT INTO statements (text, language, kind, speaker_id, status) VALUES ('A draft.', 'en', 'direct', $1, 'draft') RETURNING id`,
      [speakerId],
    );
    expect(
      await tagsOf(() => env.pool.query(`UPDATE statements SET text = 'Still a draft.' WHERE id = $1`, [rows[0].id])),
    ).toEqual(new Set());
    const bulk = await tagsOf(() =>
      env.pool.query(
        `INSERT INTO statements (text, language, kind, speaker_id) SELECT 'Bulk ' || n, 'en', 'direct', $1 FROM generate_series(1, 250) AS n`,
        [speakerId],
      ),
    );
    expect(bulk).toEqual(new Set(["*"]));
  });

  it("keeps nothing while changes cannot be heard", async () => {
    const { statementId } = await merkel();
    await listener.stop();
    expect(pageCacheStats().listening).toBe(false);
    const first = await getPublicStatement(statementId);
    expect(await getPublicStatement(statementId)).not.toBe(first);
    listener = startPageInvalidation(env.databaseUrl);
    await until(() => pageCacheStats().listening);
    invalidatePageData(["*"]);
  });
});
