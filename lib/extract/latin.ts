// German and English reporting constructions: quotes with cues before/after, "X sagte, …"/"X said (that) …",
// trailing ", sagte X"/", X said", source frames (laut, zufolge, nach Angaben, according to), and German
// free indirect speech (Konjunktiv I sentences continuing the previous speaker).
import type { Candidate, Lang, SpeakerRef } from "./types";
import { nameTokens } from "./normalize";
import { GROUP_WORDS, ORG_WORDS, ROLE_WORDS } from "./speakers";
import { quoteAt, tokenize, trimSpan, type QuoteSpan, type Sentence, type Token } from "./text";

export interface LatinCtx {
  text: string;
  lang: Lang;
  quotes: QuoteSpan[];
  sentences: Sentence[];
}

export function makeLatinContext(text: string, lang: Lang, quotes: QuoteSpan[], sentences: Sentence[]): LatinCtx {
  return { text, lang, quotes, sentences };
}

const set = (s: string): Set<string> => new Set(s.split(/\s+/u).filter(Boolean));

// Finite or participle cue forms; separable verbs need their particle later in the clause.
// Passive reports: "wurde bekannt", "wird unter anderem vorgeworfen", "war schon bekannt geworden" (the auxiliary up to three words before).
const DE_PASSIVE_AUX = set("wurde wurden wird werden war waren ist sind worden");
const DE_PASSIVE_REPORTS = set(
  "bekannt berichtet vorgeworfen beschuldigt gemeldet mitgeteilt erklärt bestätigt angekündigt befürchtet vermutet erwartet angenommen",
);
const DE_CUES = set(
  "begrüßte begrüßten lehnte lehnten verurteilte verurteilten bemängelte bemängelten sagte sagten sagt sagen gesagt erklärte erklärten erklärt erklären betonte betonten betont kritisierte kritisierten kritisiert forderte forderten fordert gefordert warnte warnten warnt gewarnt meinte meinten meint gemeint berichtete berichteten berichtet bestätigte bestätigten bestätigt schrieb schrieben schreibt geschrieben erläuterte erläuterten erläutert ergänzte ergänzten ergänzt versicherte versicherten versichert unterstrich unterstrichen behauptete behaupteten behauptet behaupten vermutete vermuteten vermutet glaubt glaubte glauben hofft hoffte hoffen befürchtet befürchtete befürchten argumentierte argumentiert äußerte äußerten geäußert antwortete antworteten entgegnete entgegneten verkündete verkündeten verkündet beklagte beklagten beklagt bekräftigte bekräftigten bekräftigt mahnte mahnten appellierte bestritt bestritten dementierte dementiert meldete meldeten meldet gemeldet kommentierte kommentierten kommentiert schätzt schätzte schätzen mitgeteilt mitteilte mitteilten angekündigt ankündigte bekanntgegeben bekanntgab erklärten hinzugefügt hinzufügte angegeben angab zitiert zitierte sprach sprachen nannte nannten bezeichnete bezeichneten bezeichnet räumte räumten verwies verwiesen wies wiesen stellte stellten teilte teilten teilt gab gaben gibt kündigte kündigten kündigt fügte fügten fügt rief riefen ging geht gehen sieht sah heißt hieß verlautete lautete bekannt vorgeworfen beschuldigt wirft warf begründete begründet hält hielt vermutet erwartet angenommen",
);
const DE_PARTICLE: Record<string, string[]> = {
  lehnte: ["ab"],
  lehnten: ["ab"],
  teilte: ["mit"],
  teilten: ["mit"],
  teilt: ["mit"],
  gab: ["bekannt", "an", "zu"],
  gaben: ["bekannt", "an", "zu"],
  gibt: ["bekannt", "an", "zu"],
  kündigte: ["an"],
  kündigten: ["an"],
  kündigt: ["an"],
  fügte: ["hinzu"],
  fügten: ["hinzu"],
  fügt: ["hinzu"],
  räumte: ["ein"],
  räumten: ["ein"],
  stellte: ["fest", "klar"],
  stellten: ["fest", "klar"],
  wies: ["hin"],
  wiesen: ["hin"],
  verwies: ["darauf"],
  verwiesen: ["darauf"],
  rief: ["auf"],
  riefen: ["auf"],
  ging: ["aus"],
  geht: ["aus"],
  gehen: ["aus"],
  sprach: ["von", "aus"],
  sprachen: ["von", "aus"],
  sieht: ["darin", "als"],
  sah: ["darin", "als"],
  heißt: ["es"],
  hieß: ["es"],
  wirft: ["vor"],
  warf: ["vor"],
  hält: ["für"],
  hielt: ["für"],
  lautete: [],
  nannte: [],
  nannten: [],
  bezeichnete: ["als"],
  bezeichneten: ["als"],
  bezeichnet: ["als"],
};
const EN_CUES = set(
  "said says say told tells stated states warned warns added adds argued argue argues claimed claims believe want wants wanted backed backs accused accuses called calls fear fears urged explained explains noted notes insisted insists announced announces confirmed confirms denied denies acknowledged admitted suggested suggests wrote writes reported reports declared declares stressed stresses emphasized emphasised emphasizes urged urges believes believed thinks predicted estimated asserted maintained contended alleged tweeted replied responded complained conceded observed revealed recalled cautioned agreed",
);
const EN_PARTICLE: Record<string, string[]> = { called: ["for"], calls: ["for"], call: ["for"] };
// Cues whose content may follow without "that": "said the talks failed", "urged residents to …",
// "has backed the plan", "wants the Senate to vote", "called for an inquiry".
const EN_BARE_COMPLEMENT = set(
  "said says say told tells added adds warned warns argued argue argues claimed claims believes believe believed insisted insists stressed urged urges wants want wanted backed backs accused accuses called calls fear fears noted notes denied denies",
);

