import type { LanguageCode } from "@/lib/languages";

// The language the form proposes for a statement's text: the script first
// (Arabic-script letters: Persian letters decide fa; Hebrew, Cyrillic, Han), then for
// Latin script the most frequent function words. A suggestion only: the curator confirms.

const FUNCTION_WORDS: Partial<Record<LanguageCode, string[]>> = {
  en: ["the", "and", "of", "to", "is", "that", "in", "we", "will", "not", "are", "this", "with", "for"],
  de: ["der", "die", "das", "und", "ist", "nicht", "wir", "sich", "mit", "den", "ein", "eine", "zu", "auch", "dass"],
  fr: ["le", "la", "les", "et", "est", "des", "nous", "pas", "une", "que", "pour", "dans"],
  es: ["el", "los", "las", "y", "es", "que", "del", "por", "una", "para", "con", "no"],
  it: ["il", "gli", "che", "non", "è", "della", "per", "una", "con", "sono"],
  nl: ["het", "een", "van", "en", "niet", "dat", "wij", "zijn", "voor", "met"],
  pt: ["o", "os", "que", "não", "uma", "para", "com", "é", "do", "da"],
  tr: ["ve", "bir", "bu", "için", "ile", "değil", "olarak", "çok"],
};

export function suggestLanguage(text: string): LanguageCode | null {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 3) return null;
  const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
  const share = (pattern: RegExp) => count(pattern) / letters;
  if (share(/\p{Script=Arabic}/gu) > 0.5) return count(/[پچژگ]/gu) > 0 ? "fa" : "ar";
  if (share(/\p{Script=Hebrew}/gu) > 0.5) return "he";
  if (share(/\p{Script=Cyrillic}/gu) > 0.5) return "ru";
  if (share(/\p{Script=Han}/gu) > 0.3) return "zh";
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let best: LanguageCode | null = null;
  let bestScore = 0;
  for (const [language, list] of Object.entries(FUNCTION_WORDS) as Array<[LanguageCode, string[]]>) {
    const set = new Set(list);
    const score = words.filter((w) => set.has(w)).length + (language === "de" ? count(/[äöüß]/giu) * 0.5 : 0);
    if (score > bestScore) [best, bestScore] = [language, score];
  }
  return best ?? "en";
}
