import { createHash } from "node:crypto";
import type pg from "pg";
import type { Queryable } from "@/lib/db/client";
import { mergeChainEnd } from "@/lib/db/merge-chain";
import { replaceReviews } from "@/lib/db/reviews";
import { insertSpeaker, nameColumnFor, sourceKey, upsertSource } from "@/lib/db/writes";
import { enqueueOutbox } from "@/lib/sync/outbox";
import { nameKey } from "@/lib/text/name-key";
import { slugify } from "@/lib/text/slug";
import { statementTextKey } from "@/lib/text/statement-key";
import type { ImportLine, ImportSource } from "@/lib/validation/import-line";
import { storedPartialDateIso, type PartialDate } from "@/lib/validation/partial-date";

// The bulk importer behind `npm run import` (and the demo seed): upserts
// statements by externalId in batches, one transaction per batch, resolving
// speakers by name and alias, topics by name and sources by URL. Each created
// or changed statement gets a revision and an outbox row in the same
// transaction; an unchanged line writes nothing.

/** merged: lines that became one more report of an existing statement (same speaker, same words). */
export type ImportCounts = { created: number; updated: number; unchanged: number; merged: number };

export function lineFingerprint(line: ImportLine): string {
  // Fields added to the format later are left out while empty, so that lines imported before them keep their fingerprint.
  const { wikidataId, ...speaker } = line.speaker;
  const { reviews, reports, ...rest } = line;
  const stable = {
    ...rest,
    ...(reviews.length === 0 ? {} : { reviews }),
    ...(reports.length === 0 ? {} : { reports }),
    speaker: wikidataId === null ? speaker : line.speaker,
  };
  return createHash("sha256").update(JSON.stringify(stable)).digest("base64url");
}

/**
 * Lines without externalId get one derived from who said what when, and where it was reported: the same
 * words from a second outlet are a second line (a second report), and a re-import stays idempotent.
 */
export function effectiveExternalId(line: ImportLine): string {
  if (line.externalId) return line.externalId;
  const identity = JSON.stringify([
    nameKey(line.speaker.name),
    line.text,
    line.saidOn?.iso ?? null,
    ...(line.source ? [sourceKey(line.source)] : []),
  ]);
  return `content:${createHash("sha256").update(identity).digest("hex").slice(0, 32)}`;
}

/** Caches of resolved speakers, topics and sources, kept across the batches of one import. */
export class ImportResolver {
  private speakers = new Map<string, number>();
  private speakersByWikidataId = new Map<string, number>();
  private topicsByKey: Map<string, number> | null = null;
  private sources = new Map<string, number>();

