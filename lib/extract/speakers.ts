// Speaker lexicons, kind guessing and linking of mentions to known speakers.
import type { KnownSpeaker, Lang, SpeakerKind } from "./types";
import { nameTokens } from "./normalize";

const words = (s: string): Set<string> =>
  new Set(
    s
      .split(/\s+/u)
      .filter(Boolean)
      .flatMap((w) => nameTokens(w)),
  );

// Organisation head nouns (folded). Arabic forms are listed without the article.
export const ORG_WORDS: Record<Lang, Set<string>> = {
  ar: words(
    "منظمة نقابة اتحاد رابطة غرفة أمانة بلدية إمارة نادي مديرية وزارة شبكة وكالة هيئة مجلس حكومة جيش مرصد المرصد لجنة ائتلاف حزب حركة جماعة مؤسسة مستشفى صحيفة قناة الدفاع دفاع الأمم الأمم_المتحدة الاتحاد اتحاد الشرطة شرطة إدارة ادارة رئاسة الرئاسة البيت الكرملين مكتب مركز جمعية جامعة محكمة النيابة نيابة سلطة السلطات سلطات قيادة القيادة فصيل فصائل تنظيم كتائب كتيبة لواء شركة بنك مصرف برلمان البرلمان الخارجية الداخلية الدفاع المفوضية مفوضية منسقية تنسيقية الهلال الصليب يونيسف اليونيسف",
  ),
  de: words(
    "Ministerium Bundesministerium Organisation Behörde Regierung Bundesregierung Polizei Partei Verband Agentur Nachrichtenagentur Zeitung Unternehmen Konzern Bank Gericht Bundesgericht Bundesverfassungsgericht Institut Kommission EU-Kommission AG GmbH Gewerkschaft Verein Netzwerk Rat Senat Ministerrat Staatsanwaltschaft Feuerwehr Armee Militär Bundeswehr Stiftung Universität Klinik Krankenhaus Amt Bundesamt Landesamt Vereinte UNO UN NATO EU Koalition Fraktion Firma Sender Magazin Spiegel Ärzte Komitee Vorstand Verwaltung Stadtverwaltung Gemeinde Stadt Land Bundesrat Bundestag Kirche Vatikan Botschaft Konsulat Club Klub Verein Behörden Weltgesundheitsorganisation WHO Greenpeace Amnesty Rotes Kreuz Dienst Geheimdienst",
  ),
  en: words(
    "ministry organization organisation agency department government police party council committee network company corporation inc corp ltd bank court university institute commission union association army military group foundation office embassy newspaper channel network hospital authority authorities administration agency reuters ap afp un nato eu who unicef amnesty greenpeace senate congress parliament nations",
  ),
};

// Plural/collective nouns that denote a group of unnamed people.
export const GROUP_WORDS: Record<Lang, Set<string>> = {
  ar: words(
    "ناشطون ناشطين نشطاء ناشطو مسؤولون مسؤولين سكان شهود مصادر معارضون متظاهرون محتجون مراقبون خبراء محللون أطباء عمال مواطنون لاجئون مقاتلون مسلحون الأهالي أهالي",
  ),
  de: words(
    "Aktivisten Demonstranten Anwohner Experten Kritiker Zeugen Augenzeugen Beobachter Bewohner Einwohner Ärzte Forscher Wissenschaftler Experten Politiker Abgeordnete Anwälte Ermittler Rebellen Kreise Quellen Analysten Mitarbeiter Teilnehmer Gegner Befürworter Sprecher Behördenvertreter Diplomaten Fans Bürger Eltern Schüler Studenten Angehörige",
  ),
  en: words(
    "activists protesters residents experts critics witnesses observers officials doctors researchers scientists analysts sources lawmakers rebels workers residents villagers diplomats supporters opponents",
  ),
};

