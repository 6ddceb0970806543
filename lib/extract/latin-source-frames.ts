// Source frames in German and English: "laut X", "X zufolge", "nach Angaben der X", "seiner Meinung nach",
// "according to X" — a sentence attributed to the source its frame names. Separate from latin.ts, which reads cue
// verbs, free indirect speech and standalone quotations, to keep each file under the size limit (issue 14). Also the
// German sources named by a verb: "Dies bestätigte X." after the statement, "Die Polizei spricht von …".
import type { Candidate, SpeakerRef } from "./types";
import { cueFields, quoteAt, tokenize, type Sentence, type Token } from "./text";
import { DE_FRAME_DET, DE_NACH_ADJ, DE_POSTPOSED_HEADS, isAdjective, isCap, isSourceHead, LEX } from "./latin-lexicon";
import { capitalRunEnd, firstQuoteIndex, lastOfWithin, npAfter, subjectRef, type LatinCtx } from "./latin-subjects";

export function sourceFrame(ctx: LatinCtx, lang: "de" | "en", sent: Sentence, toks: Token[]): Candidate | null {
  const { text } = ctx;
  let lastComma: number | undefined; // found once per sentence, when an English frame needs it
  const commaAfter = (pos: number): boolean => (lastComma ??= lastOfWithin(text, ",", sent.end, sent.start)) >= pos;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Token;
    const lw = t.text.toLowerCase();
    let npFrom = -1;
    let cueEndTok = i;
    if (lang === "de" && (lw === "laut" || lw === "gemäß")) npFrom = i + 1;
    else if (lang === "de" && lw === "nach") {
      // "nach Angaben der Polizei", "Nach einer norwegischen Studie", "nach dem vorläufigen Endergebnis".
      let k = i + 1;
      while (
        k < toks.length &&
        k <= i + 3 &&
        (DE_NACH_ADJ.has((toks[k] as Token).text) ||
          DE_FRAME_DET.has((toks[k] as Token).text) ||
          isAdjective((toks[k] as Token).text))
      )
        k++;
      if (toks[k] && isSourceHead((toks[k] as Token).text)) {
        npFrom = i + 1;
        cueEndTok = i;
      } else if (
        i >= 1 &&
        isSourceHead((toks[i - 1] as Token).text) &&
        DE_POSTPOSED_HEADS.has((toks[i - 1] as Token).text)
      ) {
        // "Seiner Meinung nach", "Dem Vernehmen nach": the source stands before "nach".
        let s0 = i - 1;
        while (
          s0 > 0 &&
          s0 >= i - 3 &&
          (DE_FRAME_DET.has((toks[s0 - 1] as Token).text) ||
            /^(?:Seiner|Ihrer|Dem|Den|Eigenen|Unseren)$/u.test((toks[s0 - 1] as Token).text) ||
            isAdjective((toks[s0 - 1] as Token).text))
        )
          s0--;
        return frameCandidate(
          ctx,
          sent,
          toks[s0] as Token,
          t,
          (toks[s0] as Token).start,
          (toks[i - 1] as Token).end,
          toks,
          i + 1,
        );
      }
    } else if (lang === "en" && lw === "according" && toks[i + 1]?.text === "to") {
      npFrom = i + 2;
      cueEndTok = i + 1;
    } else if (lang === "de" && lw === "zufolge") {
      // "Dem Bericht zufolge …" / "…, der Polizei zufolge."
      let k = i - 1;
      while (k >= 0 && i - k <= 6 && !/[,;:]/u.test(text.slice((toks[k] as Token).end, (toks[k + 1] as Token).start)))
        k--;
      const npS = toks[k + 1];
      if (!npS || k + 1 >= i) continue;
      // "Grundsätzen, denen zufolge …": a relative pronoun points back; it names no source.
      if (k + 2 === i && /^(?:denen|dem|der|welchen|welchem)$/u.test(npS.text)) continue;
      return frameCandidate(ctx, sent, t, t, npS.start, (toks[i - 1] as Token).end, toks, i + 1);
    }
    if (npFrom < 0 || !toks[npFrom]) continue;
    // "Laut „Welt“ soll …": a quoted name (its words are not among the tokens) is the source.
    if (lang === "de" && npFrom === i + 1) {
      const q = ctx.quotes[firstQuoteIndex(ctx.quotes, t.end)];
      if (q && q.end <= (toks[npFrom] as Token).start && /^\s*$/u.test(text.slice(t.end, q.start)))
        return frameCandidate(ctx, sent, t, t, q.start, q.end, toks, npFrom);
    }
    // NP: capitalised words, determiners and linking prepositions, up to the finite verb/comma.
    let k = npFrom;
    // German: past its first word the phrase goes on only by a genitive or "von" ("Angaben der Polizei", "einem
    // Sprecher des Ministeriums", "Informationen von Reuters"); "laut Karl den sozialen Abstieg" ends at "Karl".
    const link =
      lang === "de"
        ? /^(?:der|des|von|vom|und|eines|einer|ihres|seines|ihrer|seiner|dessen|deren)$/u
        : /^(?:the|of|for|and|a|an|in|at)$/u;
    const firstLink = /^(?:die|das|dem|den|einem|ihren|seinen|ihrem|seinem)$/u;
    while (k < toks.length && k - npFrom < 12) {
      const w = (toks[k] as Token).text;
      if (k > npFrom && /[,;:]/u.test(text.slice((toks[k - 1] as Token).end, (toks[k] as Token).start))) break;
      // "laut israelischen Medien", "laut bildblog.de": an adjective before its noun, a web address.
      if (
        lang === "de" &&
        // (Past the head noun only after a genitive: "der Polizei der neuen Regierung", not "Anführer starken Zulauf".)
        ((isAdjective(w) &&
          toks[k + 1] &&
          isCap((toks[k + 1] as Token).text) &&
          (k === npFrom || !isCap((toks[k - 1] as Token).text))) ||
          (k === npFrom &&
            /\.\p{L}{2,}$/u.test(
              text.slice((toks[k] as Token).start, (toks[k] as Token).end + 4).split(/\s/u)[0] ?? "",
            )))
      ) {
        k++;
        continue;
      }
      // English source phrases are lower-case too ("according to the ministry"): they run to the comma.
      // … or end the sentence ("…, according to analysts at Goldman Sachs.").
      const enLower =
        lang === "en" && k - npFrom < 8 && (commaAfter((toks[k] as Token).end) || toks.length - npFrom <= 8);
      // A noun of its own after a capitalised word starts what the source says: "laut Airbus Bestellungen für …".
      if (lang === "de" && k > npFrom && isCap((toks[k - 1] as Token).text) && DE_ABSTRACT_NOUN.test(w)) break;
      const opens = k === npFrom && (DE_NACH_ADJ.has(w) || (lang === "de" && firstLink.test(w)));
      // A name may open with a lower-case particle: "laut el-Baradei", "al-Arabiya zufolge".
      const name = isCap(w) || /^\p{Ll}{1,3}-\p{Lu}/u.test(w);
      if (!(name || link.test(w) || (lang === "en" && /^\d/u.test(w)) || opens || enLower)) break;
      k++;
    }
    if (k === npFrom) continue;
    // "Laut einer am Dienstag veröffentlichten Pressemitteilung des WFP": an attribute between the article and its
    // source noun; the phrase runs on to the noun and its genitive.
    if (lang === "de" && k === npFrom + 1 && DE_FRAME_DET.has((toks[npFrom] as Token).text)) {
      let h = k;
      while (h < toks.length && h < k + 6 && !isSourceHead((toks[h] as Token).text)) h++;
      if (
        h < toks.length &&
        h < k + 6 &&
        !/[,;:]/u.test(text.slice((toks[k] as Token).start, (toks[h] as Token).start))
      ) {
        k = capitalRunEnd(toks, h + 1, 5, /^(?:der|des|von|vom)$/u);
      }
    }
    return frameCandidate(
      ctx,
      sent,
      t,
      toks[cueEndTok] as Token,
      (toks[npFrom] as Token).start,
      (toks[k - 1] as Token).end,
      toks,
      k,
    );
  }
  return null;
}

