// German and English lexicon for the reporting-construction reader in latin.ts: cue verbs and their separable
// particles, subject stop words, auxiliaries, pronouns, Konjunktiv forms, source-frame heads and the other word
// lists, with the small word tests built on them. Kept apart from the parsing code so the word lists can be read
// and extended on their own and no file grows past the size limit (issue 14).

const set = (s: string): Set<string> => new Set(s.split(/\s+/u).filter(Boolean));

// Finite or participle cue forms; separable verbs need their particle later in the clause.
// Passive reports: "wurde bekannt", "wird unter anderem vorgeworfen", "war schon bekannt geworden" (the auxiliary up to three words before).
export const DE_PASSIVE_AUX = set("wurde wurden wird werden war waren ist sind worden");
export const DE_PASSIVE_REPORTS = set(
  "bekannt berichtet vorgeworfen beschuldigt gemeldet mitgeteilt erklärt bestätigt angekündigt befürchtet vermutet erwartet angenommen kritisiert gefordert betont bemängelt",
);
const DE_CUES = set(
  "mitteilt mitteilten ausführte ausführten feststellte feststellten feststellt begrüßte begrüßten lehnte lehnten verurteilte verurteilten bemängelte bemängelten sagte sagten sagt sagen gesagt erklärte erklärten erklärt erklären betonte betonten betont kritisierte kritisierten kritisiert forderte forderten fordert gefordert warnte warnten warnt gewarnt meinte meinten meint gemeint berichtete berichteten berichtet bestätigte bestätigten bestätigt schrieb schrieben schreibt geschrieben erläuterte erläuterten erläutert ergänzte ergänzten ergänzt versicherte versicherten versichert unterstrich unterstrichen behauptete behaupteten behauptet behaupten vermutete vermuteten vermutet glaubt glaubte glauben hofft hoffte hoffen befürchtet befürchtete befürchten argumentierte argumentiert äußerte äußerten geäußert antwortete antworteten entgegnete entgegneten verkündete verkündeten verkündet beklagte beklagten beklagt bekräftigte bekräftigten bekräftigt mahnte mahnten appellierte bestritt bestritten dementierte dementiert meldete meldeten meldet gemeldet kommentierte kommentierten kommentiert schätzt schätzte schätzen mitgeteilt mitteilte mitteilten angekündigt ankündigte bekanntgegeben bekanntgab erklärten hinzugefügt hinzufügte angegeben angab zitiert zitierte sprach sprachen nannte nannten bezeichnete bezeichneten bezeichnet räumte räumten verwies verwiesen wies wiesen stellte stellten teilte teilten teilt gab gaben gibt kündigte kündigten kündigt fügte fügten fügt rief riefen ging geht gehen sieht sah heißt hieß verlautete lautete bekannt vorgeworfen beschuldigt wirft warf begründete begründet hält hielt vermutet erwartet angenommen aufgefordert empfahl empfahlen empfiehlt betonen gebeten schlug schlugen würdigte würdigten lobte lobten beschloss entschied plädierte plädierten drohte drohten fordern kritisieren warnen bezeichnen lehnt lehnen verglich verglichen attackierte attackierten betrachtet betrachten betrachtete werten wertete werteten regte regten warfen werfen weisen entschieden führt führte führten weist festgestellt beschlossen veröffentlichte erhofft vertritt vertrat urteilte prangerte prangerten verlangte verlangt verlangten skandierten sicherte zugesagt versprochen versprach schlägt fragte beschrieb hob erinnerte auffordert abgelehnt bezweifeln bezweifelte bezweifelt verweist verweisen sehen sahen spricht sprechen rechnet rechnen rechnete rechneten beziffert bezifferte bezifferten kündigen halten hielten nennt",
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
  wies: ["hin", "zurück"],
  wiesen: ["hin", "zurück"],
  schlug: ["vor"],
  schlugen: ["vor"],
  verwies: ["darauf"],
  verwiesen: ["darauf"],
  verweist: ["darauf"],
  verweisen: ["darauf"],
  rief: ["auf"],
  riefen: ["auf"],
  ging: ["aus"],
  geht: ["aus"],
  gehen: ["aus"],
  sprach: ["von", "aus"],
  sprachen: ["von", "aus"],
  sieht: ["darin", "als", "in"],
  sah: ["darin", "als", "in"],
  sehen: ["darin", "als", "in"],
  sahen: ["darin", "als", "in"],
  spricht: ["von", "aus"],
  sprechen: ["von", "aus"],
  beziffert: ["auf"],
  bezifferte: ["auf"],
  bezifferten: ["auf"],
  kündigen: ["an"],
  halten: ["für"],
  hielten: ["für"],
  heißt: ["es"],
  hieß: ["es"],
  wirft: ["vor"],
  warf: ["vor"],
  warfen: ["vor"],
  werfen: ["vor"],
  regte: ["an"],
  regten: ["an"],
  lehnt: ["ab"],
  lehnen: ["ab"],
  weisen: ["hin", "zurück"],
  weist: ["hin", "zurück"],
  führt: ["aus"],
  führte: ["aus"],
  führten: ["aus"],
  prangerte: ["an"],
  prangerten: ["an"],
  sicherte: ["zu"],
  schlägt: ["vor"],
  hob: ["hervor"],
  auffordert: [],
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
  "said says say told tells stated states warned warns added adds argued argue argues claimed claims believe want wants wanted backed backs accused accuses called calls fear fears urged explained explains noted notes insisted insists announced announces confirmed confirms denied denies acknowledged admitted suggested suggests wrote writes reported reports declared declares stressed stresses emphasized emphasised emphasizes urged urges believes believed thinks predicted estimated asserted maintained contended alleged tweeted replied responded complained conceded observed revealed recalled cautioned agreed found concluded described describes read reads signalled signaled signals indicated caution cautions demanded demands",
);
export const EN_PARTICLE: Record<string, string[]> = {
  called: ["for"],
  calls: ["for"],
  call: ["for"],
  // "The report found that …", "described the situation as …": only with their particle.
  found: ["that"],
  concluded: ["that"],
  described: ["as"],
  describes: ["as"],
};
// Cues whose content may follow without "that": "said the talks failed", "urged residents to …",
// "has backed the plan", "wants the Senate to vote", "called for an inquiry".
export const EN_BARE_COMPLEMENT = set(
  "said says say told tells added adds warned warns argued argue argues claimed claims believes believe believed insisted insists stressed urged urges wants want wanted backed backs accused accuses called calls fear fears noted notes denied denies reported described describes caution cautions demanded demands",
);

