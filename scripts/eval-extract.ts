// Prints precision/recall/F1, speaker accuracy and date accuracy of lib/extract on the shared data sets.
import { evaluateDemo, evaluateGerman, DEMO_PUBLISHED, type Scores, type GermanErrors } from "@/lib/extract/evaluate";

const rows: [string, Scores | null][] = [
  ["demo ar, known speakers", evaluateDemo(true)],
  ["demo ar, no known speakers", evaluateDemo(false)],
  ["de-wikinews dev", evaluateGerman("dev")],
  ["de-wikinews dev (non-nested gold)", evaluateGerman("dev", { nonNestedOnly: true })],
  ["de-wikinews train", evaluateGerman("train")],
];

const pct = (x: number | null): string => (x === null ? "   —  " : x.toFixed(3).padStart(6));
console.log(`Demo publication day: ${DEMO_PUBLISHED} (Saturday). Match: proposal overlaps ≥ half of the gold span, one-to-one.`);
console.log("German gold span: first start to last end of quote_char_spans; speaker correct = mention span overlaps a gold speaker span or shares a content token.\n");
console.log(["row".padEnd(36), "gold", "prop", "match", "  P   ", "  R   ", "  F1  ", "spkAcc", "(pairs)", "dateAcc", "dated"].join(" | "));
for (const [name, s] of rows) {
  if (!s) {
    console.log(`${name.padEnd(36)} | data not found under ../shared — skipped`);
    continue;
  }
  console.log(
    [name.padEnd(36), String(s.gold).padStart(4), String(s.proposed).padStart(4), String(s.matched).padStart(5), pct(s.precision), pct(s.recall), pct(s.f1), pct(s.speakerAcc), `(${s.speakerPairs})`.padStart(7), pct(s.dateAcc).padStart(7), s.datedRight ?? "—"].join(" | "),
  );
}

if (process.argv.includes("--errors")) {
  const split = process.argv.includes("--dev") ? "dev" : "train";
  const errs: GermanErrors = { missed: [], spurious: [], wrongSpeaker: [] };
  evaluateGerman(split, { collect: errs });
  const n = Number(process.argv.find((a) => /^\d+$/u.test(a)) ?? 40);
  console.log(`\n== missed (${errs.missed.length})`);
  for (const m of errs.missed.slice(0, n)) console.log(`- [${m.type}] ${m.text.replace(/\n/gu, " ")}`);
  console.log(`\n== spurious (${errs.spurious.length})`);
  for (const m of errs.spurious.slice(0, n)) console.log(`- ${m.text.replace(/\n/gu, " ").slice(0, 240)}`);
  console.log(`\n== wrong speaker (${errs.wrongSpeaker.length})`);
  for (const m of errs.wrongSpeaker.slice(0, n)) console.log(`- gold=${m.gold} | ${m.proposed}`);
}
process.exitCode = 0;