/** German nouns by their ending: abstract or plural common nouns, not names ("Bestellungen", "Mehrheit", "Situation"). */
const DE_ABSTRACT_NOUN = /^\p{Lu}\p{Ll}+(?:ungen|ung|heit|keit|schaft|tion|tionen|tät|nisse|ismus)$/u;

function frameCandidate(
  ctx: LatinCtx,
  sent: Sentence,
  cueS: Token,
  cueE: Token,
  npS: number,
  npE: number,
  toks: Token[],
  afterIdx: number,
): Candidate {
  const frameStart = Math.min(cueS.start, npS);
  const frameEnd = Math.max(cueE.end, npE);
  const head = ctx.text.slice(sent.start, frameStart).trim();
  let start = sent.start;
  let end = sent.end;
  if (head.length === 0) start = toks[afterIdx]?.start ?? frameEnd;
  else if (
    /[,(–—-]\s*$/u.test(ctx.text.slice(sent.start, frameStart)) &&
    ctx.text.slice(frameEnd, sent.end).replace(/[\s.)!?]/gu, "").length < 3
  )
    end = frameStart;
  return {
    sentenceStart: sent.start,
    sentenceEnd: sent.end,
    cueStart: cueS.start,
    cueEnd: cueE.end,
    kind: "indirect",
    start,
    end,
    speaker: { type: "mention", start: npS, end: npE },
    dateRegions: [],
    confidence: 0.65,
  };
}

