// npx tsx scripts/mine-merge-pairs.ts [corpus.jsonl.gz] > pairs.jsonl
// Mines candidate pairs for the merge-candidate labelled set (issue 15,
// lib/text/fixtures/arabic-merge-pairs.jsonl): paragraphs of the SaudiNewsNet corpus from
// DIFFERENT outlets that share words, sampled deterministically across overlap bands so the set
// holds near-copies, reworded reports and same-topic pairs alike. The output is unlabelled:
// speakers and same/different are labelled by hand afterwards.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { normalizedWords, wordOverlap } from "@/lib/text/near-duplicate";

type Paragraph = { externalId: string; text: string; saidOn: string | null; source: { outlet: string } };

const file =
  process.argv[2] ?? path.join(import.meta.dirname, "../../shared/data/corpus/saudinewsnet-statements.ar.jsonl.gz");
const paragraphs: Paragraph[] = gunzipSync(readFileSync(file))
  .toString("utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as Paragraph);

// Candidate pairs come from shared rare words (a word in at most RARE paragraphs), so the
// pair count stays small; every pair sharing at least MIN_SHARED of them is scored.
const RARE = 60;
const MIN_SHARED = 3;
const sets = paragraphs.map((p) => new Set(normalizedWords(p.text)));
const postings = new Map<string, number[]>();
sets.forEach((set, i) => {
  for (const word of set) {
    const list = postings.get(word);
    if (list) list.push(i);
    else postings.set(word, [i]);
  }
});
const sharedRare = new Map<number, number>();
for (const list of postings.values()) {
  if (list.length > RARE) continue;
  for (let x = 0; x < list.length; x++)
    for (let y = x + 1; y < list.length; y++) {
      const key = list[x]! * paragraphs.length + list[y]!;
      sharedRare.set(key, (sharedRare.get(key) ?? 0) + 1);
    }
}

type Scored = { i: number; j: number; overlap: number };
const scored: Scored[] = [];
for (const [key, count] of sharedRare) {
  if (count < MIN_SHARED) continue;
  const i = Math.floor(key / paragraphs.length);
  const j = key % paragraphs.length;
  const a = paragraphs[i]!;
  const b = paragraphs[j]!;
  if (a.source.outlet === b.source.outlet) continue;
  scored.push({ i, j, overlap: wordOverlap(a.text, b.text) });
}
const atLeastHalf = scored.filter((s) => s.overlap >= 0.5).length;
console.error(
  `${paragraphs.length} paragraphs, ${scored.length} cross-outlet pairs scored, ${atLeastHalf} share at least half their words`,
);

// Deterministic sample per overlap band: order by a hash of the two ids, take the first n,
// at most one pair per paragraph within a band so one story does not fill it.
const BANDS: { from: number; to: number; take: number }[] = [
  { from: 0.9, to: 1.01, take: 40 },
  { from: 0.7, to: 0.9, take: 50 },
  { from: 0.5, to: 0.7, take: 60 },
  { from: 0.4, to: 0.5, take: 45 },
  { from: 0.3, to: 0.4, take: 40 },
  { from: 0.2, to: 0.3, take: 25 },
];
const hash = (algorithm: string, s: string) => createHash(algorithm).update(s).digest("hex");
const pairKey = (s: Scored) => paragraphs[s.i]!.externalId + paragraphs[s.j]!.externalId;
const sample: Scored[] = [];
for (const band of BANDS) {
  const inBand = scored
    .filter((s) => s.overlap >= band.from && s.overlap < band.to)
    .map((s) => ({ ...s, order: hash("sha256", pairKey(s)) }))
    .sort((x, y) => (x.order < y.order ? -1 : 1));
  const used = new Set<number>();
  let taken = 0;
  for (const s of inBand) {
    if (taken >= band.take) break;
    if (used.has(s.i) || used.has(s.j)) continue;
    used.add(s.i);
    used.add(s.j);
    taken += 1;
    sample.push(s);
  }
  console.error(`band ${band.from}–${band.to}: ${inBand.length} pairs, ${taken} taken`);
}

// Shuffled across bands and printed without their overlap, so the labeller reads each pair
// blind to how similar the finder thinks it is.
const side = (p: Paragraph) => ({ externalId: p.externalId, outlet: p.source.outlet, text: p.text, saidOn: p.saidOn });
sample
  .map((s) => ({ s, order: hash("md5", pairKey(s)) }))
  .sort((x, y) => (x.order < y.order ? -1 : 1))
  .forEach(({ s }, n) => {
    const id = `p${String(n + 1).padStart(3, "0")}`;
    console.log(JSON.stringify({ id, a: side(paragraphs[s.i]!), b: side(paragraphs[s.j]!) }));
  });
