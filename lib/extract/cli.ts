// Command-line front end of the extractor: argument checking with one-line errors, JSON on stdout.
import { existsSync, readFileSync, statSync } from "node:fs";
import { z } from "zod";
import { extractStatements } from "./index";
import { parseIsoDay } from "./dates";
import { loadKnownSpeakers, toEngineSpeaker } from "./known";
import type { KnownSpeaker, Lang } from "./types";

export class UsageError extends Error {}

export interface CliArgs {
  lang: Lang;
  published: string;
  file: string;
  speakers: string | null;
}

const USAGE = "usage: extract --lang ar|de|en --published YYYY-MM-DD [--speakers FILE.json] FILE";

export function parseArgs(argv: string[]): CliArgs {
  let lang: string | null = null;
  let published: string | null = null;
  let speakers: string | null = null;
  let file: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const val = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`missing value for ${a}; ${USAGE}`);
      return v;
    };
    if (a === "--") continue;
    else if (a === "--lang") lang = val();
    else if (a.startsWith("--lang=")) lang = a.slice(7);
    else if (a === "--published") published = val();
    else if (a.startsWith("--published=")) published = a.slice(12);
    else if (a === "--speakers") speakers = val();
    else if (a.startsWith("--speakers=")) speakers = a.slice(11);
    else if (a.startsWith("--")) throw new UsageError(`unknown option ${a}; ${USAGE}`);
    else if (file === null) file = a;
    else throw new UsageError(`unexpected argument ${a}; ${USAGE}`);
  }
  if (lang !== "ar" && lang !== "de" && lang !== "en")
    throw new UsageError(`--lang must be ar, de or en (got ${lang ?? "nothing"})`);
  if (!published) throw new UsageError(`--published YYYY-MM-DD is required`);
  if (!parseIsoDay(published)) throw new UsageError(`--published must be a real day as YYYY-MM-DD (got ${published})`);
  if (!file) throw new UsageError(`missing input FILE; ${USAGE}`);
  return { lang, published, file, speakers };
}

const speakerSchema = z.array(
  z.object({
    name: z.string().min(1),
    kind: z.string().optional(),
    aliases: z.array(z.string()).optional(),
    names: z
      .object({ ar: z.string().optional(), en: z.string().optional(), de: z.string().optional() })
      .partial()
      .optional(),
  }),
);

function readText(file: string, what: string): string {
  if (!existsSync(file)) throw new UsageError(`${what} not found: ${file}`);
  if (!statSync(file).isFile()) throw new UsageError(`${what} is not a file: ${file}`);
  return readFileSync(file, "utf8");
}

export function loadSpeakers(file: string): KnownSpeaker[] {
  let data: unknown;
  try {
    data = JSON.parse(readText(file, "speakers file"));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`speakers file is not valid JSON: ${file}`);
  }
  const r = speakerSchema.safeParse(data);
  if (!r.success) throw new UsageError(`speakers file must be a list of {name, kind, aliases, names}: ${file}`);
  return r.data.map((s) => ({ name: s.name, kind: s.kind, aliases: s.aliases, names: s.names }));
}

export interface CliOptions {
  /** Known speakers to use when `--speakers` is not given (the database's, read by runCliWithDatabase). */
  knownSpeakers?: KnownSpeaker[];
}

/** Runs the CLI; returns the exit code and writes to the given sinks (testable without spawning). */
export function runCli(
  argv: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  options: CliOptions = {},
): number {
  try {
    const args = parseArgs(argv);
    const text = readText(args.file, "input file").replace(/^\uFEFF/u, "");
    const knownSpeakers = args.speakers ? loadSpeakers(args.speakers) : (options.knownSpeakers ?? []);
    const res = extractStatements({ text, lang: args.lang, published: args.published, knownSpeakers });
    const statements = res.statements.map((s) => ({
      kind: s.kind,
      text: s.text,
      start: s.start,
      end: s.end,
      speaker: s.speaker ? { name: s.speaker.name, start: s.speaker.start, end: s.speaker.end } : null,
      cue: s.cue,
      saidOn: s.saidOn,
      confidence: s.confidence,
    }));
    out(JSON.stringify({ statements }) + "\n");
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`extract: ${e.message}\n`);
      return 2;
    }
    err(`extract: internal error: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}\n`);
    return 1;
  }
}

/** Where the app's database is, as the other commands find it; null when there is none to read. */
export type DatabaseLocator = () => Promise<{ url: string; label: string; release: () => Promise<void> } | null>;

/**
 * The CLI with known speakers from the app's database when `--speakers` is not
 * given: the external one (DATABASE_URL), else the embedded one (adopted when
 * `npm start` runs, started for this run when its data folder exists). No
 * database, or one that cannot be read, leaves the speakers unknown (a line on
 * stderr says why); stdout keeps the contract either way.
 */
export async function runCliWithDatabase(
  argv: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  locate: DatabaseLocator,
): Promise<number> {
  let args: CliArgs;
  let text: string;
  try {
    args = parseArgs(argv);
    text = readText(args.file, "input file").replace(/^\uFEFF/u, "");
  } catch {
    return runCli(argv, out, err); // reports the usage problem in its one line
  }
  if (args.speakers) return runCli(argv, out, err);
  let knownSpeakers: KnownSpeaker[] = [];
  let where: Awaited<ReturnType<DatabaseLocator>> = null;
  try {
    where = await locate();
    if (where) {
      const pg = (await import("pg")).default;
      const client = new pg.Client({ connectionString: where.url, connectionTimeoutMillis: 5_000 });
      client.on("error", () => undefined);
      try {
        await client.connect();
        knownSpeakers = (await loadKnownSpeakers(client, text)).map(toEngineSpeaker);
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    err(
      `extract: known speakers not read from the database${where ? ` (${where.label})` : ""}: ${why}; continuing without them\n`,
    );
    knownSpeakers = [];
  } finally {
    await where?.release().catch(() => undefined);
  }
  return runCli(argv, out, err, { knownSpeakers });
}