/**
 * "<statement>. Dies bestätigte X heute.", "Das erklärte ein Sprecher …", "Dies geht aus einer Mitteilung der Y hervor.":
 * a demonstrative opening the sentence, right before the verb of saying, reports the previous sentence; the
 * annotation's span runs from that sentence's start to the demonstrative. The speaker is the first noun phrase after
 * the verb that no preposition governs (at most eight words on).
 */
export function anaphoricReport(ctx: LatinCtx, sent: Sentence, prev: Sentence): Candidate | null {
  const toks = tokenize(ctx.text, sent.start, Math.min(sent.end, sent.start + 400)).filter(
    (t) => quoteAt(ctx.quotes, t.start) < 0,
  );
  const dem = toks[0];
  const verb = toks[1];
  if (!dem || !verb || !DE_REPORT_DEMONSTRATIVE.has(dem.text) || dem.start !== sent.start) return null;
  if (/[,;:]/u.test(ctx.text.slice(dem.end, verb.start))) return null;
  const hervor = verb.text === "geht" && toks[2]?.text === "aus" && toks.some((t) => t.text === "hervor");
  if (!hervor && !LEX.de.cues.has(verb.text)) return null;
  let speaker: SpeakerRef | null = null;
  for (let k = 2; k < toks.length && k < 10 && !speaker; k++) {
    const before = (toks[k - 1] as Token).text;
    const governed =
      (!hervor && DE_PREPOSITION.has(before)) ||
      (k >= 3 && DE_PREPOSITION.has((toks[k - 2] as Token).text) && !isCap(before));
    if (governed) continue;
    if (!isCap((toks[k] as Token).text) && !/^(?:der|die|das|ein|eine|einer|eines)$/u.test((toks[k] as Token).text))
      continue;
    // The phrase ends before a preposition: "die Financial Times Deutschland unter Berufung auf …".
    let end = sent.end;
    for (let j = k + 1; j < toks.length && j < k + 12; j++)
      if (DE_PREPOSITION.has((toks[j] as Token).text) && !/^vo[nm]$/u.test((toks[j] as Token).text)) {
        end = (toks[j] as Token).start;
        break;
      }
    speaker = npAfter(ctx, "de", toks, k, end);
  }
  if (!speaker || speaker.type === "pronoun") return null;
  return {
    ...cueFields(sent, verb),
    kind: "indirect",
    start: prev.start,
    end: dem.end,
    speaker,
    dateRegions: [[verb.start, sent.end]],
    confidence: 0.6,
  };
}
const DE_REPORT_DEMONSTRATIVE = new Set(["Dies", "Das", "Dieses"]);
const DE_PREPOSITION = new Set(
  "in im am an auf bei mit nach vor von vom zu zum zur aus für gegenüber über unter während seit durch".split(" "),
);

/**
 * "Andere Medien berichten von 13 Passagieren.", "Die Polizei spricht von 4.000 Teilnehmern.": the subject reports
 * a figure or an event, and the annotation takes the whole sentence as what it says. Only a subject that opens the
 * sentence without a comma, within the first eight words.
 */
export function reportsOf(ctx: LatinCtx, sent: Sentence, toks: Token[]): Candidate | null {
  const { text } = ctx;
  for (let i = 1; i < toks.length - 2 && i <= 8; i++) {
    const t = toks[i] as Token;
    if (/[,;:()]/u.test(text.slice((toks[i - 1] as Token).end, t.start))) return null;
    if (!DE_REPORTS_OF.has(t.text) || !/^(?:von|vom)$/u.test((toks[i + 1] as Token).text)) continue;
    const first = toks[0] as Token;
    const from = DE_LEAD_ADVERB.has(first.text) ? (toks[1] as Token).start : first.start;
    const speaker = from < t.start ? subjectRef(ctx, "de", from, t.start) : null;
    if (!speaker || speaker.type === "pronoun") return null;
    return {
      ...cueFields(sent, t),
      kind: "indirect",
      start: sent.start,
      end: sent.end,
      speaker,
      dateRegions: [[t.start, sent.end]],
      confidence: 0.6,
    };
  }
  return null;
}
const DE_REPORTS_OF = new Set("berichtet berichten berichtete berichteten spricht sprechen sprach sprachen".split(" "));
const DE_LEAD_ADVERB = new Set("Auch Zudem Außerdem Inzwischen Mittlerweile Dagegen".split(" "));
