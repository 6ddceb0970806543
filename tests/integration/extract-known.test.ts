import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/roles";
import { createUser } from "@/lib/auth/users";
import { ValidationError } from "@/lib/errors";
import { createStatements } from "@/lib/curate/statements";
import { loadKnownFor, loadKnownSpeakers, loadKnownTopics } from "@/lib/extract/known";
import {
  parseAcceptRequest,
  parseExtractRequest,
  proposeStatements,
  type ExtractResponse,
} from "@/lib/extract/request";
import { defaultDemoDir, seedDemoData } from "@/lib/seed/demo";
import { useTestEnvironment } from "../support/integration";

// The extraction assistant against a real database seeded with the demo data:
// known speakers and topics read from Postgres, proposals linked to their ids,
// accepted proposals saved in one transaction, and the extract command reading
// its known speakers from the database when no --speakers file is given.

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");
// The demo data is in the repository (data/demo): a missing article fails here, naming its path.
const articleFile = path.join(defaultDemoDir(), "aleppo-article.ar.txt");
const article = fs.readFileSync(articleFile, "utf8");

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
let curator: CurrentUser;
let ids: Record<string, number>;

beforeAll(async () => {
  env = await useTestEnvironment("extract_known");
  await seedDemoData(env.pool);
  const userId = await createUser(env.pool, {
    email: "extract@example.org",
    name: "Extra Curator",
    role: "editor",
    password: "extract-password-1",
  });
  curator = { id: userId, email: "extract@example.org", name: "Extra Curator", role: "editor" };
  const { rows } = await env.pool.query<{ id: number; slug: string }>(`SELECT id, slug FROM speakers`);
  ids = Object.fromEntries(rows.map((r) => [r.slug, r.id]));
});
afterAll(async () => {
  await env.close();
});