  async speakerIds(db: Queryable, lines: ImportLine[]): Promise<number[]> {
    const keyOf = (line: ImportLine) =>
      `${nameKey(line.speaker.name)}\u0000${line.speaker.affiliation ? nameKey(line.speaker.affiliation) : ""}\u0000${line.speaker.wikidataId ?? ""}`;
    const pending = new Map<string, ImportLine>();
    for (const line of lines) if (!this.speakers.has(keyOf(line))) pending.set(keyOf(line), line);
    if (pending.size > 0) {
      const names = [...new Set([...pending.values()].map((l) => nameKey(l.speaker.name)))];
      const wikidataIds = [
        ...new Set([...pending.values()].flatMap((l) => (l.speaker.wikidataId ? [l.speaker.wikidataId] : []))),
      ];
      const candidates = await db.query<{
        normalized: string | null;
        id: number;
        affiliation: string | null;
        wikidata_id: string | null;
      }>(
        `SELECT sn.normalized, s.id, s.affiliation, s.wikidata_id FROM speaker_names sn JOIN speakers s ON s.id = sn.speaker_id
          WHERE sn.normalized = ANY($1::text[])
         UNION ALL
         SELECT NULL, s.id, s.affiliation, s.wikidata_id FROM speakers s WHERE s.wikidata_id = ANY($2::text[])
         ORDER BY id`,
        [names, wikidataIds],
      );
      for (const [key, line] of pending) {
        const name = nameKey(line.speaker.name);
        const affiliation = line.speaker.affiliation ? nameKey(line.speaker.affiliation) : null;
        const wikidataId = line.speaker.wikidataId;
        // The same Wikidata id is the same speaker, whatever the name; a different one is someone else of that name.
        const known = wikidataId ? this.speakersByWikidataId.get(wikidataId) : undefined;
        const sameItem = wikidataId
          ? (candidates.rows.find((c) => c.wikidata_id === wikidataId) ??
            (known !== undefined ? { id: known, wikidata_id: wikidataId } : undefined))
          : undefined;
        const sameName = candidates.rows.filter(
          (c) =>
            c.normalized === name && (wikidataId === null || c.wikidata_id === null || c.wikidata_id === wikidataId),
        );
        // Two people of the same name are told apart by affiliation when both give one.
        const match =
          sameItem ??
          sameName.find(
            (c) => affiliation !== null && c.affiliation !== null && nameKey(c.affiliation) === affiliation,
          ) ??
          sameName.find((c) => affiliation === null || c.affiliation === null);
        if (match && wikidataId && match.wikidata_id === null) await setSpeakerWikidataId(db, match.id, wikidataId);
        const id = match ? match.id : await insertSpeaker(db, line.speaker, line.language);
        this.speakers.set(key, id);
        if (wikidataId) this.speakersByWikidataId.set(wikidataId, id);
      }
    }
    return lines.map((line) => this.speakers.get(keyOf(line))!);
  }

  async topicIds(db: Queryable, lines: ImportLine[]): Promise<number[][]> {
    if (!this.topicsByKey) {
      this.topicsByKey = new Map();
      const all = await db.query<{ id: number; slug: string; names: Array<string | null> }>(
        `SELECT id, slug, ARRAY[name, name_ar, name_en, name_de] AS names FROM topics`,
      );
      for (const topic of all.rows) this.rememberTopic(topic.id, topic.slug, topic.names);
    }
    const topics = this.topicsByKey;
    for (const line of lines) {
      for (const name of line.topics) {
        if (topics.has(nameKey(name))) continue;
        const slug = slugify(name);
        // A language without a name column of its own (fr, es, …) gives the topic its name only.
        const column = nameColumnFor(line.language);
        const created = await db.query<{ id: number; slug: string; names: Array<string | null> }>(
          `INSERT INTO topics (slug, name${column === "name" ? "" : `, ${column}`}) VALUES ($1, $2${column === "name" ? "" : ", $2"})
           ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug
           RETURNING id, slug, ARRAY[name, name_ar, name_en, name_de] AS names`,
          [slug, name],
        );
        const topic = created.rows[0]!;
        this.rememberTopic(topic.id, topic.slug, [...topic.names, name]);
      }
    }
    return lines.map((line) => [...new Set(line.topics.map((name) => topics.get(nameKey(name))!))]);
  }

  private rememberTopic(id: number, slug: string, names: Array<string | null>) {
    this.topicsByKey!.set(nameKey(slug), id);
    for (const name of names) if (name) this.topicsByKey!.set(nameKey(name), id);
  }

  async sourceIds(db: Queryable, lines: ImportLine[]): Promise<Array<number | null>> {
    for (const line of lines) if (line.source) await this.sourceId(db, line.source, line.language);
    return lines.map((line) => (line.source ? this.sources.get(sourceKey(line.source))! : null));
  }

  /** The sources of each line's further `reports`, in their order. */
  async reportSourceIds(db: Queryable, lines: ImportLine[]): Promise<number[][]> {
    const ids: number[][] = [];
    for (const line of lines) {
      const own: number[] = [];
      for (const report of line.reports) own.push(await this.sourceId(db, report.source, line.language));
      ids.push(own);
    }
    return ids;
  }