/** Role/title nouns that make a following or containing phrase a likely speaker. */
export const ROLE_WORDS: Record<Lang, Set<string>> = {
  ar: words(
    "الرئيس رئيس وزير الوزير سفير السفير المتحدث متحدث الناطق ناطق مسؤول المسؤول مصدر المصدر المستشارة المستشار قائد القائد مدير المدير الأمين أمين مندوب المندوب ممثل الممثل عضو نائب النائب الشيخ الدكتور د اللواء العميد العقيد الجنرال الملك الأمير ولي المبعوث مبعوث منسق المنسق مدرب المدرب محافظ المحافظ وكيل المشرف محلل المحلل عميد رئيسة الرئيسة مديرة المديرة البابا المفتي السيناتور الناشط ناشط الناشطة",
  ),
  de: words(
    "Präsident Präsidentin Bundespräsident Bundespräsidentin Vizepräsident Minister Ministerin Bundeskanzlerin Bundeskanzler Kanzlerin Kanzler Sprecher Sprecherin Chef Chefin Vorsitzende Vorsitzender Direktor Direktorin Botschafter Generalsekretär Bürgermeister Bürgermeisterin Regierungssprecher Polizeisprecher Abgeordnete Abgeordneter Professor Professorin Dr Papst König Premierminister Ministerpräsident Ministerpräsidentin Außenminister Innenminister Leiter Leiterin Experte Expertin Anwalt Anwältin Staatsanwalt Richter Trainer Kommissar Kommissarin",
  ),
  en: words(
    "president minister spokesman spokeswoman spokesperson executive chancellor secretary ambassador director chief chairman chairwoman mayor governor senator general professor dr mr mrs ms prime king queen pope envoy official leader head sergeant colonel captain lieutenant major corporal detective inspector commander judge justice sheikh prince princess",
  ),
};

export function guessKind(mention: string, lang: Lang): SpeakerKind {
  const toks = nameTokens(mention);
  const first = toks[0];
  if (first && GROUP_WORDS[lang].has(first)) return "group";
  if (toks.some((t) => ORG_WORDS[lang].has(t)) && !(first && ROLE_WORDS[lang].has(first))) return "organization";
  if (toks.length === 1 && first && GROUP_WORDS[lang].has(first)) return "group";
  return "person";
}

interface AliasEntry {
  tokens: string[];
  speaker: number;
}

/**
 * Index of known speakers' names and aliases as folded token sequences, keyed by first token, so a
 * look-up costs the candidates that start with the word at hand, not every name the database knows.
 */
export class SpeakerIndex {
  /** Entries longest first; an entry's place in this order breaks ties (the first wins). */
  private readonly entries: AliasEntry[] = [];
  private readonly byFirstToken = new Map<string, number[]>();
  constructor(readonly speakers: KnownSpeaker[]) {
    speakers.forEach((sp, i) => {
      const forms = new Set<string>([
        sp.name,
        ...(sp.aliases ?? []),
        ...Object.values(sp.names ?? {}).filter((x): x is string => !!x),
      ]);
      for (const f of forms) {
        const tokens = nameTokens(f);
        if (tokens.length > 0) this.entries.push({ tokens, speaker: i });
      }
    });
    this.entries.sort((a, b) => b.tokens.length - a.tokens.length);
    this.entries.forEach((entry, order) => {
      const first = entry.tokens[0] as string;
      const list = this.byFirstToken.get(first);
      if (list) list.push(order);
      else this.byFirstToken.set(first, [order]);
    });
  }

  get size(): number {
    return this.entries.length;
  }

  private matchesAt(entry: AliasEntry, tokens: string[], at: number): boolean {
    if (at + entry.tokens.length > tokens.length) return false;
    for (let k = 0; k < entry.tokens.length; k++) if (tokens[at + k] !== entry.tokens[k]) return false;
    return true;
  }

  /** Longest alias occurring as a contiguous token run in `tokens` (the first listed among equals, at its first place). */
  findIn(tokens: string[]): { speaker: number; at: number; len: number } | null {
    let bestOrder = Infinity;
    let bestAt = -1;
    for (let i = 0; i < tokens.length; i++) {
      for (const order of this.byFirstToken.get(tokens[i] as string) ?? []) {
        if (order >= bestOrder) break;
        if (this.matchesAt(this.entries[order] as AliasEntry, tokens, i)) {
          bestOrder = order;
          bestAt = i;
          break;
        }
      }
    }
    if (bestAt < 0) return null;
    const best = this.entries[bestOrder] as AliasEntry;
    return { speaker: best.speaker, at: bestAt, len: best.tokens.length };
  }

  /** Alias starting exactly at token position `at` (the longest). */
  matchAt(tokens: string[], at: number): { speaker: number; len: number } | null {
    for (const order of this.byFirstToken.get(tokens[at] as string) ?? []) {
      const entry = this.entries[order] as AliasEntry;
      if (this.matchesAt(entry, tokens, at)) return { speaker: entry.speaker, len: entry.tokens.length };
    }
    return null;
  }
}

export function knownKind(sp: KnownSpeaker, lang: Lang): SpeakerKind {
  if (sp.kind === "person" || sp.kind === "organization" || sp.kind === "group") return sp.kind;
  return guessKind(sp.name, lang);
}
