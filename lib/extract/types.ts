// Public types of the statement-extraction engine. Everything here is plain data so results stay JSON-serialisable.

export type Lang = "ar" | "de" | "en";
export type StatementKind = "direct" | "indirect" | "mixed";
export type SpeakerKind = "person" | "organization" | "group";

export interface KnownSpeaker {
  name: string;
  kind?: SpeakerKind | string;
  aliases?: string[];
  names?: Partial<Record<Lang, string>>;
}

export interface KnownTopic {
  slug: string;
  names: string[];
}

export interface ExtractInput {
  text: string;
  lang: Lang;
  /** Publication day, YYYY-MM-DD; relative dates resolve against it. */
  published?: string | null;
  knownSpeakers?: KnownSpeaker[];
  knownTopics?: KnownTopic[];
}

export interface ProposedStatementSpeaker {
  /** Canonical name when linked to a known speaker, otherwise the best surface name. */
  name: string;
  /** Offsets of the mention this statement is tied to (the antecedent for pronouns/continuations). */
  start: number;
  end: number;
  known: boolean;
  kind: SpeakerKind;
}

export interface ProposedStatement {
  kind: StatementKind;
  text: string;
  start: number;
  end: number;
  speaker: ProposedStatementSpeaker | null;
  cue: string | null;
  cueStart: number | null;
  cueEnd: number | null;
  saidOn: string | null;
  /** A date was found ("yesterday", "17 November") that needs the publication day, which was not given. */
  dateUnresolved: boolean;
  confidence: number;
  topics: string[];
}

export interface ProposedSpeaker {
  name: string;
  kind: SpeakerKind;
  known: boolean;
  /** Surface forms seen in the text. */
  mentions: string[];
}

export interface ExtractResult {
  statements: ProposedStatement[];
  speakers: ProposedSpeaker[];
}

/** Internal: how a candidate's speaker was found. */
export type SpeakerRef =
  | { type: "mention"; start: number; end: number }
  | { type: "continuation" }
  | { type: "backref"; start: number; end: number; head: string }
  | { type: "pronoun"; start: number; end: number }
  | { type: "none" };

/** Internal: what a language module proposes before speakers/dates are resolved. */
export interface Candidate {
  kind: StatementKind;
  start: number;
  end: number;
  cueStart: number | null;
  cueEnd: number | null;
  speaker: SpeakerRef;
  /** Region (outside the content) whose date words apply to this statement. */
  dateRegions: [number, number][];
  confidence: number;
  sentenceStart: number;
  sentenceEnd: number;
}
