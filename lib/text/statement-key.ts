import { createHash } from "node:crypto";
import { foldArabic } from "./arabic";

// Two wordings are "the same text" for the importer when they have the same words in the same order
// after folding case, Arabic letter variants and marks, and dropping punctuation, quotation marks and
// spacing: «قال إنّ …» and "قال ان ..." are one statement printed twice.
const WORD = /[\p{L}\p{N}]+/gu;
// Arabic letters, marks, digits and presentation forms: only a text with one of these needs folding.
const FOLDABLE = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

/** The words of a text as compared for identity: folded, lower-case, joined by single spaces. */
export function normalizedWords(text: string): string {
  const compatible = text.normalize("NFKC");
  const folded = FOLDABLE.test(compatible) ? foldArabic(compatible) : compatible;
  return (folded.toLowerCase().match(WORD) ?? []).join(" ");
}

/** A short key of normalizedWords(text), stored with each statement (an index cannot hold 10,000 characters). */
export function statementTextKey(text: string): string {
  return createHash("sha256").update(normalizedWords(text)).digest("base64url").slice(0, 32);
}
