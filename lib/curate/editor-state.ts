// The statement editor's state and its conversions, shared by the server page
// (which fills it from the database) and the client form (which submits it).
// No server imports here: this file is bundled for the browser.

export type PickedSpeaker = { id: number; name: string };
export type PickedTopic = { id: number | null; name: string };
export type PickedStatement = { id: number; text: string };
export type SourceFields = { url: string; outlet: string; title: string; publishedOn: string };

export type EditorState = {
  text: string;
  language: string;
  kind: "direct" | "indirect" | "mixed";
  speaker: PickedSpeaker | null;
  newSpeaker: { name: string; kind: "person" | "organization" | "group" } | null;
  saidOn: string;
  saidOnApproximate: boolean;
  topics: PickedTopic[];
  sources: SourceFields[];
  context: string;
  translationOf: PickedStatement | null;
  translatedBy: string;
  respondsTo: PickedStatement[];
  attribution: "own_channel" | "secondary" | "disputed" | "misattributed";
  attributionNote: string;
};

export const EMPTY_SOURCE: SourceFields = { url: "", outlet: "", title: "", publishedOn: "" };

export function emptyEditorState(language = "ar"): EditorState {
  return {
    text: "",
    language,
    kind: "direct",
    speaker: null,
    newSpeaker: null,
    saidOn: "",
    saidOnApproximate: false,
    topics: [],
    sources: [{ ...EMPTY_SOURCE }],
    context: "",
    translationOf: null,
    translatedBy: "",
    respondsTo: [],
    attribution: "secondary",
    attributionNote: "",
  };
}

type StoredRecord = {
  text: string;
  language: string;
  kind: EditorState["kind"];
  saidOn: string | null;
  saidOnApproximate: boolean;
  sources: Array<{ url: string | null; outlet: string | null; title: string | null; publishedOn: string | null }>;
  context: string | null;
  translatedBy: string | null;
  attribution: EditorState["attribution"];
  attributionNote: string | null;
};

type StoredLabels = {
  speaker: { id: number; name: string } | null;
  topics: Array<{ id: number; name: string }>;
  translationOf: PickedStatement | null;
  respondsTo: PickedStatement[];
};

/** The editor's state for a stored statement (record + labels from lib/curate/statements.ts). */
export function editorStateFrom(record: StoredRecord, labels: StoredLabels): EditorState {
  return {
    text: record.text,
    language: record.language,
    kind: record.kind,
    speaker: labels.speaker ? { id: labels.speaker.id, name: labels.speaker.name } : null,
    newSpeaker: null,
    saidOn: record.saidOn ?? "",
    saidOnApproximate: record.saidOnApproximate,
    topics: labels.topics.map((t) => ({ id: t.id, name: t.name })),
    sources:
      record.sources.length > 0
        ? record.sources.map((s) => ({
            url: s.url ?? "",
            outlet: s.outlet ?? "",
            title: s.title ?? "",
            publishedOn: s.publishedOn ?? "",
          }))
        : [{ ...EMPTY_SOURCE }],
    context: record.context ?? "",
    translationOf: labels.translationOf,
    translatedBy: record.translatedBy ?? "",
    respondsTo: labels.respondsTo,
    attribution: record.attribution,
    attributionNote: record.attributionNote ?? "",
  };
}

/** The JSON body the curator API expects (lib/validation/statement-form.ts). */
export function requestBodyFrom(
  state: EditorState,
  status: "draft" | "published",
  version: number | null,
): Record<string, unknown> {
  return {
    ...(version !== null ? { version } : {}),
    text: state.text,
    language: state.language,
    kind: state.kind,
    speakerId: state.speaker?.id ?? null,
    newSpeaker: state.speaker ? null : state.newSpeaker,
    saidOn: state.saidOn,
    saidOnApproximate: state.saidOnApproximate,
    topicIds: state.topics.flatMap((t) => (t.id === null ? [] : [t.id])),
    newTopics: state.topics.flatMap((t) => (t.id === null ? [t.name] : [])),
    sources: state.sources,
    context: state.context,
    translationOfId: state.translationOf?.id ?? null,
    translatedBy: state.translatedBy,
    respondsToIds: state.respondsTo.map((r) => r.id),
    attribution: state.attribution,
    attributionNote: state.attributionNote,
    status,
  };
}