export const DE_SUBJ_STOP = set(
  "Demnach Danach Wonach Am Im In Auf Bei Nach Vor Seit Während Gegenüber Laut Mit Zu Zum Zur Für Über Unter Wie Gestern Heute Vorgestern Außerdem Zudem Dazu Dann Später Bereits Auch Weiter Ferner Daraufhin Inzwischen Zuvor Damals Schließlich Jetzt Nun Dabei Darüber Hierzu So Deshalb Doch Aber Allerdings Dies Das Diese Dieses Darin Dort Hier Anschließend Erst Noch Zuletzt Bisher Gleichzeitig Zugleich Jedoch Ebenso Ebenfalls Trotzdem Vorher Ende Anfang Mitte Aus Als Lediglich Insgesamt Zusammenfassend Entscheidend Möglich Mögliche Konkret Grund Weiterhin Damit Somit Stattdessen Unterdessen Indes Indessen Derweil Mittlerweile Daher Darum Deswegen Dennoch Immerhin Insbesondere Zunächst Erneut Offenbar Offensichtlich Angeblich Vermutlich Wahrscheinlich Tatsächlich Sinngemäß Aufgrund Wegen Trotz Angesichts Infolge Ab Bis Seitdem Des Abschließend Ergänzend",
);
const EN_SUBJ_STOP = set(
  "On In At After Before During Yesterday Today Earlier Later Meanwhile However But And Also Then Speaking Last This That It Asked Responding Addressing Writing When While Although Though Despite As Following Since Because If Unlike",
);
export const DE_AUX = set(
  "hat hatte hatten haben habe hätte wurde wurden wird werden worden ist war waren sind sei soll sollte sollen kann konnte könne will wollte muss musste",
);
const EN_AUX = set("has had have was were is are will would also previously earlier later has had");
const DE_PRON = set("er sie Er Sie");
const EN_PRON = set("he she they it He She They It");
export const DE_KONJ = set(
  "sei seien seiest habe werde könne müsse solle wolle dürfe möge gebe gehe komme stehe liege bleibe wisse brauche fehle lasse sehe gelte trage halte bestehe handle verfüge erwarte plane funktioniere richte befinde gehöre diene führe sorge reiche betrage betreffe zeige stelle arbeite koste biete entspreche erfolge drohe helfe laufe heiße mache nehme setze zahle wachse steige sinke habe hätten wären würden",
);
export const DE_FRAME_DET = set(
  "dem der den des einer einem eines seiner ihrer ihren seinen dessen deren eigenen diesen dieser diesem",
);
// Heads of a source after "nach"; compounds count ("Polizeiangaben", "Medienberichten").
// A compound's last part counts too: "nach Polizeiangaben", "Zeitungsberichten zufolge", "in ersten Agenturmeldungen".
const DE_SOURCE_HEAD =
  /(?:Angaben|Informationen|Ansicht|Auffassung|Einschätzung(?:en)?|Aussagen?|Worten|Darstellung|Meinung|Berichte?n?|Schätzung(?:en)?|Hochrechnung(?:en)?|Prognosen?|Planungen|Erkenntnisstand|Erkenntnissen|Untersuchungen|Ermittlungen|Recherchen|Umfragen?|Zählungen|Meldungen|Studie|Stellungnahme|Analyse|Ergebnis|Endergebnis|Vernehmen|Mitteilung|Erklärung|Schilderungen|Zeugenaussagen|Expertenmeinung|Berechnungen|Auskunft|Dokument|Veröffentlichung|Vorhersagen?|Ankündigung|Medien|Quellen|Nachrichten?|\p{Ll}(?:angaben|bericht|berichten|meldung|meldungen|mitteilung|erklärung|aussagen|dokument|schätzungen|berechnungen|quellen|medien))$/u;