const DE_SUBJ_STOP = set(
  "Demnach Danach Wonach Am Im In Auf Bei Nach Vor Seit Während Gegenüber Laut Mit Zu Zum Zur Für Über Unter Wie Gestern Heute Vorgestern Außerdem Zudem Dazu Dann Später Bereits Auch Weiter Ferner Daraufhin Inzwischen Zuvor Damals Schließlich Jetzt Nun Dabei Darüber Hierzu So Deshalb Doch Aber Allerdings Dies Das Diese Dieses Darin Dort Hier Anschließend Erst Noch Zuletzt Bisher Gleichzeitig Zugleich Jedoch Ebenso Ebenfalls Trotzdem Vorher Ende Anfang Mitte Aus Als Lediglich Insgesamt Zusammenfassend Entscheidend Möglich Mögliche Konkret Grund Weiterhin Damit Somit Stattdessen",
);
const EN_SUBJ_STOP = set(
  "On In At After Before During Yesterday Today Earlier Later Meanwhile However But And Also Then Speaking Last This That It",
);
const DE_AUX = set(
  "hat hatte hatten haben habe hätte wurde wurden wird werden worden ist war waren sind sei soll sollte sollen kann konnte könne will wollte muss musste",
);
const EN_AUX = set("has had have was were is are will would also previously earlier later has had");
const DE_PRON = set("er sie Er Sie");
const EN_PRON = set("he she they He She They");
const DE_KONJ = set(
  "sei seien seiest habe werde könne müsse solle wolle dürfe möge gebe gehe komme stehe liege bleibe wisse brauche fehle lasse sehe gelte trage halte bestehe handle verfüge erwarte plane hätten wären würden",
);
const DE_FRAME_DET = set("dem der den des einer einem eines seiner ihrer ihren seinen dessen deren eigenen");
// Heads of a source after "nach"; compounds count ("Polizeiangaben", "Medienberichten").
const DE_SOURCE_HEAD =
  /(?:Angaben|Informationen|Ansicht|Auffassung|Einschätzungen?|Aussagen?|Worten|Darstellung|Meinung|Berichte?n?|Schätzungen?|Erkenntnissen|Untersuchungen|Ermittlungen|Recherchen|Umfragen?|Zählungen|Meldungen|Studie|Stellungnahme|Analyse|Ergebnis|Endergebnis|Vernehmen|Mitteilung|Erklärung|Schilderungen|Zeugenaussagen|Expertenmeinung)$/u;
const DE_POSTPOSED_HEADS = set("Meinung Ansicht Auffassung Vernehmen Angaben Worten Einschätzung Darstellung");
const isSourceHead = (w: string): boolean => /^\p{Lu}/u.test(w) && DE_SOURCE_HEAD.test(w);
const isAdjective = (w: string): boolean =>
  /^\p{Ll}{3,}(?:e|en|er|em|es)$/u.test(w) &&
  !DE_FRAME_DET.has(w) &&
  !/^(?:werden|haben|wollen|sollen|können|müssen|dürfen|sein|seien|unter|über|wieder|aber|oder|sowie|sehr|mehr|immer|hier|einen|keine|keinen|diese|dieser|diesen|dieses|jeder|jede|jedem|alle|allen|aller)$/u.test(
    w,
  );
const DE_NACH_ADJ = set(
  "jüngsten ersten neuesten neuen offiziellen eigenen vorläufigen bisherigen unbestätigten übereinstimmenden inoffiziellen aktuellen",
);

interface Lex {
  cues: Set<string>;
  particles: Record<string, string[]>;
  subjStop: Set<string>;
  aux: Set<string>;
  pron: Set<string>;
}
const LEX: Record<"de" | "en", Lex> = {
  de: { cues: DE_CUES, particles: DE_PARTICLE, subjStop: DE_SUBJ_STOP, aux: DE_AUX, pron: DE_PRON },
  en: { cues: EN_CUES, particles: EN_PARTICLE, subjStop: EN_SUBJ_STOP, aux: EN_AUX, pron: EN_PRON },
};

const isCap = (t: string): boolean => /^\p{Lu}/u.test(t);

// Every look around a cue is a bounded window, so the work per cue is constant and extraction stays linear
// however long a "sentence" is (1 MB of "said said …" is one sentence with 200,000 cues). A speaker more than
// LOOKBACK_TOKENS words or LOOKBACK_CHARS characters before its verb is not one a reader would attribute.
const LOOKBACK_TOKENS = 48;
const LOOKBACK_CHARS = 1_000;
/** How far a separable verb's particle may follow it ("teilte … mit"). */
const PARTICLE_WINDOW = 40;

export function extractLatin(ctx: LatinCtx): Candidate[] {
  const out: Candidate[] = [];
  const lang = ctx.lang === "en" ? "en" : "de";
  let prevStatementSentence = -10;
  ctx.sentences.forEach((sent, si) => {
    const found = sentenceCandidates(ctx, lang, sent);
    const near = si - prevStatementSentence <= 1;
    if (found.length === 0 && lang === "de") {
      const free = freeIndirect(ctx, sent, near);
      if (free) found.push(free);
    }
    if (found.length === 0) {
      const q = standaloneQuote(ctx, sent, near);
      if (q) found.push(q);
    }
    // German: a continuation right after a sentence that named someone without a verb of saying
    // ("Das Robert-Koch-Institut sieht keine Gefahr. Lediglich Personen … seien …", "Hier sparte der
    // Bundespräsident nicht mit Kritik: „…“") belongs to that sentence's subject, not to an older speaker.
    if (
      lang === "de" &&
      found.length === 1 &&
      (found[0] as Candidate).speaker.type === "continuation" &&
      (found[0] as Candidate).cueStart === null
    ) {
      const c = found[0] as Candidate;
      const own = c.kind === "direct" ? clauseSubject(ctx, sent.start, c.start) : null;
      const prevSent = ctx.sentences[si - 1];
      const previous = !own && !near && prevSent ? clauseSubject(ctx, prevSent.start, prevSent.end) : null;
      if (own ?? previous) c.speaker = (own ?? previous) as SpeakerRef;
    }
    if (found.length > 0) prevStatementSentence = si;
    for (const c of found) {
      const [s, e] = trimSpan(ctx.text, c.start, c.end);
      if (e - s >= 3) out.push({ ...c, start: s, end: e });
    }
  });
  return out;
}

