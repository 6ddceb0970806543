// Hostile texts of about 1 MB, for the bounded-work tests: each is built to make a loop over user
// text do more than linear work (a cue word at every position, a quotation mark that never closes,
// one endless sentence, one endless word, deep nesting, scripts mixed in every word).
import type { Lang } from "@/lib/extract/types";

export const ONE_MB = 1_000_000;

export type AdversarialText = { name: string; lang: Lang; text: string };

/** `unit` repeated to about `bytes` bytes of UTF-8. */
export function repeatToBytes(unit: string, bytes = ONE_MB): string {
  return unit.repeat(Math.max(1, Math.floor(bytes / Buffer.byteLength(unit, "utf8"))));
}

export function adversarialTexts(bytes = ONE_MB): AdversarialText[] {
  const r = (unit: string) => repeatToBytes(unit, bytes);
  // Half of the bytes each side of one letter: the whole stays within the limit.
  const half = (unit: string) => unit.repeat(Math.floor((bytes - 1) / 2 / Buffer.byteLength(unit, "utf8")));
  return [
    { name: "repeated cue words (en)", lang: "en", text: r("said ") },
    { name: "repeated cue words (de)", lang: "de", text: r("sagte ") },
    { name: "repeated cue words (ar)", lang: "ar", text: r("قال ") },
    { name: "repeated quotation marks (en)", lang: "en", text: r('"a ') },
    { name: "repeated quotation marks (de)", lang: "de", text: r("„a ") },
    { name: "repeated quotation marks (ar)", lang: "ar", text: r("«قال ") },
    { name: "one endless sentence (en)", lang: "en", text: r("word Merkel said that ") },
    { name: "one endless sentence (ar)", lang: "ar", text: r("وقال الوزير إن ") },
    { name: "source frames without end (en)", lang: "en", text: r("according to xyz ") },
    { name: "no spaces (en)", lang: "en", text: r("a") },
    { name: "no spaces, clitics (ar)", lang: "ar", text: r("و") },
    { name: "deep nesting (de)", lang: "de", text: half("«") + "x" + half("»") },
    { name: "deep nesting (en)", lang: "en", text: half("“") + "x" + half("”") },
    { name: "mixed scripts", lang: "ar", text: r("Merkel قال sagte „said« ”x» ، ") },
    { name: "trailing cues (ar)", lang: "ar", text: r("، كما قال الوزير ") },
  ];
}
