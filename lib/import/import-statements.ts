import { createHash } from "node:crypto";
import type pg from "pg";
import type { Queryable } from "@/lib/db/client";
import { replaceReviews } from "@/lib/db/reviews";
import { insertSpeaker, nameColumnFor, sourceKey, upsertSource } from "@/lib/db/writes";
import { enqueueOutbox } from "@/lib/sync/outbox";
import { nameKey } from "@/lib/text/name-key";
import { slugify } from "@/lib/text/slug";
import type { ImportLine } from "@/lib/validation/import-line";

// The bulk importer behind `npm run import` (and the demo seed): upserts
// statements by externalId in batches, one transaction per batch, resolving
// speakers by name and alias, topics by name and sources by URL. Each created
// or changed statement gets a revision and an outbox row in the same
// transaction; an unchanged line writes nothing.

export type ImportCounts = { created: number; updated: number; unchanged: number };

export function lineFingerprint(line: ImportLine): string {
  // Fields added to the format later are left out while empty, so that lines imported before them keep their fingerprint.
  const { wikidataId, ...speaker } = line.speaker;
  const { reviews, ...rest } = line;
  const stable = { ...(reviews.length === 0 ? rest : line), speaker: wikidataId === null ? speaker : line.speaker };
  return createHash("sha256").update(JSON.stringify(stable)).digest("base64url");
}

/** Lines without externalId get one derived from who said what when, so a re-import stays idempotent. */
export function effectiveExternalId(line: ImportLine): string {
  if (line.externalId) return line.externalId;
  const identity = JSON.stringify([nameKey(line.speaker.name), line.text, line.saidOn?.iso ?? null]);
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
    for (const line of lines) {
      if (!line.source) continue;
      const key = sourceKey(line.source);
      if (this.sources.has(key)) continue;
      this.sources.set(key, await upsertSource(db, line.source, line.language));
    }
    return lines.map((line) => (line.source ? this.sources.get(sourceKey(line.source))! : null));
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
};