function base(
  sent: Sentence,
  cue: Token | null,
): Pick<Candidate, "sentenceStart" | "sentenceEnd" | "cueStart" | "cueEnd"> {
  return {
    sentenceStart: sent.start,
    sentenceEnd: sent.end,
    cueStart: cue ? cue.start : null,
    cueEnd: cue ? cue.end : null,
  };
}

function sentenceCandidates(ctx: LatinCtx, lang: "de" | "en", sent: Sentence): Candidate[] {
  const { text } = ctx;
  const all = tokenize(text, sent.start, sent.end);
  const toks = all.filter((t) => quoteAt(ctx.quotes, t.start) < 0);
  const lex = LEX[lang];
  const out: Candidate[] = [];
  // Source frames first: "Laut X", "Nach Angaben X", "X zufolge", "According to X".
  const frame = sourceFrame(ctx, lang, sent, toks);
  if (frame) return [frame];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Token;
    const w = t.text;
    const lw = w.toLowerCase();
    if (lang === "de" && lw === "wonach" && i + 3 < toks.length) {
      // "Berichte, wonach …": the content follows; the source is the preceding noun phrase.
      out.push({
        ...base(sent, t),
        kind: "indirect",
        start: t.end,
        end: sent.end,
        speaker: { type: "continuation" },
        dateRegions: [],
        confidence: 0.5,
      });
      break;
    }
    let isCue = lex.cues.has(lw) || (lang === "de" && lex.cues.has(w));
    if (!isCue) {
      // "…, so X.": not "…, so um … zu", "…, so dass", nor the "so" that answers a conditional ("Wenn …, so …").
      if (
        lang === "de" &&
        lw === "so" &&
        commaBefore(text, t.start, sent.start) &&
        !DE_SO_NOT_SOURCE.has(toks[i + 1]?.text ?? "") &&
        !DE_CONDITIONAL_LEAD.has(toks[0]?.text ?? "")
      )
        isCue = true;
      else continue;
    }
    if (lang === "de" && isCap(w) && i === 0 && lw !== "so") continue; // "Sagt …" imperative/question forms are rare in news
    // "gab es", "gibt es": there was/is, not a statement.
    if (lang === "de" && /^(?:gab|gibt|gaben|geht|ging)$/u.test(lw) && toks[i + 1]?.text === "es") continue;
    // "bekannt" reports only as "wie … bekannt gab/wurde" or "bekannt (gegeben|geworden …), dass": not "ist nicht bekannt",
    // "bekannt als", "wurde bekannt, als …".
    if (lang === "de" && lw === "bekannt" && !deBekanntReports(text, toks, i)) continue;
    const parts = lex.particles[lw];
    if (parts && parts.length > 0) {
      const rest = toks.slice(i + 1, i + 1 + PARTICLE_WINDOW);
      // A separable particle closes its clause ("gab … bekannt, dass", "teilte … mit."): "gab einen Kommentar zu dem
      // Vorfall ab" has no "zu" particle; "gab die Behörde nicht bekannt" reports nothing.
      const closes = (k: number): boolean => {
        const x = rest[k] as Token;
        if (!DE_SEPARABLE.has(x.text)) return true;
        if (lang === "de" && x.text === "bekannt" && rest[k - 1]?.text === "nicht") return false;
        const next = rest[k + 1]?.start ?? sent.end;
        return (
          next >= sent.end ||
          DE_CLAUSE_JOIN.has(rest[k + 1]?.text ?? "") ||
          /[,.;:!?“”„"»«()–-]/u.test(text.slice(x.end, Math.min(next, x.end + 4)))
        );
      };
      if (!rest.some((x, k) => parts.includes(x.text) && closes(k))) continue;
    }
    // A paraphrased position ("Investors fear …", "The opposition wants …") yields to an attribution later
    // in the sentence ("…, its leader told Reuters", "…, according to analysts").
    if (lang === "en" && EN_PARAPHRASE.has(lw) && laterAttribution(text, lex, toks, i)) continue;
    const cand = cueCandidate(ctx, lang, sent, toks, i);
    if (cand) {
      out.push(cand);
      const more = lang === "en" ? participleContinuation(ctx, sent, toks, i + 1) : null;
      if (more && more.start > cand.start && more.cueStart !== null) {
        cand.end = Math.min(
          cand.end,
          lastOfWithin(text, ",", more.cueStart, cand.start) > cand.start
            ? lastOfWithin(text, ",", more.cueStart, cand.start)
            : cand.end,
        );
        out.push(more);
      }
      break;
    }
  }
  return out;
}

const DE_SEPARABLE = set("bekannt an zu ab mit ein hin hinzu auf fest klar aus vor");
const DE_CLAUSE_JOIN = set("und oder aber sowie dass daß");
const DE_SO_NOT_SOURCE = set("um dass daß wie lange viel viele weit sehr schnell bald gut als auch noch");
const DE_CONDITIONAL_LEAD = set(
  "Wenn Falls Sofern Sollte Sollten Hätte Hätten Wäre Wären Käme Kämen Werden Wird Würde Würden",
);
const DE_BEKANNT_AUX = set("gab gaben geben gegeben gibt wurde wurden worden geworden war waren ist sind werden");
const DE_NEGATION = set("nicht kein keine nie noch");

