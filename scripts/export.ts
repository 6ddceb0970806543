// npm run export -- FILE.jsonl.gz [--with-password-hashes]: everything in the
// database (speakers, topics, sources, statements with their links and reports,
// reviews, merge candidates, merges and splits, revisions, slug redirects, users) as typed JSON lines, gzipped when FILE ends in .gz.
// Users are written without their password hashes (and API tokens not at all)
// unless --with-password-hashes is given. `npm run restore -- FILE` reads it back.
import fs from "node:fs";
import path from "node:path";
import { writeBackup, type BackupLineType } from "@/lib/export/backup";
import { runWithServices } from "./lib/cli";

const USAGE = "Usage: npm run export -- FILE.jsonl.gz [--with-password-hashes]";
const args = process.argv.slice(2);
const withCredentials = args.includes("--with-password-hashes");
const rest = args.filter((a) => a !== "--with-password-hashes");
const unknown = rest.filter((a) => a.startsWith("--"));
if (unknown.length > 0 || rest.length !== 1) {
  console.error(unknown.length > 0 ? `export: unknown option ${unknown[0]}\n${USAGE}` : USAGE);
  process.exit(2);
}
const file = rest[0]!;
if (!fs.existsSync(path.dirname(path.resolve(file)))) {
  console.error(`export: the folder ${path.dirname(path.resolve(file))} does not exist.`);
  process.exit(2);
}

const LABELS: Record<BackupLineType, string> = {
  user: "users",
  speaker: "speakers",
  topic: "topics",
  source: "sources",
  statement: "statements",
  report: "reports",
  review: "fact-check reviews",
  alias: "statement aliases",
  mergeCandidate: "merge candidates",
  merge: "merges and splits",
  revision: "revisions",
  slugRedirect: "slug redirects",
  apiToken: "API tokens",
  twoFactor: "two-factor enrolments",
};

await runWithServices("export", async ({ pool }) => {
  const started = Date.now();
  const summary = await writeBackup(pool, file, {
    withCredentials,
    onProgress: (rows, type) => {
      if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${LABELS[type]}: ${rows.toLocaleString("en")}`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
  const seconds = (Date.now() - started) / 1000;
  const parts = (Object.keys(LABELS) as BackupLineType[])
    .filter((type) => (type !== "apiToken" && type !== "twoFactor") || withCredentials)
    .map((type) => `${summary.counts[type].toLocaleString("en")} ${LABELS[type]}`);
  console.log(
    `${file}: ${parts.join(", ")} (${(summary.bytes / 1024 / 1024).toFixed(1)} MiB) in ${seconds.toFixed(1)} s.`,
  );
  console.log(
    withCredentials
      ? "It holds password and API token hashes and TOTP secrets: keep it as secret as the database itself."
      : "Without password hashes (users of a restored database set theirs anew), API tokens or two-factor enrolments (admins enrol again); --with-password-hashes keeps them.",
  );
});
