import type { Queryable } from "@/lib/db/client";

// The workspace's lists: a curator's drafts and the log of everyone's changes.

export type DraftEntry = { id: number; text: string; language: string; speakerName: string; updatedAt: string };

export async function draftsOf(db: Queryable, userId: number, limit = 50): Promise<DraftEntry[]> {
  const { rows } = await db.query<{
    id: number;
    text: string;
    language: string;
    speaker_name: string;
    updated_at: Date;
  }>(
    `SELECT s.id, s.text, s.language, sp.name AS speaker_name, s.updated_at
       FROM statements s JOIN speakers sp ON sp.id = s.speaker_id
      WHERE s.status = 'draft' AND (s.created_by_id = $1 OR s.updated_by_id = $1)
      ORDER BY s.updated_at DESC LIMIT $2`,
    [userId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    text: r.text,
    language: r.language,
    speakerName: r.speaker_name,
    updatedAt: r.updated_at.toISOString(),
  }));
}

export type ActivityEntry = {
  id: number;
  entityType: "statement" | "speaker" | "topic" | "user";
  entityId: number;
  action: string;
  version: number;
  userId: number | null;
  userName: string | null;
  createdAt: string;
  /** A short text naming the item: a statement's first words, a speaker's or topic's name, a user's email. */
  label: string | null;
  fields: string[];
};

/** The latest changes by curators (imports are left out: one import can write a hundred thousand revisions). */
export async function recentActivity(
  db: Queryable,
  options: { userId?: number | null; limit?: number; before?: number | null } = {},
): Promise<ActivityEntry[]> {
  const { rows } = await db.query<{
    id: string;
    entity_type: ActivityEntry["entityType"];
    entity_id: number;
    action: string;
    version: number;
    user_id: number | null;
    user_name: string | null;
    created_at: Date;
    label: string | null;
    fields: string[];
  }>(
    `SELECT r.id, r.entity_type, r.entity_id, r.action, r.version, r.user_id, u.name AS user_name, r.created_at,
            CASE r.entity_type
              WHEN 'statement' THEN coalesce((SELECT left(text, 120) FROM statements WHERE id = r.entity_id), r.snapshot->>'text')
              WHEN 'speaker' THEN (SELECT name FROM speakers WHERE id = r.entity_id)
              WHEN 'topic' THEN (SELECT name FROM topics WHERE id = r.entity_id)
              WHEN 'user' THEN (SELECT email FROM users WHERE id = r.entity_id)
            END AS label,
            ARRAY(SELECT jsonb_object_keys(r.changes)) AS fields
       FROM revisions r LEFT JOIN users u ON u.id = r.user_id
      WHERE r.user_id IS NOT NULL AND ($1::int IS NULL OR r.user_id = $1) AND ($3::bigint IS NULL OR r.id < $3)
      ORDER BY r.id DESC LIMIT $2`,
    [options.userId ?? null, options.limit ?? 50, options.before ?? null],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    entityType: r.entity_type,
    entityId: r.entity_id,
    action: r.action,
    version: r.version,
    userId: r.user_id,
    userName: r.user_name,
    createdAt: r.created_at.toISOString(),
    label: r.label,
    fields: r.fields,
  }));
}

export async function curatorList(db: Queryable): Promise<Array<{ id: number; name: string; email: string }>> {
  const { rows } = await db.query<{ id: number; name: string; email: string }>(
    `SELECT id, name, email FROM users ORDER BY lower(name)`,
  );
  return rows;
}