export const DE_POSTPOSED_HEADS = set("Meinung Ansicht Auffassung Vernehmen Angaben Worten Einschätzung Darstellung");
export const isSourceHead = (w: string): boolean => /^\p{Lu}/u.test(w) && DE_SOURCE_HEAD.test(w);
export const isAdjective = (w: string): boolean =>
  /^\p{Ll}{3,}(?:e|en|er|em|es)$/u.test(w) &&
  !DE_FRAME_DET.has(w) &&
  !/^(?:werden|haben|wollen|sollen|können|müssen|dürfen|sein|seien|unter|über|wieder|aber|oder|sowie|sehr|mehr|immer|hier|einen|keine|keinen|diese|dieser|diesen|dieses|jeder|jede|jedem|alle|allen|aller)$/u.test(
    w,
  );
export const DE_NACH_ADJ = set(
  "jüngsten ersten neuesten neuen offiziellen eigenen vorläufigen bisherigen unbestätigten übereinstimmenden inoffiziellen aktuellen",
);

/** German cues whose preposition opens their object anywhere in the clause: "verwies auf …", "rechnet mit …". */
export const DE_PREPOSITIONAL_CUES: Record<string, string> = {
  verwies: "auf",
  verwiesen: "auf",
  verweist: "auf",
  verweisen: "auf",
  rechnet: "mit",
  rechnen: "mit",
  rechnete: "mit",
  rechneten: "mit",
};