/** Whether German "bekannt" (token i) reports: "Wie X heute bekannt gab, …", "Es wurde bekannt, dass …" (bounded look-around). */
function deBekanntReports(text: string, toks: Token[], i: number): boolean {
  for (let k = Math.max(0, i - 3); k < i; k++) if (DE_NEGATION.has((toks[k] as Token).text.toLowerCase())) return false;
  for (let k = Math.max(0, i - 8); k < i; k++) if ((toks[k] as Token).text.toLowerCase() === "wie") return true;
  let k = i;
  while (k + 1 < toks.length && k < i + 2 && DE_BEKANNT_AUX.has((toks[k + 1] as Token).text)) k++;
  const end = (toks[k] as Token).end;
  return /^\s*,?\s*(?:dass|daß)\s/u.test(text.slice(end, end + 12));
}

const EN_PARAPHRASE = set("believe believes believed want wants wanted fear fears backed backs");
const EN_PARTICIPLES = set("adding noting saying warning arguing insisting stressing explaining");

/** Whether a reporting verb or "according to" follows a comma later in the sentence (a bounded look-ahead). */
function laterAttribution(text: string, lex: Lex, toks: Token[], i: number): boolean {
  let comma = false;
  for (let k = i + 1; k < toks.length && k < i + PARTICLE_WINDOW; k++) {
    const t = toks[k] as Token;
    if (/,/u.test(text.slice((toks[k - 1] as Token).end, t.start))) comma = true;
    const lw = t.text.toLowerCase();
    if (comma && ((lex.cues.has(lw) && !EN_PARAPHRASE.has(lw)) || lw === "according")) return true;
  }
  return false;
}

/** ", adding that …" / ", noting …": a second statement of the same speaker in the same sentence. */
function participleContinuation(ctx: LatinCtx, sent: Sentence, toks: Token[], from: number): Candidate | null {
  for (let k = from; k < toks.length; k++) {
    const t = toks[k] as Token;
    if (!EN_PARTICIPLES.has(t.text.toLowerCase()) || !commaBefore(ctx.text, t.start, sent.start)) continue;
    const next = toks[k + 1];
    const start = next && next.text === "that" ? next.end : (next?.start ?? t.end);
    if (toks.length - k < 4) return null;
    return {
      ...base(sent, t),
      kind: "indirect",
      start,
      end: sent.end,
      speaker: { type: "continuation" },
      dateRegions: [],
      confidence: 0.6,
    };
  }
  return null;
}

function commaBefore(text: string, pos: number, floor: number): boolean {
  for (let j = pos - 1; j >= floor; j--) {
    const c = text[j] as string;
    if (c === "," || c === "“" || c === "”" || c === '"' || c === "«" || c === "»") return true;
    if (!/\s/u.test(c)) return false;
  }
  return false;
}