  private async sourceId(db: Queryable, source: ImportSource, language: string): Promise<number> {
    const key = sourceKey(source);
    let id = this.sources.get(key);
    if (id === undefined) {
      id = await upsertSource(db, source, language);
      this.sources.set(key, id);
    }
    return id;
  }
}

/**
 * Gives a speaker who has none the Wikidata id an import line names (never replacing a curator's),
 * with a revision, as a curator's edit would have.
 */
async function setSpeakerWikidataId(db: Queryable, speakerId: number, wikidataId: string): Promise<void> {
  const updated = await db.query<{ version: number }>(
    `UPDATE speakers SET wikidata_id = $2, version = version + 1, updated_at = now() WHERE id = $1 AND wikidata_id IS NULL RETURNING version`,
    [speakerId, wikidataId],
  );
  const version = updated.rows[0]?.version;
  if (version === undefined) return;
  await db.query(
    `INSERT INTO revisions (entity_type, entity_id, version, action, changes) VALUES ('speaker', $1, $2, 'import', $3)`,
    [speakerId, version, JSON.stringify({ wikidataId: [null, wikidataId] })],
  );
}

/** The statements an import line may join as a report. */
const JOINABLE_STATUSES = ["published", "retracted"];

type Existing = {
  id: number;
  external_id: string;
  import_fingerprint: string | null;
  text: string;
  language: string;
  kind: string;
  speaker_id: number;
  said_on: string | null;
  said_on_precision: string | null;
  context: string | null;
  status: string;
  merged_into_id: number | null;
};

/**
 * What a line does to the collection:
 * - create: a new statement;
 * - update: the line that created a statement, changed: the statement takes its new fields;
 * - report: the line is one more report of a statement it does not own (the same speaker and the same
 *   words as an existing one, or a line whose statement was merged into another): it adds or replaces
 *   its own report there, and the statement's topics and reviews gain the line's, nothing else changes.
 */
type Plan =
  | { kind: "create"; line: ImportLine; externalId: string; fingerprint: string; i: number }
  | { kind: "update"; line: ImportLine; externalId: string; fingerprint: string; i: number; old: Existing }
  | {
      kind: "report";
      line: ImportLine;
      externalId: string;
      fingerprint: string;
      i: number;
      /** The statement it reports; a number, or the batch index of a line created in this batch. */
      target: number | { createdBy: number };
      /** Where the line's fingerprint is kept: its alias, or its own (merged-away) statement row. */
      fingerprintOn: "alias" | { statementId: number };
    };

