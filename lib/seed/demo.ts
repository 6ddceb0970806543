import fs from "node:fs";
import path from "node:path";
import type pg from "pg";
import { replaceSpeakerNames } from "@/lib/db/writes";
import { ImportResolver, importBatch } from "@/lib/import/import-statements";
import { enqueueOutbox } from "@/lib/sync/outbox";
import { parseImportLine, type ImportLine } from "@/lib/validation/import-line";

// The demo data: the curated reading of one Arabic report on the bombing of
// Aleppo (data/demo, see its README). The statements and speakers come from
// that folder at run time; the curation below adds the topics of each
// statement and which statements respond to which.

type GoldSpeaker = {
  kind: "person" | "organization" | "group";
  names: { ar?: string; en?: string; de?: string };
  aliases?: string[];
  role?: string;
  description?: string;
};
type GoldStatement = {
  n: number;
  speaker: string;
  kind: "direct" | "indirect" | "mixed";
  text: string;
  relativeDate: string | null;
};
type Gold = { language: string; speakers: Record<string, GoldSpeaker>; statements: GoldStatement[] };

export const DEMO_TOPICS = [
  { slug: "aleppo", en: "Aleppo", ar: "حلب", de: "Aleppo" },
  {
    slug: "attacks-on-hospitals",
    en: "Attacks on hospitals",
    ar: "استهداف المستشفيات",
    de: "Angriffe auf Krankenhäuser",
  },
  { slug: "airstrikes", en: "Airstrikes", ar: "الغارات الجوية", de: "Luftangriffe" },
  { slug: "chemical-weapons", en: "Chemical weapons", ar: "الأسلحة الكيميائية", de: "Chemiewaffen" },
  { slug: "refugees", en: "Refugees", ar: "اللاجئون", de: "Flüchtlinge" },
  { slug: "international-response", en: "International response", ar: "الموقف الدولي", de: "Internationale Reaktion" },
] as const;

type TopicSlug = (typeof DEMO_TOPICS)[number]["slug"];

/** Topics of each gold statement, by its number in statements.gold.json. */
const TOPICS_OF_STATEMENT: Record<number, TopicSlug[]> = {
  1: ["aleppo", "airstrikes"],
  2: ["aleppo", "airstrikes"],
  3: ["aleppo", "airstrikes"],
  4: ["aleppo", "airstrikes", "chemical-weapons"],
  5: ["aleppo", "attacks-on-hospitals"],
  6: ["aleppo", "attacks-on-hospitals", "airstrikes"],
  7: ["aleppo", "attacks-on-hospitals"],
  8: ["aleppo", "attacks-on-hospitals"],
  9: ["aleppo"],
  10: ["aleppo", "airstrikes"],
  11: ["international-response"],
  12: ["international-response"],
  13: ["international-response"],
  14: ["international-response", "aleppo"],
  15: ["international-response"],
  16: ["refugees"],
  17: ["international-response"],
  18: ["international-response", "attacks-on-hospitals"],
};

/** The envoy's "Germany's position is firm" (14) welcomes Merkel's (15) and Steinmeier's (17) statements. */
const RESPONSES: Array<[number, number]> = [
  [14, 15],
  [14, 17],
];

const AFFILIATIONS: Record<string, string> = {
  "bassam-al-abdallah": "National Coalition of Syrian Revolution and Opposition Forces",
  "angela-merkel": "Government of Germany",
  "frank-walter-steinmeier": "Government of Germany",
};

const RELATIVE_DATE_NOTES: Record<string, string> = {
  أمس: "The report dates it «أمس» (yesterday).",
  الخميس: "The report dates it «الخميس» (Thursday).",
};

export const DEMO_SOURCE = {
  outlet: "Arabic news report (outlet not named in the demo data)",
  title: "Bombing of Aleppo: statements by Merkel, Steinmeier, MSF and the Syrian opposition",
  publishedAt: "2016-11",
};

/** data/demo in the repository, wherever the command runs from, unless DEMO_DATA_DIR names another folder. */
export function defaultDemoDir(): string {
  return process.env.DEMO_DATA_DIR
    ? path.resolve(process.env.DEMO_DATA_DIR)
    : path.resolve(import.meta.dirname, "../../data/demo");
}