export interface Lex {
  cues: Set<string>;
  particles: Record<string, string[]>;
  subjStop: Set<string>;
  aux: Set<string>;
  pron: Set<string>;
}
export const LEX: Record<"de" | "en", Lex> = {
  de: { cues: DE_CUES, particles: DE_PARTICLE, subjStop: DE_SUBJ_STOP, aux: DE_AUX, pron: DE_PRON },
  en: { cues: EN_CUES, particles: EN_PARTICLE, subjStop: EN_SUBJ_STOP, aux: EN_AUX, pron: EN_PRON },
};

export const isCap = (t: string): boolean => /^\p{Lu}/u.test(t);

export const DE_SEPARABLE = set("bekannt an zu ab mit ein hin hinzu auf fest klar aus vor");
export const DE_CLAUSE_JOIN = set("und oder aber sowie dass daß");
export const DE_SO_NOT_SOURCE = set("um dass daß wie lange viel viele weit sehr schnell bald gut als auch noch");
export const DE_CONDITIONAL_LEAD = set(
  "Wenn Falls Sofern Sollte Sollten Hätte Hätten Wäre Wären Käme Kämen Werden Wird Würde Würden",
);
export const DE_BEKANNT_AUX = set(
  "gab gaben geben gegeben gibt wurde wurden worden geworden war waren ist sind werden",
);
export const DE_NEGATION = set("nicht kein keine nie noch");

/** English cues that report only before a colon: "The embassy's statement read: “…”". */
export const EN_COLON_CUES = set("read reads");
export const EN_PARAPHRASE = set("believe believes believed want wants wanted fear fears backed backs");
export const EN_PARTICIPLES = set("adding noting saying warning arguing insisting stressing explaining");

export const DE_NOMINATIVE_DET = set("der die das ein eine");
export const DE_VORFELD_DET = set("Der Die Das Ein Eine");
export const DE_MIDFIELD_SKIP = set(
  "auch jedoch dazu bereits nun zudem außerdem allerdings daher deshalb dann damals heute gestern am im",
);

/** Single-word adverbs between a German verb and its subject after it. */
export const DE_MIDFIELD_ADVERBS = set(
  "auch jedoch dazu bereits nun zudem außerdem allerdings daher deshalb dann damals heute gestern ebenfalls erneut persönlich zuletzt jetzt",
);

export const DE_OBJECT_CUES = set(
  "sprach sprachen kritisierte kritisierten forderte forderten warnte warnten begrüßte begrüßten bezeichnete bezeichneten nannte nannten bestätigte bestätigten kündigte kündigten gab gaben teilte teilten lehnte lehnten verurteilte verurteilten bemängelte bemängelten dementierte dementierten bestritt bestritten würdigte würdigten lobte lobten beschloss beschlossen entschied plädierte plädierten drohte drohten fordert fordern kritisiert kritisieren warnt warnen bezeichnet bezeichnen lehnt lehnen verglich verglichen attackierte attackierten betrachtet betrachten betrachtete werten wertete werteten verwies verwiesen regte regten warf warfen wirft werfen begründete begründet begründeten verweist verweisen sieht sah sehen spricht sprechen rechnet rechnen rechnete rechneten beziffert bezifferte bezifferten kündigen hält hielt halten hielten gehen verlangte verlangten",
);

export const DE_KONJ2 = set("hätten wären würden");
/** Verbs of quoting: their object speaks, their subject only reports ("Reuters zitiert Solana …"). */
export const DE_QUOTING_CUES = set("zitiert zitierte zitieren zitierten");
export const DE_RELATIVE_PRONOUNS = set(
  "der die das dem den denen deren dessen welche welcher welches welchem welchen",
);
export const DE_SUBORDINATORS = set(
  "weil da wenn obwohl nachdem um damit sodass während bevor indem seit bis ohne falls",
);