async function propose(input: Record<string, unknown>): Promise<ExtractResponse> {
  const parsed = parseExtractRequest(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
  return proposeStatements(parsed.value, await loadKnownFor(env.pool, parsed.value.text));
}

describe("known speakers and topics from Postgres", () => {
  it("loads every name, per-language name and alias; with a text, only the speakers and topics it can name", async () => {
    const all = await loadKnownSpeakers(env.pool);
    const merkel = all.find((s) => s.slug === "angela-merkel");
    expect(merkel).toMatchObject({
      id: ids["angela-merkel"],
      name: "Angela Merkel",
      kind: "person",
      affiliation: "Government of Germany",
    });
    expect(merkel?.names?.ar).toBeTruthy();
    expect(all.find((s) => s.slug === "shaam")?.aliases).toEqual(expect.arrayContaining(["شبكة شام", "Shaam Network"]));

    await env.pool.query(
      `INSERT INTO speakers (slug, kind, name) VALUES ('someone-else', 'person', 'Someone Quite Elsewhere')`,
    );
    const known = await loadKnownFor(env.pool, article);
    expect(known.speakers.map((s) => s.slug).sort()).toEqual(
      [
        "activists",
        "aleppo-health-directorate",
        "angela-merkel",
        "bassam-al-abdallah",
        "civil-defence-aleppo",
        "frank-walter-steinmeier",
        "msf",
        "shaam",
      ].sort(),
    );
    expect(known.topics.map((t) => t.slug)).toContain("aleppo");
    expect(known.topics.map((t) => t.slug)).not.toContain("chemical-weapons");
    expect((await loadKnownTopics(env.pool)).length).toBeGreaterThanOrEqual(6);
  });

  it("the demo article's proposals link to the known speakers' ids (Merkel's two statements among them), with topics and resolved dates", async () => {
    const answer = await propose({ text: article, publishedOn: "2016-11-19" });
    expect(answer.language).toBe("ar");
    expect(answer.proposals).toHaveLength(18);
    for (const p of answer.proposals) {
      expect(p.speaker?.speakerId, p.text.slice(0, 40)).toBeTypeOf("number");
      expect(p.speaker?.newSpeaker).toBeNull();
    }
    const merkel = answer.proposals.filter((p) => p.speaker?.speakerId === ids["angela-merkel"]);
    expect(merkel).toHaveLength(2);
    expect(merkel[0]).toMatchObject({
      saidOn: "2016-11-17",
      speaker: { name: "Angela Merkel", slug: "angela-merkel" },
    });
    expect(answer.proposals.filter((p) => p.speaker?.speakerId === ids["frank-walter-steinmeier"])).toHaveLength(2);
    expect(answer.proposals.some((p) => p.topics.some((t) => t.slug === "aleppo" && t.confidence >= 0.5))).toBe(true);
    for (const p of answer.proposals) for (const t of p.topics) expect(t.confidence).toBeGreaterThan(0);
  });

  it("accepted proposals are saved in one transaction with the article's source; one bad proposal saves none and is named", async () => {
    const answer = await propose({ text: article, publishedOn: "2016-11-19" });
    const forms = answer.proposals.slice(0, 3).map((p) => ({
      text: p.text,
      language: "ar",
      kind: p.kind,
      speakerId: p.speaker?.speakerId,
      saidOn: p.saidOn,
      topicIds: p.topics.map((t) => t.id),
    }));
    const source = { url: "https://example.org/aleppo", outlet: "Example", title: "Aleppo", publishedOn: "2016-11-19" };
    const before = Number((await env.pool.query(`SELECT count(*) FROM statements`)).rows[0].count);

    const bad = parseAcceptRequest({
      status: "published",
      source,
      statements: [...forms, { ...forms[0], speakerId: 2_000_000 }],
    });
    expect(bad.ok).toBe(true);
    if (!bad.ok) return;
    const refused = await createStatements(env.pool, curator, bad.value.forms).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fields).toEqual([
      { field: "statements.3.speakerId", message: "no speaker with id 2000000" },
    ]);
    expect(Number((await env.pool.query(`SELECT count(*) FROM statements`)).rows[0].count)).toBe(before);

    const good = parseAcceptRequest({
      status: "draft",
      source,
      statements: [
        ...forms,
        {
          text: "قال متحدث جديد إن الأمر صعب",
          language: "ar",
          newSpeaker: { name: "متحدث تجريبي جديد", kind: "person" },
        },
      ],
    });
    expect(good.ok).toBe(true);
    if (!good.ok) return;
    const saved = await createStatements(env.pool, curator, good.value.forms);
    expect(saved).toHaveLength(4);
    const { rows } = await env.pool.query<{ status: string; speaker_id: number; url: string; reported_on: string }>(
      `SELECT s.status, s.speaker_id, so.url, s.reported_on::text AS reported_on FROM statements s
         JOIN statement_reports r ON r.statement_id = s.id JOIN sources so ON so.id = r.source_id
        WHERE s.id = ANY($1::int[]) ORDER BY s.id`,
      [saved.map((s) => s.id)],
    );
    expect(rows.map((r) => r.status)).toEqual(["draft", "draft", "draft", "draft"]);
    expect(rows.every((r) => r.url === source.url && r.reported_on === "2016-11-19")).toBe(true);
    expect(rows.slice(0, 3).map((r) => r.speaker_id)).toEqual(forms.map((f) => f.speakerId));
  });

  it("npm run extract reads the known speakers from the database when --speakers is not given; the output contract is unchanged", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "extract-cli-"));
    try {
      const childEnv = { ...process.env, DATABASE_URL: env.databaseUrl };
      const { stdout, stderr } = await run(
        TSX,
        ["scripts/extract.ts", "--lang", "ar", "--published", "2016-11-19", articleFile],
        { env: childEnv, timeout: 120_000 },
      );
      expect(stderr).toBe("");
      const out = JSON.parse(stdout) as {
        statements: Array<Record<string, unknown> & { speaker: { name: string } | null }>;
      };
      expect(Object.keys(out)).toEqual(["statements"]);
      expect(out.statements).toHaveLength(18);
      for (const s of out.statements)
        expect(Object.keys(s)).toEqual(["kind", "text", "start", "end", "speaker", "cue", "saidOn", "confidence"]);
      expect(out.statements.filter((s) => s.speaker?.name === "Angela Merkel")).toHaveLength(2);
      expect(out.statements.map((s) => s.speaker?.name)).toContain("Médecins Sans Frontières");

      // A --speakers file still wins over the database.
      const file = path.join(dir, "speakers.json");
      fs.writeFileSync(file, JSON.stringify([{ name: "Kanzlerin M.", kind: "person", aliases: ["ميركل"] }]));
      const withFile = JSON.parse(
        (
          await run(
            TSX,
            ["scripts/extract.ts", "--lang", "ar", "--published", "2016-11-19", "--speakers", file, articleFile],
            { env: childEnv, timeout: 120_000 },
          )
        ).stdout,
      ) as typeof out;
      expect(withFile.statements.map((s) => s.speaker?.name)).toContain("Kanzlerin M.");
      expect(withFile.statements.map((s) => s.speaker?.name)).not.toContain("Angela Merkel");

      // A database that cannot be reached: a line on stderr, the same contract on stdout, exit 0.
      const unreachable = await run(
        TSX,
        ["scripts/extract.ts", "--lang", "ar", "--published", "2016-11-19", articleFile],
        { env: { ...childEnv, DATABASE_URL: "postgres://nobody:x@127.0.0.1:1/none" }, timeout: 120_000 },
      );
      expect(unreachable.stderr).toMatch(
        /^extract: known speakers not read from the database \(DATABASE_URL\): .*; continuing without them\n$/,
      );
      expect((JSON.parse(unreachable.stdout) as typeof out).statements).toHaveLength(18);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