function firstQuoteIndex(quotes: QuoteSpan[], from: number): number {
  let lo = 0;
  let hi = quotes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((quotes[mid] as QuoteSpan).start < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first quotation starting at or after `from`, if it also ends by `to` (quotes are sorted and disjoint). */
function quoteBetween(ctx: LatinCtx, from: number, to: number): QuoteSpan | null {
  const q = ctx.quotes[firstQuoteIndex(ctx.quotes, from)];
  return q && q.end <= to ? q : null;
}

/** Offset of the last of `chars` in text[floor, pos), or -1. */
function lastOfWithin(text: string, chars: string, pos: number, floor: number): number {
  if (pos <= floor) return -1;
  const window = text.slice(floor, pos);
  let last = -1;
  for (const c of chars) last = Math.max(last, window.lastIndexOf(c));
  return last < 0 ? -1 : floor + last;
}

function cueCandidate(ctx: LatinCtx, lang: "de" | "en", sent: Sentence, toks: Token[], i: number): Candidate | null {
  const { text } = ctx;
  const cue = toks[i] as Token;
  const lex = LEX[lang];
  const b = base(sent, cue);
  const firstInWindow = Math.max(0, i - LOOKBACK_TOKENS);
  const windowStart = Math.max(
    sent.start,
    firstInWindow > 0 ? (toks[firstInWindow] as Token).start : sent.start,
    cue.start - LOOKBACK_CHARS,
  );
  // A quotation opening the sentence, then its speaker and the cue: "“…,” the UN envoy, Martin Griffiths, told …" /
  // "„…“, sagte X". Its speaker is what stands between the quotation and the cue, else the phrase after the cue.
  const lead = ctx.quotes[firstQuoteIndex(ctx.quotes, sent.start)];
  if (
    lead &&
    lead.start - sent.start <= 2 &&
    lead.end <= cue.start &&
    cue.start - lead.end <= 200 &&
    tokenize(text, lead.start, lead.end).length >= 3
  ) {
    const [a, e] = trimSpan(text, lead.end, cue.start, /[\s,;:.\-–—()"„“”«»]/u);
    const spk = e > a ? subjectRef(ctx, lang, a, e) : npAfter(ctx, lang, toks, i + 1, sent.end);
    if (spk)
      return {
        ...b,
        kind: "direct",
        start: lead.start,
        end: lead.end,
        speaker: spk,
        dateRegions: [[cue.start, sent.end]],
        confidence: 0.9,
      };
  }
  // Trailing cue: "<content>, sagte X." / "“…,” X said." / "<content>, so X."
  const comma = lastOfWithin(text, ",”“", cue.start, windowStart);
  // Words after the cue up to the next comma: few after a trailing cue ("…, the bank said yesterday."),
  // many when the cue opens its content ("The mayor's spokesperson, Lisa Grant, said the city would …").
  let restAfterCue = 0;
  for (let k = i + 1; k < toks.length && restAfterCue < 8; k++) {
    if (/[,;:]/u.test(text.slice((toks[k - 1] as Token).end, (toks[k] as Token).start))) break;
    restAfterCue++;
  }
  // At most 8 words, read from a bounded slice (this runs for every cue).
  const shortLead = (end: number): boolean => end - sent.start <= 160 && tokenize(text, sent.start, end).length <= 8;
  if (comma >= 0 && !(lang === "en" && restAfterCue >= 4 && shortLead(comma))) {
    const between = text.slice(comma + 1, cue.start);
    let firstBetween = i;
    while (firstBetween > firstInWindow && (toks[firstBetween - 1] as Token).start >= comma) firstBetween--;
    const btw = toks.slice(firstBetween, i);
    const inverted = btw.length === 0; // ", sagte X" / ", said X"
    const enSubj = lang === "en" && btw.length > 0 && btw.length <= 5 && !/[,;]/u.test(between);
    const wie = lang === "de" && btw.length >= 1 && (btw[0] as Token).text.toLowerCase() === "wie";
    if ((inverted || enSubj) && !wie && comma - sent.start > 3) {
      const contentEnd = comma;
      let spk: SpeakerRef | null;
      let contentEnd2 = contentEnd;
      if (inverted) spk = npAfter(ctx, lang, toks, i + 1, sent.end);
      else spk = subjectRef(ctx, lang, (btw[0] as Token).start, cue.start);
      if (!spk && inverted && lang === "en") {
        // "<content>, the Federal Reserve chair, Jerome Powell, said on Wednesday.": the speaker holds a comma.
        let first = lastOfWithin(text, ",", comma, windowStart);
        // "…, the Federal Reserve chair, Jerome Powell, said": the apposition's head is one comma further back.
        const head = first > sent.start ? lastOfWithin(text, ",", first, windowStart) : -1;
        if (
          head > sent.start + 3 &&
          tokenize(text, head, comma).length <= 10 &&
          /^\s*(?:the|a|an|its|his|her|their|\p{Lu})/u.test(text.slice(head + 1, first))
        )
          first = head;
        if (first > sent.start + 3 && tokenize(text, first, comma).length <= 10) {
          spk = subjectRef(ctx, lang, first + 1, comma);
          if (spk) contentEnd2 = first;
        }
      }
      if (spk) {
        const q = quoteBetween(ctx, sent.start, contentEnd2 + 1);
        const direct = q !== null && q.start - sent.start <= 2 && q.end >= contentEnd2 - 1;
        return {
          ...b,
          kind: direct ? "direct" : "indirect",
          start: sent.start,
          end: direct && q ? q.end : contentEnd2,
          speaker: spk,
          dateRegions: [[cue.start, sent.end]],
          confidence: direct ? 0.9 : 0.75,
        };
      }
    }
  }
  // Cue then content: "X sagte, …" / "X sagte: „…“" / "X said (that) …" / "Am Montag sagte X, …".
  let j = i + 1;
  let contentStart = -1;
  let afterCueSpeakerEnd = cue.end;
  const limit = Math.min(toks.length, i + 14);
  for (; j <= limit; j++) {
    const prevEnd = (toks[j - 1] as Token).end;
    const nextStart = j < toks.length ? (toks[j] as Token).start : sent.end;
    const gap = text.slice(prevEnd, nextStart);
    const q = quoteBetween(ctx, prevEnd, nextStart);
    if (q && j - i <= 8) {
      contentStart = q.start;
      afterCueSpeakerEnd = prevEnd;
      break;
    }
    if (/[,:]/u.test(gap)) {
      if (j >= toks.length) break;
      contentStart = nextStart;
      afterCueSpeakerEnd = prevEnd;
      break;
    }
    if (lang === "en" && j < toks.length && (toks[j] as Token).text === "that" && j - i <= 6) {
      contentStart = (toks[j] as Token).end;
      afterCueSpeakerEnd = prevEnd;
      break;
    }
  }
  if (contentStart < 0 && lang === "en") {
    // "He said the talks had failed": bare complement after said/told X.
    const lw = cue.text.toLowerCase();
    if (EN_BARE_COMPLEMENT.has(lw)) {
      let k = i + 1;
      if (EN_PARTICLE[lw] && toks[k]?.text === "for") k++;
      if (lw === "told" || lw === "tells")
        while (
          k < toks.length &&
          k < i + 4 &&
          /^(?:the|a|an|reporters|journalists|\p{Lu}\S*)$/u.test((toks[k] as Token).text)
        )
          k++;
      while (
        k < toks.length &&
        /^(?:on|in|last|yesterday|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/iu.test(
          (toks[k] as Token).text,
        )
      )
        k++;
      const nt = toks[k];
      if (nt && toks.length - k >= 3 && (k > i + 1 || !/^(?:to|for|of|by|with|as)$/u.test(nt.text))) {
        contentStart = nt.start;
        afterCueSpeakerEnd = k > i + 1 ? (toks[k - 1] as Token).end : cue.end;
      }
    }
  }
  let reported = false;
  if (contentStart < 0 && lang === "de" && DE_OBJECT_CUES.has(cue.text)) {
    // "X forderte eine Überprüfung …": the reported act itself, from after the cue.
    reported = true;
    contentStart = cue.end;
    afterCueSpeakerEnd = cue.end;
  }
  if (contentStart < 0) return null;
  if (lang === "de") {
    const d = /^\s*(?:dass|daß)\s/u.exec(text.slice(contentStart, contentStart + 6));
    if (d) contentStart += d[0].length;
  }
  // Speaker: after the cue (inversion) or the subject before it.
  let speaker: SpeakerRef | null = null;
  const firstBefore = i > 0 ? (toks[0] as Token) : undefined;
  let leadStop = firstBefore ? lex.subjStop.has(firstBefore.text) : true;
  // German V2: "Davon geht Slobodan Samardzic … aus", "… berichtete der Physiker Sebastian Pflugbeil": when a
  // subject clearly follows the verb and what precedes it is no noun phrase of its own, the subject is after.
  if (lang === "de" && !leadStop && clearSubjectAfter(toks, i) && !vorfeldIsSubject(text, toks, i, windowStart))
    leadStop = true;
  if (leadStop || firstBefore === undefined) speaker = npAfter(ctx, lang, toks, i + 1, afterCueSpeakerEnd);
  if (!speaker && firstBefore) {
    // Skip a leading adverbial up to the finite verb in V2 clauses; otherwise the subject runs from the clause start.
    // Only the window is read: a subject starting before it has more words than subjectRef accepts anyway.
    let s = firstBefore.start;
    const beforeToks = toks.slice(firstInWindow, i);
    const auxIdx = beforeToks.findIndex((t) => lex.aux.has(t.text));
    if (leadStop && auxIdx >= 0) s = beforeToks[auxIdx + 1]?.start ?? cue.start;
    const e = auxIdx >= 0 && !leadStop ? (beforeToks[auxIdx] as Token).start : cue.start;
    const lastComma = lastOfWithin(text, ",", cue.start, Math.max(s, windowStart));
    // "X, Sprecher von Y, sagte": keep the whole apposition; a clause comma ("Nachdem …, sagte X") is skipped.
    if (lastComma > s && leadStop) s = lastComma + 1;
    speaker = s >= windowStart ? subjectRef(ctx, lang, s, e) : null;
  }
  if (!speaker) speaker = npAfter(ctx, lang, toks, i + 1, afterCueSpeakerEnd);
  // "Es wurde bekannt, dass …", "Ihm wird vorgeworfen, …": a passive report names no speaker, yet reports.
  if (
    !speaker &&
    lang === "de" &&
    DE_PASSIVE_REPORTS.has(cue.text) &&
    toks.slice(Math.max(0, i - 3), i).some((t) => DE_PASSIVE_AUX.has(t.text))
  )
    speaker = { type: "none" };
  if (!speaker) return null;
  return {
    ...b,
    kind: "indirect",
    // A reported act ("Spiegel Online berichtet vom Einsturz …") is the whole sentence, its speaker included.
    start: reported ? sent.start : contentStart,
    end: sent.end,
    speaker,
    dateRegions: [[sent.start, contentStart]],
    confidence: (speaker.type === "mention" ? 0.8 : 0.65) - (reported ? 0.25 : 0),
  };
}
const DE_NOMINATIVE_DET = set("der die das ein eine");
const DE_VORFELD_DET = set("Der Die Das Ein Eine");
const DE_MIDFIELD_SKIP = set(
  "auch jedoch dazu bereits nun zudem außerdem allerdings daher deshalb dann damals heute gestern am im",
);

/** Whether a German subject stands right after the finite cue: "der Minister", "ein Sprecher", a name of two words, "er"/"sie". */
function clearSubjectAfter(toks: Token[], i: number): boolean {
  let k = i + 1;
  while (k < toks.length && k < i + 4 && DE_MIDFIELD_SKIP.has((toks[k] as Token).text)) k++;
  const a = toks[k];
  const b = toks[k + 1];
  if (!a) return false;
  if (/^(?:er|sie)$/u.test(a.text)) return true;
  if (DE_NOMINATIVE_DET.has(a.text) && b && isCap(b.text)) return true;
  return isCap(a.text) && !!b && isCap(b.text) && !DE_SUBJ_STOP.has(a.text) && !/^(?:Am|Im|In|Vor|Nach)$/u.test(a.text);
}

/** Whether the words before a German cue (from the clause start) read as a subject: "Der Minister", "Angela Merkel". */
function vorfeldIsSubject(text: string, toks: Token[], i: number, windowStart: number): boolean {
  const clauseStart = Math.max(windowStart, lastOfWithin(text, ",;:", (toks[i] as Token).start, windowStart) + 1);
  const vf = toks.slice(Math.max(0, i - 8), i).filter((t) => t.start >= clauseStart);
  if (vf.length === 0) return false;
  const first = vf[0] as Token;
  if (DE_VORFELD_DET.has(first.text) || /^(?:der|die|das|ein|eine)$/u.test(first.text))
    return vf.length >= 2 && isCap((vf[1] as Token).text);
  // A name or title of capitalised words only ("Angela Merkel", "Bundeskanzlerin Merkel"); one word is too weak
  // to outweigh a clear subject after the verb ("Davon geht …").
  return vf.length >= 2 && vf.length <= 6 && vf.every((t) => isCap(t.text) || /^(?:von|van|de|der|und)$/u.test(t.text));
}

const DE_OBJECT_CUES = set(
  "sprach sprachen kritisierte kritisierten forderte forderten warnte warnten begrüßte begrüßten bezeichnete bezeichneten nannte nannten bestätigte bestätigten kündigte kündigten gab gaben teilte teilten lehnte lehnten verurteilte verurteilten bemängelte bemängelten dementierte dementierten bestritt bestritten",
);

/** Capitalised noun phrase right after the cue (inverted subject), stopped by prepositions and punctuation. */
function npAfter(ctx: LatinCtx, lang: "de" | "en", toks: Token[], from: number, hardEnd: number): SpeakerRef | null {
  const { text } = ctx;
  const stop =
    lang === "de"
      ? /^(?:am|im|in|auf|bei|vor|gegenüber|zu|zum|zur|nach|mit|laut|heute|gestern|dazu|auch|bereits|weiter|außerdem|jedoch|aber|dem|den|einem|einer|so|noch|damals|später|zuvor|dann|nun|es|sich|ihm|ihr|ihnen|uns|am|daher|vergangene[nr]?|letzte[nr]?)$/u
      : /^(?:on|in|at|to|of|for|with|after|before|during|yesterday|today|last|this|that|on|told|who|when|while)$/u;
  const k = from;
  const det = lang === "de" ? /^(?:der|die|das|des|ein|eine|eines|einer)$/u : /^(?:the|a|an)$/u;
  const startTok = toks[k];
  if (!startTok || startTok.end > hardEnd) return null;
  if (!(isCap(startTok.text) || det.test(startTok.text) || LEX[lang].pron.has(startTok.text))) return null;
  if (LEX[lang].pron.has(startTok.text)) return { type: "pronoun", start: startTok.start, end: startTok.end };
  let e = k;
  while (e < toks.length && (toks[e] as Token).end <= hardEnd && e - k < 12) {
    const w = (toks[e] as Token).text;
    if (e > k && stop.test(w)) break;
    if (
      e > k &&
      /[,;:.]/u.test(text.slice((toks[e - 1] as Token).end, (toks[e] as Token).start)) &&
      !/^\p{Lu}/u.test(w)
    )
      break;
    e++;
  }
  if (e === k) return null;
  const s = startTok.start;
  const en = (toks[e - 1] as Token).end;
  return refFor(ctx, lang, s, en);
}

function subjectRef(ctx: LatinCtx, lang: "de" | "en", s: number, e: number): SpeakerRef | null {
  const [a, b] = trimSpan(ctx.text, s, e, /[\s,;:.\-–—()"„“”«»]/u);
  if (b <= a) return null;
  const surface = ctx.text.slice(a, b);
  const words = surface.split(/\s+/u);
  if (words.length > 16) return null;
  // Needs a capitalised or determiner-led phrase; lower-case verbs or clauses are not subjects.
  if (lang === "en" && !/^(?:\p{Lu}|the |a |an |its |his |her |their |he|she|they)/u.test(surface)) return null;
  if (words.length === 1 && LEX[lang].pron.has(surface)) return { type: "pronoun", start: a, end: b };
  if (lang === "de" && /^(?:es|Es|man|Man|das|Das|dies|Dies)$/u.test(surface)) return null;
  // A German subject is a noun, a name, an article's phrase or a pronoun, never a lower-case adverb ("schon").
  if (lang === "de" && !/^(?:\p{Lu}|er$|sie$|(?:der|die|das|den|dem|des|ein|eine|einer|eines)\s)/u.test(surface))
    return null;
  return refFor(ctx, lang, a, b);
}

function refFor(ctx: LatinCtx, lang: "de" | "en", s: number, e: number): SpeakerRef {
  const surface = ctx.text.slice(s, e);
  const m =
    lang === "de"
      ? /^(?:der|die|das|Der|Die|Das)\s+(\p{L}+)$/u.exec(surface)
      : /^(?:the|The)\s+(\p{L}+)$/u.exec(surface);
  if (m && m[1]) {
    const head = nameTokens(m[1])[0] ?? "";
    if (ORG_WORDS[lang].has(head)) return { type: "backref", start: s, end: e, head };
  }
  return { type: "mention", start: s, end: e };
}

function sourceFrame(ctx: LatinCtx, lang: "de" | "en", sent: Sentence, toks: Token[]): Candidate | null {
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
    const link =
      lang === "de"
        ? /^(?:der|die|das|des|dem|den|von|vom|für|und|aus|im|in|zur|zum|eines|einer|einem|ihres|seines|ihren|seinen|ihrer|seiner|dessen|deren|am)$/u
        : /^(?:the|of|for|and|a|an|in|at)$/u;
    while (k < toks.length && k - npFrom < 12) {
      const w = (toks[k] as Token).text;
      if (k > npFrom && /[,;:]/u.test(text.slice((toks[k - 1] as Token).end, (toks[k] as Token).start))) break;
      // "laut israelischen Medien", "laut bildblog.de": an adjective before its noun, a web address.
      if (
        lang === "de" &&
        ((isAdjective(w) && toks[k + 1] && isCap((toks[k + 1] as Token).text)) ||
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
      if (!(isCap(w) || link.test(w) || /^\d/u.test(w) || (k === npFrom && DE_NACH_ADJ.has(w)) || enLower)) break;
      k++;
    }
    if (k === npFrom) continue;
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

/** German free indirect speech: a Konjunktiv I sentence right after a statement continues its speaker. */
function freeIndirect(ctx: LatinCtx, sent: Sentence, near: boolean): Candidate | null {
  const toks = tokenize(ctx.text, sent.start, sent.end).filter((t) => quoteAt(ctx.quotes, t.start) < 0);
  if (toks.length < 3) return null;
  const first = (toks[0] as Token).text;
  // "Demnach/Danach …" attributes the sentence to the source just named.
  // "Danach" is mostly "afterwards": only with Konjunktiv I does it attribute.
  if (
    (first === "Demnach" || (first === "Danach" && toks.some((t) => DE_KONJ.has(t.text) && !DE_KONJ2.has(t.text)))) &&
    toks.length > 3
  ) {
    return {
      ...base(sent, toks[0] as Token),
      kind: "indirect",
      start: (toks[1] as Token).start,
      end: sent.end,
      speaker: { type: "continuation" },
      dateRegions: [],
      confidence: 0.5,
    };
  }
  const konj1 = toks.some((t) => DE_KONJ.has(t.text) && !DE_KONJ2.has(t.text));
  const konj2 = toks.some((t) => DE_KONJ2.has(t.text) || /^(?:hätte|wäre|würde)$/u.test(t.text));
  // Reportive "soll(en) … haben/sein/worden": hearsay with the source left implicit.
  const hearsay =
    toks.some((t) => /^(?:soll|sollen)$/u.test(t.text)) &&
    /\b(?:haben|sein|worden)\W*$/u.test(ctx.text.slice(Math.max(sent.start, sent.end - 64), sent.end));
  if (!(konj1 || (near && hearsay) || (near && konj2))) return null;
  // Far from any statement, the sentence's own subject is the best guess ("Die Wahlkommission hatte …, das Gericht sei …").
  const own = near ? null : leadingNounPhrase(ctx, toks);
  return {
    ...base(sent, null),
    kind: "indirect",
    start: sent.start,
    end: sent.end,
    speaker: own ?? { type: "continuation" },
    dateRegions: [],
    confidence: near ? 0.45 : 0.35,
  };
}
const DE_KONJ2 = set("hätten wären würden");

/**
 * The subject of a German clause in text[from, to): its opening noun phrase, or after a fronted adverbial
 * and the verb, the first "der/die/das …" phrase or name of two words. Reads at most 14 words.
 */
function clauseSubject(ctx: LatinCtx, from: number, to: number): SpeakerRef | null {
  const toks = tokenize(ctx.text, from, Math.min(to, from + 300))
    .filter((t) => quoteAt(ctx.quotes, t.start) < 0)
    .slice(0, 14);
  const lead = leadingNounPhrase(ctx, toks);
  if (lead) return lead;
  for (let k = 1; k < toks.length - 1; k++) {
    const a = toks[k] as Token;
    const b = toks[k + 1] as Token;
    const np =
      DE_NOMINATIVE_DET.has(a.text) && isCap(b.text)
        ? k
        : isCap(a.text) && isCap(b.text) && !DE_SUBJ_STOP.has(a.text)
          ? k
          : -1;
    if (np < 0) continue;
    let e = np + 1;
    while (
      e < toks.length &&
      e < np + 8 &&
      (isCap((toks[e] as Token).text) || /^(?:der|des|von)$/u.test((toks[e] as Token).text))
    )
      e++;
    while (e > np + 1 && !isCap((toks[e - 1] as Token).text)) e--;
    const words = toks.slice(np, e).flatMap((t) => nameTokens(t.text));
    // A person or body: a title, an organisation or group word, or a name (no article).
    if (
      !DE_NOMINATIVE_DET.has(a.text) ||
      e - np >= 3 ||
      words.some((w) => ORG_WORDS.de.has(w) || ROLE_WORDS.de.has(w) || GROUP_WORDS.de.has(w))
    ) {
      return refFor(ctx, "de", a.start, (toks[e - 1] as Token).end);
    }
    return null;
  }
  return null;
}

/** A German sentence's opening noun phrase ("Die zentrale Wahlkommission", "Louis Gallois"), or null. */
function leadingNounPhrase(ctx: LatinCtx, toks: Token[]): SpeakerRef | null {
  const first = toks[0];
  // "Das" and "Die" open a noun phrase when a noun follows ("Das Robert-Koch-Institut"), else they are pronouns.
  if (!first || (DE_SUBJ_STOP.has(first.text) && !(DE_VORFELD_DET.has(first.text) && toks[1] && isCap(toks[1].text))))
    return null;
  const det = DE_VORFELD_DET.has(first.text);
  let e = det ? 1 : 0;
  let caps = 0;
  while (e < toks.length && e < 8) {
    const w = (toks[e] as Token).text;
    if (isCap(w)) caps++;
    else if (!(det && caps === 0 && /^\p{Ll}/u.test(w) && /(?:e|en|er|es)$/u.test(w))) break; // "Die zentrale Wahlkommission"
    e++;
  }
  if (caps === 0 || (!det && caps < 2) || e >= toks.length) return null;
  if (/[,;:]/u.test(ctx.text.slice(first.start, (toks[e - 1] as Token).end))) return null;
  // A definite source ("Die Wahlkommission"), not "Eine solche Alternative".
  if (/^Ein/u.test(first.text)) return null;
  return refFor(ctx, "de", first.start, (toks[e - 1] as Token).end);
}

/** A sentence that is (almost) entirely a quotation, right after a statement, continues that speaker. */
function standaloneQuote(ctx: LatinCtx, sent: Sentence, near: boolean): Candidate | null {
  // The longest quotation of at least four words (shorter ones are mostly names, titles, scare quotes).
  let best: QuoteSpan | null = null;
  for (let i = firstQuoteIndex(ctx.quotes, sent.start); i < ctx.quotes.length; i++) {
    const q = ctx.quotes[i] as QuoteSpan;
    if (q.start >= sent.end) break;
    if (q.end > sent.end) continue;
    if (tokenize(ctx.text, q.start, q.end).length < 4) continue;
    if (!best || q.end - q.start > best.end - best.start) best = q;
  }
  if (!best) return null;
  const whole = best.start - sent.start <= 1 && best.end >= sent.end - 2;
  const colon = /:\s*$/u.test(ctx.text.slice(sent.start, best.start));
  if (!whole && !colon && !near) return null;
  return {
    ...base(sent, null),
    kind: "direct",
    start: best.start,
    end: best.end,
    speaker: { type: "continuation" },
    dateRegions: [],
    confidence: whole && near ? 0.5 : 0.4,
  };
}