/** Imports one batch of valid lines in one transaction (externalIds must be distinct within the batch). */
export async function importBatch(pool: pg.Pool, resolver: ImportResolver, lines: ImportLine[]): Promise<ImportCounts> {
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  if (lines.length === 0) return counts;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const externalIds = lines.map(effectiveExternalId);
    const fingerprints = lines.map(lineFingerprint);
    const existing = await client.query<Existing>(
      `SELECT id, external_id, import_fingerprint, text, language, kind, speaker_id, said_on::text AS said_on, said_on_precision, context
         FROM statements WHERE external_id = ANY($1::text[])`,
      [externalIds],
    );
    const byExternalId = new Map(existing.rows.map((row) => [row.external_id, row]));
    const toWrite = lines
      .map((line, i) => ({
        line,
        externalId: externalIds[i]!,
        fingerprint: fingerprints[i]!,
        existing: byExternalId.get(externalIds[i]!),
      }))
      .filter((entry) => entry.existing?.import_fingerprint !== entry.fingerprint);
    counts.unchanged = lines.length - toWrite.length;
    if (toWrite.length === 0) {
      await client.query("COMMIT");
      return counts;
    }

    const writeLines = toWrite.map((e) => e.line);
    const speakerIds = await resolver.speakerIds(client, writeLines);
    const topicIds = await resolver.topicIds(client, writeLines);
    const sourceIds = await resolver.sourceIds(client, writeLines);

    const created = toWrite.map((e, i) => ({ ...e, i })).filter((e) => !e.existing);
    const statementIds = new Map<number, number>();
    if (created.length > 0) {
      const column = <T>(f: (e: (typeof created)[number]) => T) => created.map(f);
      const inserted = await client.query<{ id: number; external_id: string }>(
        `INSERT INTO statements (external_id, text, language, kind, speaker_id, said_on, said_on_precision,
                                 reported_on, reported_on_precision, context, import_fingerprint, status)
         SELECT *, 'published' FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::date[], $7::text[],
                                           $8::date[], $9::text[], $10::text[], $11::text[])
         RETURNING id, external_id`,
        [
          column((e) => e.externalId),
          column((e) => e.line.text),
          column((e) => e.line.language),
          column((e) => e.line.kind),
          column((e) => speakerIds[e.i]!),
          column((e) => e.line.saidOn?.start ?? null),
          column((e) => e.line.saidOn?.precision ?? null),
          column((e) => e.line.source?.publishedAt?.start ?? null),
          column((e) => e.line.source?.publishedAt?.precision ?? null),
          column((e) => e.line.context),
          column((e) => e.fingerprint),
        ],
      );
      const idByExternal = new Map(inserted.rows.map((r) => [r.external_id, r.id]));
      for (const e of created) statementIds.set(e.i, idByExternal.get(e.externalId)!);
      counts.created = created.length;
    }

    const changes: Array<{ id: number; action: "import"; version: number; diff: Record<string, [unknown, unknown]> }> =
      [];
    for (const [i, entry] of toWrite.entries()) {
      const { line, existing: old } = entry;
      const after = {
        text: line.text,
        language: line.language,
        kind: line.kind,
        speakerId: speakerIds[i]!,
        saidOn: line.saidOn?.iso ?? null,
        context: line.context,
        topics: line.topics,
        source: line.source ? sourceKey(line.source) : null,
        reviews: line.reviews.length > 0 ? line.reviews.map((review) => review.url) : null,
      };
      if (!old) {
        changes.push({ id: statementIds.get(i)!, action: "import", version: 1, diff: diffOf({}, after) });
        continue;
      }
      const updated = await client.query<{ version: number }>(
        `UPDATE statements SET text = $2, language = $3, kind = $4, speaker_id = $5, said_on = $6, said_on_precision = $7,
                reported_on = $8, reported_on_precision = $9, context = $10, import_fingerprint = $11,
                version = version + 1, updated_at = now()
          WHERE id = $1 RETURNING version`,
        [
          old.id,
          line.text,
          line.language,
          line.kind,
          speakerIds[i]!,
          line.saidOn?.start ?? null,
          line.saidOn?.precision ?? null,
          line.source?.publishedAt?.start ?? null,
          line.source?.publishedAt?.precision ?? null,
          line.context,
          entry.fingerprint,
        ],
      );
      statementIds.set(i, old.id);
      const before = {
        text: old.text,
        language: old.language,
        kind: old.kind,
        speakerId: old.speaker_id,
        saidOn: old.said_on && old.said_on_precision ? isoOf(old.said_on, old.said_on_precision) : null,
        context: old.context,
      };
      changes.push({ id: old.id, action: "import", version: updated.rows[0]!.version, diff: diffOf(before, after) });
      counts.updated += 1;
    }

    const ids = toWrite.map((_, i) => statementIds.get(i)!);
    const updatedIds = ids.filter((_, i) => toWrite[i]!.existing);
    if (updatedIds.length > 0) {
      await client.query(`DELETE FROM statement_topics WHERE statement_id = ANY($1::int[])`, [updatedIds]);
      await client.query(`DELETE FROM statement_sources WHERE statement_id = ANY($1::int[])`, [updatedIds]);
    }
    const topicPairs = ids.flatMap((id, i) => topicIds[i]!.map((topicId) => [id, topicId] as const));
    if (topicPairs.length > 0) {
      await client.query(
        `INSERT INTO statement_topics (statement_id, topic_id) SELECT * FROM unnest($1::int[], $2::int[]) ON CONFLICT DO NOTHING`,
        [topicPairs.map((p) => p[0]), topicPairs.map((p) => p[1])],
      );
    }
    const sourcePairs = ids.flatMap((id, i) => (sourceIds[i] ? [[id, sourceIds[i]] as const] : []));
    if (sourcePairs.length > 0) {
      await client.query(
        `INSERT INTO statement_sources (statement_id, source_id) SELECT * FROM unnest($1::int[], $2::int[]) ON CONFLICT DO NOTHING`,
        [sourcePairs.map((p) => p[0]), sourcePairs.map((p) => p[1])],
      );
    }
    // A line's reviews are the statement's: an updated line replaces them, one without any clears them.
    await replaceReviews(
      client,
      updatedIds,
      toWrite.flatMap((entry, i) => entry.line.reviews.map((review) => ({ statementId: ids[i]!, review }))),
    );
    await client.query(
      `INSERT INTO revisions (entity_type, entity_id, version, action, changes)
       SELECT 'statement', * FROM unnest($1::int[], $2::int[], $3::text[], $4::jsonb[])`,
      [
        changes.map((c) => c.id),
        changes.map((c) => c.version),
        changes.map((c) => c.action),
        changes.map((c) => JSON.stringify(c.diff)),
      ],
    );
    await enqueueOutbox(client, "statement", ids);
    await client.query("COMMIT");
    return counts;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function isoOf(start: string, precision: string): string {
  return precision === "year" ? start.slice(0, 4) : precision === "month" ? start.slice(0, 7) : start;
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