/** Imports one batch of valid lines in one transaction (externalIds must be distinct within the batch). */
export async function importBatch(pool: pg.Pool, resolver: ImportResolver, lines: ImportLine[]): Promise<ImportCounts> {
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, merged: 0 };
  if (lines.length === 0) return counts;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const plans = await planBatch(client, lines);
    counts.unchanged = lines.length - plans.length;
    if (plans.length === 0) {
      await client.query("COMMIT");
      return counts;
    }
    const writeLines = plans.map((p) => p.line);
    const speakerIds = await resolver.speakerIds(client, writeLines);
    const topicIds = await resolver.topicIds(client, writeLines);
    const sourceIds = await resolver.sourceIds(client, writeLines);
    const extraSourceIds = await resolver.reportSourceIds(client, writeLines);
    // Computed once per line: the key of a 10,000-character text is not free.
    const textKeys = plans.map((plan) => (plan.kind === "report" ? "" : statementTextKey(plan.line.text)));
    await joinSameText(client, plans, speakerIds, textKeys);

    // Statements first, so that lines of this batch can report the ones created by earlier lines.
    const statementIds = new Map<number, number>();
    const created = plans.flatMap((plan, j) => (plan.kind === "create" ? [{ plan, j }] : []));
    if (created.length > 0) {
      const column = <T>(f: (e: (typeof created)[number]) => T) => created.map(f);
      const inserted = await client.query<{ id: number; external_id: string }>(
        `INSERT INTO statements (external_id, text, language, kind, speaker_id, said_on, said_on_precision,
                                 reported_on, reported_on_precision, context, import_fingerprint, text_key, status)
         SELECT *, 'published' FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::date[], $7::text[],
                                           $8::date[], $9::text[], $10::text[], $11::text[], $12::text[])
         RETURNING id, external_id`,
        [
          column((e) => e.plan.externalId),
          column((e) => e.plan.line.text),
          column((e) => e.plan.line.language),
          column((e) => e.plan.line.kind),
          column((e) => speakerIds[e.j]!),
          column((e) => e.plan.line.saidOn?.start ?? null),
          column((e) => e.plan.line.saidOn?.precision ?? null),
          column((e) => e.plan.line.source?.publishedAt?.start ?? null),
          column((e) => e.plan.line.source?.publishedAt?.precision ?? null),
          column((e) => e.plan.line.context),
          column((e) => e.plan.fingerprint),
          column((e) => textKeys[e.j]!),
        ],
      );
      const idByExternal = new Map(inserted.rows.map((r) => [r.external_id, r.id]));
      for (const { plan } of created) statementIds.set(plan.i, idByExternal.get(plan.externalId)!);
      counts.created = created.length;
    }
    const targetOf = (plan: Plan): number =>
      plan.kind === "report"
        ? typeof plan.target === "number"
          ? plan.target
          : statementIds.get(plan.target.createdBy)!
        : plan.kind === "update"
          ? plan.old.id
          : statementIds.get(plan.i)!;
    const ids = plans.map(targetOf);

    const changes: Array<{ id: number; version: number; diff: Record<string, [unknown, unknown]> }> = [];
    for (const [j, plan] of plans.entries()) {
      const { line } = plan;
      if (plan.kind === "report") {
        counts.merged += 1;
        continue;
      }
      const after = {
        text: line.text,
        language: line.language,
        kind: line.kind,
        speakerId: speakerIds[j]!,
        saidOn: line.saidOn?.iso ?? null,
        context: line.context,
        topics: line.topics,
        source: line.source ? sourceKey(line.source) : null,
        reviews: line.reviews.length > 0 ? line.reviews.map((review) => review.url) : null,
      };
      if (plan.kind === "create") {
        changes.push({ id: ids[j]!, version: 1, diff: diffOf({}, after) });
        continue;
      }
      const old = plan.old;
      const updated = await client.query<{ version: number }>(
        `UPDATE statements SET text = $2, language = $3, kind = $4, speaker_id = $5, said_on = $6, said_on_precision = $7,
                reported_on = $8, reported_on_precision = $9, context = $10, import_fingerprint = $11, text_key = $12,
                version = version + 1, updated_at = now()
          WHERE id = $1 RETURNING version`,
        [
          old.id,
          line.text,
          line.language,
          line.kind,
          speakerIds[j]!,
          line.saidOn?.start ?? null,
          line.saidOn?.precision ?? null,
          line.source?.publishedAt?.start ?? null,
          line.source?.publishedAt?.precision ?? null,
          line.context,
          plan.fingerprint,
          textKeys[j]!,
        ],
      );
      const before = {
        text: old.text,
        language: old.language,
        kind: old.kind,
        speakerId: old.speaker_id,
        saidOn: storedPartialDateIso(old.said_on, old.said_on_precision),
        context: old.context,
      };
      changes.push({ id: old.id, version: updated.rows[0]!.version, diff: diffOf(before, after) });
      counts.updated += 1;
    }
    changes.push(...(await recordReportLines(client, plans, ids)));

    // Topics: the owning line's replace the statement's; a reporting line's are added to them.
    const replacedIds = plans.flatMap((plan, j) => (plan.kind === "update" ? [ids[j]!] : []));
    if (replacedIds.length > 0)
      await client.query(`DELETE FROM statement_topics WHERE statement_id = ANY($1::int[])`, [replacedIds]);
    const topicPairs = ids.flatMap((id, j) => topicIds[j]!.map((topicId) => [id, topicId] as const));
    if (topicPairs.length > 0) {
      await client.query(
        `INSERT INTO statement_topics (statement_id, topic_id) SELECT * FROM unnest($1::int[], $2::int[]) ON CONFLICT DO NOTHING`,
        [topicPairs.map((p) => p[0]), topicPairs.map((p) => p[1])],
      );
    }
    await writeReports(client, plans, ids, sourceIds, extraSourceIds);
    // A line's reviews are its statement's: an updated line replaces them, one without any clears them;
    // a reporting line adds its reviews (a review of the same address replaces the earlier one).
    await replaceReviews(
      client,
      replacedIds,
      plans.flatMap((plan, j) => plan.line.reviews.map((review) => ({ statementId: ids[j]!, review }))),
    );
    await client.query(
      `INSERT INTO revisions (entity_type, entity_id, version, action, changes)
       SELECT 'statement', c.id, c.version, 'import', c.changes FROM unnest($1::int[], $2::int[], $3::jsonb[]) AS c(id, version, changes)`,
      [changes.map((c) => c.id), changes.map((c) => c.version), changes.map((c) => JSON.stringify(c.diff))],
    );
    await enqueueOutbox(client, "statement", [...new Set(ids)], { background: true });
    await client.query("COMMIT");
    return counts;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The lines that change something, each with what it does; unchanged lines (same fingerprint) are left out. */
