// Name normalisation for matching speakers, aliases and topics across spelling variants.
// Arabic folding is the search module's (same folding on both sides of every comparison);
// Latin script is lower-cased and stripped of diacritics here.
import { foldArabic, normalizeToken } from "@/lib/search/arabic";

/** Folds one token; `stripClitics` also removes و/ف/ب/ك/ل and the article (for matching, not display). */
export function foldToken(token: string, stripClitics = true): string {
  if (/[\u0600-\u06FF]/u.test(token)) return stripClitics ? normalizeToken(token) : foldArabic(token);
  return token
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ß/gu, "ss");
}

/** Token list of a name or phrase, folded for comparison. */
export function nameTokens(text: string, stripClitics = true): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}\u0640]+/gu)) {
    const t = foldToken(m[0], stripClitics);
    if (t) out.push(t);
  }
  return out;
}

export function normalizeName(text: string): string {
  return nameTokens(text).join(" ");
}
