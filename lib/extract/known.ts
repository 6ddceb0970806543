// Known speakers and topics from Postgres, for the curator's "paste an article"
// screen and the extract command. Plain SQL through any pg client or pool (no
// "server-only": the command-line tool reads them too).
import type { Queryable } from "@/lib/db/client";
import { nameTokens } from "./normalize";
import type { KnownSpeaker, Lang, SpeakerKind } from "./types";

export type KnownQueryable = Queryable;

/** A speaker as the engine knows it (canonical name, names per language, aliases) plus what links it back to the database. */
export type KnownSpeakerRecord = KnownSpeaker & {
  id: number;
  slug: string;
  kind: SpeakerKind;
  names: Partial<Record<Lang, string>>;
  aliases: string[];
  role: string | null;
  affiliation: string | null;
};

export type KnownTopicRecord = {
  id: number;
  slug: string;
  /** Canonical name. */
  name: string;
  names: Partial<Record<Lang, string>>;
  /** Every name, for matching. */
  forms: string[];
};

type SpeakerRow = {
  id: number;
  slug: string;
  kind: string;
  name: string;
  name_ar: string | null;
  name_en: string | null;
  name_de: string | null;
  aliases: string[] | null;
  role: string | null;
  affiliation: string | null;
};

type TopicRow = {
  id: number;
  slug: string;
  name: string;
  name_ar: string | null;
  name_en: string | null;
  name_de: string | null;
};

const asKind = (kind: string): SpeakerKind => (kind === "organization" || kind === "group" ? kind : "person");

function namesOf(row: {
  name_ar: string | null;
  name_en: string | null;
  name_de: string | null;
}): Partial<Record<Lang, string>> {
  const names: Partial<Record<Lang, string>> = {};
  if (row.name_ar) names.ar = row.name_ar;
  if (row.name_en) names.en = row.name_en;
  if (row.name_de) names.de = row.name_de;
  return names;
}

/**
 * The folded words of a text, as the engine compares names. A known name can
 * only be found in a text that holds every one of its words, so filtering with
 * this set changes no result; it keeps the engine's index small when the
 * database knows thousands of speakers.
 */
export function textWordSet(text: string): Set<string> {
  return new Set(nameTokens(text));
}

// Folded words of each known name, kept between requests: folding thousands of
// names costs more than reading them. Derived data only (bounded; dropped when full).
const FORM_CACHE_MAX = 200_000;
const formTokens = new Map<string, string[]>();

function tokensOfName(form: string): string[] {
  let tokens = formTokens.get(form);
  if (!tokens) {
    if (formTokens.size >= FORM_CACHE_MAX) formTokens.clear();
    tokens = nameTokens(form);
    formTokens.set(form, tokens);
  }
  return tokens;
}

function occursIn(words: Set<string> | null, forms: Array<string | null | undefined>): boolean {
  if (words === null) return true;
  return forms.some((form) => {
    if (!form) return false;
    const tokens = tokensOfName(form);
    return tokens.length > 0 && tokens.every((t) => words.has(t));
  });
}

/**
 * Every speaker (canonical name, names in ar/en/de, aliases in any script);
 * with `text`, only those with a name whose words all occur in it.
 */
export async function loadKnownSpeakers(
  db: KnownQueryable,
  text?: string,
  words: Set<string> | null = text === undefined ? null : textWordSet(text),
): Promise<KnownSpeakerRecord[]> {
  const { rows } = await db.query<SpeakerRow>(
    `SELECT id, slug, kind, name, name_ar, name_en, name_de, aliases, role, affiliation FROM speakers ORDER BY id`,
  );
  const out: KnownSpeakerRecord[] = [];
  for (const row of rows) {
    const names = namesOf(row);
    const aliases = (row.aliases ?? []).filter((a) => a.trim() !== "");
    if (!occursIn(words, [row.name, ...Object.values(names), ...aliases])) continue;
    out.push({
      id: row.id,
      slug: row.slug,
      kind: asKind(row.kind),
      name: row.name,
      names,
      aliases,
      role: row.role,
      affiliation: row.affiliation,
    });
  }
  return out;
}

/** Every topic (names in every language); with `text`, only those with a name whose words all occur in it. */
export async function loadKnownTopics(
  db: KnownQueryable,
  text?: string,
  words: Set<string> | null = text === undefined ? null : textWordSet(text),
): Promise<KnownTopicRecord[]> {
  const { rows } = await db.query<TopicRow>(`SELECT id, slug, name, name_ar, name_en, name_de FROM topics ORDER BY id`);
  const out: KnownTopicRecord[] = [];
  for (const row of rows) {
    const names = namesOf(row);
    const forms = [...new Set([row.name, ...Object.values(names)])];
    if (!occursIn(words, forms)) continue;
    out.push({ id: row.id, slug: row.slug, name: row.name, names, forms });
  }
  return out;
}

export type KnownEntities = { speakers: KnownSpeakerRecord[]; topics: KnownTopicRecord[] };

/** The known speakers and topics that can occur in `text` (one pass over its words). */
export async function loadKnownFor(db: KnownQueryable, text: string): Promise<KnownEntities> {
  return loadKnownForWords(db, textWordSet(text));
}

/** The known speakers and topics all of whose words are among `words` (an article's textWordSet). */
export async function loadKnownForWords(db: KnownQueryable, words: Set<string>): Promise<KnownEntities> {
  const speakers = await loadKnownSpeakers(db, "", words);
  const topics = await loadKnownTopics(db, "", words);
  return { speakers, topics };
}

/** The engine's view of a known speaker (what `--speakers FILE.json` holds). */
export function toEngineSpeaker(speaker: KnownSpeakerRecord): KnownSpeaker {
  return { name: speaker.name, kind: speaker.kind, aliases: speaker.aliases, names: speaker.names };
}