async function planBatch(db: Queryable, lines: ImportLine[]): Promise<Plan[]> {
  const externalIds = lines.map(effectiveExternalId);
  const fingerprints = lines.map(lineFingerprint);
  const existing = await db.query<Existing>(
    `SELECT id, external_id, import_fingerprint, text, language, kind, speaker_id, said_on::text AS said_on, said_on_precision,
            context, status, merged_into_id
       FROM statements WHERE external_id = ANY($1::text[])`,
    [externalIds],
  );
  const aliases = await db.query<{ external_id: string; statement_id: number; import_fingerprint: string | null }>(
    `SELECT external_id, statement_id, import_fingerprint FROM statement_aliases WHERE external_id = ANY($1::text[])`,
    [externalIds],
  );
  const byExternalId = new Map(existing.rows.map((row) => [row.external_id, row]));
  const aliasOf = new Map(aliases.rows.map((row) => [row.external_id, row]));
  const plans: Plan[] = [];
  for (const [i, line] of lines.entries()) {
    const externalId = externalIds[i]!;
    const fingerprint = fingerprints[i]!;
    const own = byExternalId.get(externalId);
    const alias = aliasOf.get(externalId);
    const base = { line, externalId, fingerprint, i };
    if (own) {
      if (own.import_fingerprint === fingerprint) continue;
      // A statement merged into another lives on as that one's report.
      if (own.status === "merged" && own.merged_into_id !== null)
        plans.push({
          ...base,
          kind: "report",
          target: (await mergeChainEnd(db, own.merged_into_id))?.id ?? own.merged_into_id,
          fingerprintOn: { statementId: own.id },
        });
      else plans.push({ ...base, kind: "update", old: own });
    } else if (alias) {
      if (alias.import_fingerprint === fingerprint) continue;
      plans.push({ ...base, kind: "report", target: alias.statement_id, fingerprintOn: "alias" });
    } else plans.push({ ...base, kind: "create" });
  }
  return plans;
}

/**
 * New lines whose speaker already has a statement with the same words (lib/text/statement-key.ts), or
 * whose words an earlier new line of the batch has, become reports of that statement, whatever their
 * externalId. Drafts are curators' unfinished work and merged statements are gone: neither is joined.
 *
 * Lines act in file order, so that where a file's batches end changes nothing: a statement whose own
 * line in this batch changes its words or speaker has its old ones for the lines before that line and
 * its new ones for the lines after it.
 */