export function demoExternalId(n: number): string {
  return `demo-aleppo-${n}`;
}

/** Loads (or refreshes) the demo data; safe to run more than once. */
export async function seedDemoData(
  pool: pg.Pool,
  demoDir = defaultDemoDir(),
): Promise<{ statements: number; speakers: number }> {
  const goldFile = path.join(demoDir, "statements.gold.json");
  if (!fs.existsSync(goldFile)) {
    throw new Error(
      `The demo data is missing: ${goldFile} does not exist (set DEMO_DATA_DIR to the folder holding statements.gold.json).`,
    );
  }
  const gold = JSON.parse(fs.readFileSync(goldFile, "utf8")) as Gold;

  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    for (const topic of DEMO_TOPICS) {
      await client.query(
        `INSERT INTO topics (slug, name, name_en, name_ar, name_de) VALUES ($1, $2, $2, $3, $4)
         ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, name_ar = EXCLUDED.name_ar, name_de = EXCLUDED.name_de`,
        [topic.slug, topic.en, topic.ar, topic.de],
      );
    }
    for (const [slug, speaker] of Object.entries(gold.speakers)) {
      const name = speaker.names.en ?? speaker.names.ar ?? slug;
      const result = await client.query<{ id: number }>(
        `INSERT INTO speakers (slug, kind, name, name_ar, name_en, name_de, aliases, role, affiliation, description)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (slug) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, name_ar = EXCLUDED.name_ar,
           name_en = EXCLUDED.name_en, name_de = EXCLUDED.name_de, aliases = EXCLUDED.aliases, role = EXCLUDED.role,
           affiliation = EXCLUDED.affiliation, description = EXCLUDED.description
         RETURNING id`,
        [
          slug,
          speaker.kind,
          name,
          speaker.names.ar ?? null,
          speaker.names.en ?? null,
          speaker.names.de ?? null,
          speaker.aliases ?? [],
          speaker.role ?? null,
          AFFILIATIONS[slug] ?? null,
          speaker.description ?? null,
        ],
      );
      const id = result.rows[0]!.id;
      await replaceSpeakerNames(client, id, [
        name,
        speaker.names.ar,
        speaker.names.en,
        speaker.names.de,
        ...(speaker.aliases ?? []),
      ]);
      await enqueueOutbox(client, "speaker", [id]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }

  const lines: ImportLine[] = gold.statements.map((statement) => {
    const speaker = gold.speakers[statement.speaker]!;
    const raw = {
      externalId: demoExternalId(statement.n),
      text: statement.text,
      language: gold.language,
      kind: statement.kind,
      speaker: { name: speaker.names.en ?? speaker.names.ar, kind: speaker.kind },
      saidOn: "2016-11",
      topics: (TOPICS_OF_STATEMENT[statement.n] ?? []).map((slug) => DEMO_TOPICS.find((t) => t.slug === slug)!.en),
      source: { ...DEMO_SOURCE },
      context: statement.relativeDate ? (RELATIVE_DATE_NOTES[statement.relativeDate] ?? null) : null,
    };
    const parsed = parseImportLine(JSON.stringify(raw));
    if (!parsed.ok) throw new Error(`Demo statement ${statement.n} is invalid: ${parsed.reason}`);
    return parsed.value;
  });
  await importBatch(pool, new ImportResolver(), lines);

  await pool.query(
    `INSERT INTO statement_responses (statement_id, responds_to_id)
     SELECT a.id, b.id FROM unnest($1::text[], $2::text[]) AS pair(from_id, to_id)
       JOIN statements a ON a.external_id = pair.from_id JOIN statements b ON b.external_id = pair.to_id
     ON CONFLICT DO NOTHING`,
    [RESPONSES.map(([from]) => demoExternalId(from)), RESPONSES.map(([, to]) => demoExternalId(to))],
  );
  return { statements: lines.length, speakers: Object.keys(gold.speakers).length };
}

export async function isDatabaseEmpty(pool: pg.Pool): Promise<boolean> {
  const result = await pool.query(`SELECT 1 FROM statements LIMIT 1`);
  return result.rowCount === 0;
}
