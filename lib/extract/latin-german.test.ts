// German rules of issue 16 for sources named by a verb and reported speech over several sentences (latin.ts,
// latin-source-frames.ts, latin-lexicon.ts). Sentences written for these tests.
import { describe, expect, it } from "vitest";
import { extractStatements, type ProposedStatement } from "./index";

const run = (text: string): ProposedStatement[] =>
  extractStatements({ text, lang: "de", published: "2024-03-09" }).statements;
const only = (xs: ProposedStatement[]): ProposedStatement => {
  expect(xs).toHaveLength(1);
  return xs[0] as ProposedStatement;
};

describe("German sources and multi-sentence statements", () => {
  it("a compound source head: nach Polizeiangaben, Zeitungsberichten zufolge", () => {
    const a = only(run("Nach Polizeiangaben wurden zwei Menschen leicht verletzt."));
    expect(a.text).toBe("wurden zwei Menschen leicht verletzt");
    expect(a.speaker?.name).toBe("Polizeiangaben");
    expect(only(run("Der Fahrer stammt Zeitungsberichten zufolge aus Hamburg.")).speaker?.name).toBe(
      "Zeitungsberichten",
    );
    // A compound that names no source stays a time: "nach der Einführung".
    expect(run("Nach der Einführung wurden zwei Busse gekauft.")).toEqual([]);
  });

  it("X berichtet von / spricht von: the whole sentence, the subject speaks", () => {
    const s = only(run("Die Feuerwehr spricht von zwölf Verletzten."));
    expect(s.text).toBe("Die Feuerwehr spricht von zwölf Verletzten");
    expect(s.speaker?.name).toBe("Die Feuerwehr");
    expect(only(run("Auch Augenzeugen berichteten von einem lauten Knall.")).speaker?.name).toBe("Augenzeugen");
    // Not after a comma: "Die Stadt, die von … spricht, …" is no such subject.
    expect(run("Die Stadt, die von zwölf Verletzten spricht, hat eine Feuerwehr.")).toEqual([]);
  });

  it("'Dies bestätigte X': the previous sentence and the demonstrative, spoken by X", () => {
    const xs = run("Der Hafen wird im Mai geschlossen. Dies bestätigte der Bürgermeister Karl Huber am Montag.");
    const s = only(xs);
    expect(s.text).toBe("Der Hafen wird im Mai geschlossen. Dies");
    expect(s.speaker?.name).toBe("Karl Huber");
    const t = only(
      run("Die Zahl der Gäste stieg um zehn Prozent. Dies geht aus einer Mitteilung des Verbandes hervor."),
    );
    expect(t.speaker?.name).toContain("Mitteilung des Verbandes");
    // "Das Unternehmen sagte …": an article before a noun is no demonstrative.
    expect(run("Der Hafen wird im Mai geschlossen. Das Unternehmen wuchs dagegen.")).toEqual([]);
  });

  it("'Wie X, Y, mitteilte, …': the apposition after 'Wie' is the speaker; fused particle forms report", () => {
    const s = only(run("Wie der Vorsitzende Richter, Karl Huber, ausführte, hätte es ein Blutbad gegeben."));
    expect(s.text).toBe("hätte es ein Blutbad gegeben");
    expect(s.speaker?.name).toBe("Karl Huber");
    expect(only(run("Wie ein Sprecher der Feuerwehr mitteilt, wurde der Wagen geborgen.")).speaker?.name).toContain(
      "Sprecher der Feuerwehr",
    );
  });

  it("free indirect speech over several sentences is one statement", () => {
    const xs = run(
      "Der Minister Karl Huber wies die Kritik zurück. Die Reform sei notwendig. Sie werde die Kassen entlasten. Am Abend regnete es.",
    );
    const s = xs.find((x) => x.text.startsWith("Die Reform"));
    expect(s?.text).toBe("Die Reform sei notwendig. Sie werde die Kassen entlasten");
    expect(xs.some((x) => x.text.startsWith("Am Abend"))).toBe(false);
  });

  it("X hat/hatte … gesagt, <content>: the content's own subject is not the cue's", () => {
    const s = only(run("Der Prozess wurde vertagt. Saddam Hussein hatte vor Gericht erklärt, er sei unschuldig."));
    expect(s.text).toBe("er sei unschuldig");
    expect(s.speaker?.name).toBe("Saddam Hussein");
    const t = only(run("Glos hatte gesagt, die Koalitionsfraktionen müssten einbezogen werden."));
    expect(t.text).toBe("die Koalitionsfraktionen müssten einbezogen werden");
    expect(t.speaker?.name).toBe("Glos");
  });

  it("a singular source head: nach Schätzung, nach Einschätzung; the source phrase ends before 'in …'", () => {
    const a = only(run("Nach Schätzung der Weltgesundheitsorganisation treten jedes Jahr 50 Millionen Fälle auf."));
    expect(a.text).toBe("treten jedes Jahr 50 Millionen Fälle auf");
    expect(a.speaker?.name).toBe("Schätzung der Weltgesundheitsorganisation");
    expect(
      only(run("Nach Einschätzung politischer Beobachter war der Zusammenstoß provoziert.")).speaker?.name,
    ).toContain("Einschätzung");
    expect(only(run("Der Beschluss ist laut WWF in Absprache mit Bärenexperten getroffen worden.")).speaker?.name).toBe(
      "WWF",
    );
  });

  it("a comma before the cue closes no content when a colon or quotation follows it", () => {
    const s = only(
      run("Im Brief, den er an Jacques Chirac geschickt hat, erklärt Teziç: „Das Gesetz verletzt die Freiheit.“"),
    );
    expect(s.text).toBe("„Das Gesetz verletzt die Freiheit.“");
    expect(s.speaker?.name).toBe("Teziç");
    // ", dass" after the cue and its speaker: "…, sagte Reportern, dass …" is no trailing cue.
    const d = only(
      run(
        "Der frühere Präsident Jimmy Carter, der als Wahlbeobachter im Land war, sagte Reportern, dass alles friedlich verlaufen sei.",
      ),
    );
    expect(d.text).toBe("alles friedlich verlaufen sei");
    expect(d.speaker?.name).toBe("Jimmy Carter");
    // A particle verb opens its content with a colon too: "rief: „…“".
    const t = only(run("Ein Fluggast eilte zu Hilfe, da biss der Randalierer ihn und rief: „Lasst mich sofort raus!“"));
    expect(t.text).toBe("„Lasst mich sofort raus!“");
  });

  it("a source phrase goes on past its noun only by a genitive or 'von'", () => {
    expect(only(run("Eine wachsende Zahl von Menschen fürchtet laut Karl den sozialen Abstieg.")).speaker?.name).toBe(
      "Karl",
    );
    expect(only(run("Die Garde der Roma hatte laut ihrem Anführer starken Zulauf.")).speaker?.name).toBe("Anführer");
    expect(only(run("Bisher liegen laut Airbus Bestellungen für 184 Flugzeuge vor.")).speaker?.name).toBe("Airbus");
    expect(only(run("Nach Angaben der neuen Regierung ist er tot.")).speaker?.name).toBe("Angaben der neuen Regierung");
  });

  it("a stance verb in the present reports the whole sentence: 'X fordert …', 'X werfen Y … vor'", () => {
    const s = only(run("Bundestagspräsident Wolfgang Thierse fordert zusätzliche Offenlegungspflichten."));
    expect(s.text).toBe("Bundestagspräsident Wolfgang Thierse fordert zusätzliche Offenlegungspflichten");
    expect(s.speaker?.name).toContain("Wolfgang Thierse");
    expect(only(run("Die Behörden werfen dem Konsul Menschenhandel vor.")).speaker?.name).toBe("Die Behörden");
  });

  it("after an object cue's object, a relative or 'weil' clause is no content: the whole act is reported", () => {
    const s = only(
      run("Lammert würdigte die Bundeswehr als ein Kind des Kalten Krieges, das half, ihn zu überwinden."),
    );
    expect(s.text).toBe("Lammert würdigte die Bundeswehr als ein Kind des Kalten Krieges, das half, ihn zu überwinden");
    expect(s.speaker?.name).toBe("Lammert");
    // A say verb keeps its content after the comma, "das" included.
    expect(only(run("Der Minister sagte am Montag, das sei falsch.")).text).toBe("das sei falsch");
  });

  it("a subject with an apposition, 'X, Name, verb …', is no content before a cue", () => {
    const s = only(run("Der bayerische CSU-Vorsitzende, Edmund Stoiber, warf der SPD eine Fehlentwicklung vor."));
    expect(s.text).toBe("Der bayerische CSU-Vorsitzende, Edmund Stoiber, warf der SPD eine Fehlentwicklung vor");
    expect(s.speaker?.name).toContain("Edmund Stoiber");
    const musk = only(run("Elon Musk, der Milliardär hinter der Firma, kündigte einen Pick-up-Truck an."));
    expect(musk.speaker?.name).toContain("Elon Musk");
    // Content of two clauses before ", sagte X" stays content.
    const two = only(run("Die Preise steigen, die Löhne müssten folgen, sagte der Minister."));
    expect(two.text).toBe("Die Preise steigen, die Löhne müssten folgen");
    expect(two.speaker?.name).toContain("Minister");
  });

  it("the subject after a clause and the auxiliary, after midfield adverbs, and before a time", () => {
    const vfgh = only(
      run("Da es für keine Anlage eine Verordnung gibt, hat der VfGH entschieden, dass sie schließen."),
    );
    expect(vfgh.speaker?.name).toBe("VfGH");
    const beck = only(run("Ebenso plädierte auch Volker Beck dafür, Rodney Price kein Visum zu erteilen."));
    expect(beck.speaker?.name).toBe("Volker Beck");
    const wie = only(
      run("Wie der Finanzminister Hartmut Möllring am Dienstag in Hannover erklärte, sieht er kein Hindernis."),
    );
    expect(wie.speaker?.name).toBe("Finanzminister Hartmut Möllring");
    // An apposition's comma before the auxiliary is no clause: the subject stays before it.
    const a = only(run("Adidas-Vorstand Erich Stamminger, zuständig für die USA, hatte angekündigt, dort zu wachsen."));
    expect(a.speaker?.name).toContain("Erich Stamminger");
  });

  it("a perfect with the subject's apposition: 'hatte X, Name, erklärt, …' — the content follows the participle", () => {
    const s = only(
      run(
        "Zuvor hatte ein Talibanführer auf pakistanischer Seite, Baitullah Mehsud, erklärt, die Taliban würden bleiben.",
      ),
    );
    expect(s.text).toBe("die Taliban würden bleiben");
    expect(s.speaker?.name).toBe("Baitullah Mehsud");
  });

  it("more source heads after 'nach': Berechnungen, Auskunft, ein Dokument, ein Fernsehbericht", () => {
    expect(only(run("Nach Berechnungen eines US-Forschers sind nur 300 Jäger eingewandert.")).speaker?.name).toContain(
      "US-Forschers",
    );
    expect(only(run("Der Satellit würde nach Auskunft der NASA verglühen.")).speaker?.name).toContain("NASA");
    expect(only(run("Nach einem EU-Dokument leben sie in Armut.")).speaker?.name).toContain("EU-Dokument");
    // "nach" with no source head stays a preposition.
    expect(run("Nach einem langen Flug landete die Maschine in Berlin.")).toEqual([]);
  });

  it("more stance verbs report the whole sentence: 'sehen in', 'hält … für', 'verwies auf', 'rechnet mit'", () => {
    const s = only(run("Experten sehen in dem Referendum den ersten Schritt zur Unabhängigkeit."));
    expect(s.text).toBe("Experten sehen in dem Referendum den ersten Schritt zur Unabhängigkeit");
    expect(s.speaker?.name).toBe("Experten");
    expect(only(run("Der Verfassungsschutz hält eine Veröffentlichung für unbedenklich.")).speaker?.name).toBe(
      "Verfassungsschutz",
    );
    expect(only(run("Ein Militärsprecher verwies auf die schlechten Wetterbedingungen.")).speaker?.name).toContain(
      "Militärsprecher",
    );
    expect(only(run("Die Bank rechnet mit einem Verlust von zwei Milliarden Euro.")).speaker?.name).toContain("Bank");
    // Without its particle the verb reports nothing: "hält" alone is holding.
    expect(run("Der Verein hält eine Versammlung ab.")).toEqual([]);
  });

  it("direct quotations: the apposition's comma before the cue, a role before the colon, a name with a colon alone", () => {
    const scherf = only(
      run("Der frühere Bürgermeister, Henning Scherf (SPD), warnte die CDU vor einem „populistischen Wahlkampf“."),
    );
    expect(scherf.speaker?.name).toBe("Henning Scherf");
    const rehn = only(
      run("So sagte Olli Rehn, EU-Erweiterungskommissar: „Man kann der Bevölkerung das nicht vorsetzen.“"),
    );
    expect(rehn.text).toBe("„Man kann der Bevölkerung das nicht vorsetzen.“");
    expect(rehn.speaker?.name).toBe("Olli Rehn");
    const z = run("Die Staatsanwaltschaft Gießen ermittelt. BKA-Präsident Ziercke: „Damit setzt das BKA ein Zeichen.“");
    expect(z.at(-1)?.speaker?.name).toContain("Ziercke");
  });

  it("an adverb before the verb is no subject: 'Sinngemäß hofft Musk', 'Besorgt äußerte sich Kofi Annan'", () => {
    expect(only(run("Sinngemäß hofft Musk also, dass der nächste Start bald erfolgt.")).speaker?.name).toBe("Musk");
    expect(only(run("Besorgt äußerte sich Kofi Annan über die Gewalt, die Lage sei ernst.")).speaker?.name).toBe(
      "Kofi Annan",
    );
    expect(only(run("Unterdessen verwies Steinbrück darauf, dass der Haushalt ausgeglichen sei.")).speaker?.name).toBe(
      "Steinbrück",
    );
    // A passive report names no one: "Insbesondere wird kritisiert, dass …".
    expect(only(run("Insbesondere wird kritisiert, dass das Wahlrecht die Regierung bevorzuge.")).speaker).toBeNull();
  });

  it("subordinate clauses: 'Während X erklärte, …'; 'Nachdem …, will heute X … bekannt geben'", () => {
    expect(only(run("Während Shakira erklärte, aufgeregt zu sein, schwieg Lopez.")).speaker?.name).toBe("Shakira");
    const straw = only(
      run(
        "Nachdem von einer Verschiebung die Rede war, will heute Außenminister Straw vor dem Parlament bekannt geben, dass das Verfahren ruht.",
      ),
    );
    expect(straw.speaker?.name).toBe("Straw");
    // A preposition, not a subordinator: the subject follows the verb.
    expect(only(run("Seit Jahren fordert der mexikanische Staat die Rückgabe des Schmucks.")).speaker?.name).toBe(
      "Staat",
    );
  });

  it("a passive report's agent speaks: 'wurden von X als … bezeichnet', 'wurde von X beschuldigt, …'", () => {
    const s = only(
      run("Die Forderungen wurden von Bundesverkehrsminister Manfred Stolpe als unrealistisch bezeichnet."),
    );
    expect(s.text).toBe(
      "Die Forderungen wurden von Bundesverkehrsminister Manfred Stolpe als unrealistisch bezeichnet",
    );
    expect(s.speaker?.name).toBe("Bundesverkehrsminister Manfred Stolpe");
    const a = only(run("Die al-Shabaab wurde von Kenias Regierung beschuldigt, die Anschläge verübt zu haben."));
    expect(a.text).toBe("die Anschläge verübt zu haben");
    expect(a.speaker?.name).toContain("Kenias Regierung");
    // A clause-final verb that is no participle keeps needing its particle after it: "sah … Gelb-Rot".
    expect(run("Der Verteidiger, der elf Minuten später auch noch Gelb-Rot sah, fehlt im nächsten Spiel.")).toEqual([]);
  });

  it("a source frame inside what a speaker says is not the source; an attribute may stand inside the frame", () => {
    const s = only(
      run("Ein Sprecher der Polizei, Lars Beringer, sagte am Abend, nach neuesten Erkenntnissen sei der Täter allein."),
    );
    expect(s.text).toBe("nach neuesten Erkenntnissen sei der Täter allein");
    expect(s.speaker?.name).toBe("Lars Beringer");
    const wfp = only(
      run("Laut einer am Dienstag veröffentlichten Pressemitteilung des WFP wurden 2.000 Menschen versorgt."),
    );
    expect(wfp.text).toBe("wurden 2.000 Menschen versorgt");
    expect(wfp.speaker?.name).toContain("Pressemitteilung des WFP");
  });

  it("'heißt es' gives the text it is written in, else the speaker before; an ordinal's dot may end a sentence", () => {
    expect(only(run("Nun heißt es im Abschlussbericht, bei der Wahl habe es Mängel gegeben.")).speaker?.name).toBe(
      "Abschlussbericht",
    );
    const xs = run(
      "Die Union spricht sich gegen neue Regeln aus. Als Begründung heißt es, die Gesetze seien ausreichend.",
    );
    expect(xs[1]?.speaker?.name).toBe("Union");
    const tesla = run(
      "Ein Streik träfe die Auslieferung des Modells 3. Ein Sprecher von Tesla teilte mit, man verhandle.",
    );
    expect(tesla.at(-1)?.speaker?.name).toContain("Sprecher von Tesla");
  });

  it("an apposition's name is the speaker's name; a long head keeps its apposition; 'denen zufolge' names no source", () => {
    const p = only(run("Der Präsident der autonomen Region Tibet, Qiangba Puncog, sagte am Montag, alle seien frei."));
    expect(p.speaker?.name).toBe("Qiangba Puncog");
    const h = only(
      run("Die Haushaltspolitikerin von Bündnis 90/Die Grünen, Anja Hajduk, kritisierte die Pläne der Regierung."),
    );
    expect(h.speaker?.name).toBe("Anja Hajduk");
    const t = only(
      run("Jörg Tauss bezweifelte die Vereinbarkeit mit Grundsätzen, denen zufolge von Unschuld auszugehen sei."),
    );
    expect(t.speaker?.name).toBe("Jörg Tauss");
  });

  it("a passive without an agent: the text it is written in speaks ('in einer Anweisung der US-Botschaft … aufgefordert')", () => {
    const s = only(
      run("Alle Beamten wurden am Samstag in einer Anweisung der US-Botschaft aufgefordert, die Stadt zu verlassen."),
    );
    expect(s.text).toBe("die Stadt zu verlassen");
    expect(s.speaker?.name).toContain("US-Botschaft");
  });

  it("a phrase after the verb ends at its noun ('der Verfasser folgenden Kommentar'); a missing space ends a sentence", () => {
    const s = only(
      run(
        "Darauf veröffentlichte der Verfasser folgenden Kommentar dazu: „Wer gestrichen werden möchte, meldet sich.“",
      ),
    );
    expect(s.speaker?.name).toBe("Verfasser");
    const xs = run(
      "Die Liste stand im Bundesanzeiger.Mats Schönauer schreibt dazu in seinem Blog: „So tingelt die Geschichte.“",
    );
    expect(xs.at(-1)?.speaker?.name).toBe("Mats Schönauer");
  });

  it("a title in quotation marks inside a sentence is no statement; a long quotation there still is", () => {
    const xs = run(
      "Der Minister sagte, er komme. Unterstützt wird er von der Kampagne „Ein Schiff für Gaza“ aus Berlin.",
    );
    expect(xs.map((x) => x.text)).toEqual(["er komme"]);
    const ys = run(
      "Der Arzt sagte, sie sei gerettet. Er schilderte seinen Eindruck „dass sie einen Herzstillstand im Wasser hatte und nicht vorher“ genau.",
    );
    expect(ys).toHaveLength(2);
  });

  it("a reported act's subject may follow the verb; a name may open with its particle ('fordert al Huthi')", () => {
    const s = only(run("Als Grund für die Rückgabe nannte Erdoğan Teziç die Verabschiedung des Gesetzes."));
    expect(s.text).toBe("Als Grund für die Rückgabe nannte Erdoğan Teziç die Verabschiedung des Gesetzes");
    expect(s.speaker?.name).toBe("Erdoğan Teziç");
    expect(only(run("Im selben Schreiben fordert al Huthi die Schaffung sicherer Zonen.")).speaker?.name).toContain(
      "Huthi",
    );
  });

  it("a passive belongs to its own clause; a semicolon ends the clause before a subject", () => {
    const s = only(
      run(
        "Die IGDRB, die von der Basler Chemie gegründet wurde, hat in einer Stellungnahme bekannt gegeben, dass der Müll bleibt.",
      ),
    );
    expect(s.speaker?.name).toBe("IGDRB");
    const xs = run(
      "Raketen trafen die Botschaft; Die Nachrichtenseite Business Insider berichtete daraufhin, dass Milizen schossen.",
    );
    expect(xs.at(-1)?.speaker?.name).toContain("Business Insider");
  });

  it("a noun of saying before a comma opens the content: 'teilt die Ansicht, …', 'in der Ankündigung, …'", () => {
    const s = only(
      run("Verteidiger Bruce Cutler teilt wie sein Mandant die Ansicht, Clarkson habe sich selbst getötet."),
    );
    expect(s.text).toBe("Clarkson habe sich selbst getötet");
    expect(s.speaker?.name).toContain("Bruce Cutler");
    // Not every comma after a noun: an indicative clause without "dass" reports nothing.
    expect(run("Der Minister las die Meldung, der Zug kam spät an.")).toEqual([]);
  });

  it("an attribution set in the middle, '…, so X, …': the content goes on after it", () => {
    const s = only(run("Der Präsident sei, so Gamkrelids, schuld daran, dass Georgien die Kontrolle verloren habe."));
    expect(s.text).toBe("Der Präsident sei, so Gamkrelids, schuld daran, dass Georgien die Kontrolle verloren habe");
    expect(s.speaker?.name).toBe("Gamkrelids");
  });

  it("a 'dass' clause after a subject's verb the cue list lacks is what the subject says, not after 'so dass'", () => {
    const s = only(
      run("Die Staatsanwaltschaft war sich sicher, dass die Beweismittel für einen Prozess ausreichen würden."),
    );
    expect(s.text).toBe("die Beweismittel für einen Prozess ausreichen würden");
    expect(s.speaker?.name).toBe("Die Staatsanwaltschaft");
    expect(run("Der Regen fiel stark, so dass die Straße gesperrt wurde.")).toEqual([]);
    expect(run("Die Polizei untersuchte die Tatsache, dass der Zug spät kam.")[0]?.text).not.toBe("der Zug spät kam");
  });

  it("a source frame's own source speaks, a name with a lower-case particle included: 'laut el-Baradei'", () => {
    const xs = run(
      "Der Journalist Michael Gordon kritisierte die Regierung. Laut Michael Gordon kann höchstens die Studie falsch sein.",
    );
    expect(xs.find((x) => x.text.startsWith("kann"))?.speaker?.name).toContain("Michael Gordon");
    expect(only(run("Anschließend sei laut el-Baradei die Bearbeitung der Brennstäbe erfolgt.")).speaker?.name).toBe(
      "el-Baradei",
    );
  });
});