async function joinSameText(db: Queryable, plans: Plan[], speakerIds: number[], textKeys: string[]): Promise<void> {
  const fresh = plans.flatMap((plan, j) =>
    plan.kind === "create" ? [{ j, at: plan.i, pair: `${speakerIds[j]!} ${textKeys[j]!}` }] : [],
  );
  if (fresh.length === 0) return;
  const changedAt = new Map<number, number>();
  const changedTo = new Map<string, Array<{ id: number; at: number }>>();
  for (const [j, plan] of plans.entries()) {
    if (plan.kind !== "update" || !JOINABLE_STATUSES.includes(plan.old.status)) continue;
    changedAt.set(plan.old.id, plan.i);
    const pair = `${speakerIds[j]!} ${textKeys[j]!}`;
    appendTo(changedTo, pair, { id: plan.old.id, at: plan.i });
  }
  const { rows } = await db.query<{ id: number; speaker_id: number; text_key: string }>(
    `SELECT s.id, s.speaker_id, s.text_key
       FROM statements s JOIN (SELECT DISTINCT * FROM unnest($1::int[], $2::text[])) AS k(speaker_id, text_key)
         ON s.speaker_id = k.speaker_id AND s.text_key = k.text_key
      WHERE s.status = ANY($3::text[])
      ORDER BY s.id`,
    [fresh.map((f) => speakerIds[f.j]!), fresh.map((f) => textKeys[f.j]!), JOINABLE_STATUSES],
  );
  const hadBefore = new Map<string, number[]>();
  for (const row of rows) appendTo(hadBefore, `${row.speaker_id} ${row.text_key}`, row.id);
  const createdBy = new Map<string, { createdBy: number }>();
  for (const { j, at, pair } of fresh) {
    // The oldest existing statement with these words when this line is read, else an earlier new line's.
    const existing = [
      ...(hadBefore.get(pair) ?? []).filter((id) => (changedAt.get(id) ?? Infinity) > at),
      ...(changedTo.get(pair) ?? []).filter((change) => change.at < at).map((change) => change.id),
    ];
    const target = existing.length > 0 ? Math.min(...existing) : createdBy.get(pair);
    const plan = plans[j]!;
    if (target === undefined) createdBy.set(pair, { createdBy: plan.i });
    else plans[j] = { ...plan, kind: "report", target, fingerprintOn: "alias" } as Plan;
  }
}

function appendTo<T>(lists: Map<string, T[]>, key: string, value: T): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

/**
 * Keeps each reporting line's id and fingerprint (its alias, or its merged-away row), so a re-import
 * changes nothing, and gives each statement that gained a report a new version and a revision (a
 * curator's open form then sees the change instead of saving over it).
 */
async function recordReportLines(
  db: Queryable,
  plans: Plan[],
  ids: number[],
): Promise<Array<{ id: number; version: number; diff: Record<string, [unknown, unknown]> }>> {
  const reporting = plans.flatMap((plan, j) => (plan.kind === "report" ? [{ plan, id: ids[j]! }] : []));
  if (reporting.length === 0) return [];
  const viaAlias = reporting.filter((r) => r.plan.fingerprintOn === "alias");
  if (viaAlias.length > 0) {
    await db.query(
      `INSERT INTO statement_aliases (external_id, statement_id, import_fingerprint)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[])
       ON CONFLICT (external_id) DO UPDATE SET statement_id = EXCLUDED.statement_id, import_fingerprint = EXCLUDED.import_fingerprint`,
      [viaAlias.map((r) => r.plan.externalId), viaAlias.map((r) => r.id), viaAlias.map((r) => r.plan.fingerprint)],
    );
  }
  for (const { plan } of reporting) {
    if (plan.kind === "report" && plan.fingerprintOn !== "alias")
      await db.query(`UPDATE statements SET import_fingerprint = $2 WHERE id = $1`, [
        plan.fingerprintOn.statementId,
        plan.fingerprint,
      ]);
  }
  const byStatement = new Map<number, string[]>();
  for (const { plan, id } of reporting)
    byStatement.set(id, [
      ...(byStatement.get(id) ?? []),
      plan.line.source ? sourceKey(plan.line.source) : plan.externalId,
    ]);
  const bumped = await db.query<{ id: number; version: number }>(
    `UPDATE statements SET version = version + 1, updated_at = now() WHERE id = ANY($1::int[]) RETURNING id, version`,
    [[...byStatement.keys()]],
  );
  return bumped.rows.map((row) => ({
    id: row.id,
    version: row.version,
    diff: { reports: [null, byStatement.get(row.id)] },
  }));
}

/**
 * Each line's reports: its source (in the line's wording when it reports another statement's words) and
 * its further `reports`. A line replaces only the reports it brought before (by its id), never another
 * outlet's or a curator's.
 */
async function writeReports(
  db: Queryable,
  plans: Plan[],
  ids: number[],
  sourceIds: Array<number | null>,
  extraSourceIds: number[][],
): Promise<void> {
  const rows: Array<{
    statementId: number;
    sourceId: number;
    text: string | null;
    reportedOn: PartialDate | null;
    externalId: string;
  }> = [];
  for (const [j, plan] of plans.entries()) {
    const { line } = plan;
    // The owning line's wording is the statement's own text: stored as null, so that it follows the text.
    const ownWording = plan.kind === "report" ? line.text : null;
    // A `reports` entry naming the line's own source wins: it can carry that outlet's wording and date.
    line.reports.forEach((report, k) =>
      rows.push({
        statementId: ids[j]!,
        sourceId: extraSourceIds[j]![k]!,
        text: report.text,
        reportedOn: report.reportedOn ?? report.source.publishedAt,
        externalId: plan.externalId,
      }),
    );
    const sourceId = sourceIds[j];
    if (sourceId != null)
      rows.push({
        statementId: ids[j]!,
        sourceId,
        text: ownWording,
        reportedOn: line.source?.publishedAt ?? null,
        externalId: plan.externalId,
      });
  }
  // Updated and reporting lines drop what they brought before and no longer bring.
  const revisited = plans.flatMap((plan, j) =>
    plan.kind === "create" ? [] : [{ id: ids[j]!, externalId: plan.externalId }],
  );
  if (revisited.length > 0) {
    await db.query(
      `DELETE FROM statement_reports r USING unnest($1::int[], $2::text[]) AS l(statement_id, external_id)
        WHERE r.statement_id = l.statement_id AND r.external_id = l.external_id
          AND NOT EXISTS (SELECT 1 FROM unnest($3::int[], $4::int[], $5::text[]) AS k(statement_id, source_id, external_id)
                           WHERE k.statement_id = r.statement_id AND k.source_id = r.source_id AND k.external_id = r.external_id)`,
      [
        revisited.map((r) => r.id),
        revisited.map((r) => r.externalId),
        rows.map((r) => r.statementId),
        rows.map((r) => r.sourceId),
        rows.map((r) => r.externalId),
      ],
    );
  }
  // One row per statement and source: the first line to name a source in a batch gives its report.
  const seen = new Set<string>();
  const unique = rows.filter(
    (r) => !seen.has(`${r.statementId} ${r.sourceId}`) && seen.add(`${r.statementId} ${r.sourceId}`),
  );
  if (unique.length === 0) return;
  const column = <T>(f: (r: (typeof unique)[number]) => T) => unique.map(f);
  await db.query(
    `INSERT INTO statement_reports (statement_id, source_id, text, reported_on, reported_on_precision, external_id)
     SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::date[], $5::text[], $6::text[])
     ON CONFLICT (statement_id, source_id) DO UPDATE SET text = EXCLUDED.text, reported_on = EXCLUDED.reported_on,
       reported_on_precision = EXCLUDED.reported_on_precision, external_id = EXCLUDED.external_id`,
    [
      column((r) => r.statementId),
      column((r) => r.sourceId),
      column((r) => r.text),
      column((r) => r.reportedOn?.start ?? null),
      column((r) => r.reportedOn?.precision ?? null),
      column((r) => r.externalId),
    ],
  );
}

function diffOf(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const diff: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after)) {
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) diff[key] = [a, b];
  }
  return diff;
}
