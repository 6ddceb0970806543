import { loadJson } from "@/components/forms";
import type { Option } from "./autocomplete";

// What the statement editor and the extraction's proposals suggest while a
// curator types: speakers, topics and statements to link, as picker options.
// A failed request throws, and the picker says it could not load.

type SpeakerSuggestion = { id: number; name: string; role: string | null; matched: string };
type TopicSuggestion = { id: number; name: string; parentName: string | null };
type StatementSuggestion = { id: number; text: string; language: string; speakerName: string; saidOn: string | null };

const SUGGESTIONS = 8;

export async function speakerOptions(q: string): Promise<Option[]> {
  const body = await loadJson<{ speakers: SpeakerSuggestion[] }>(
    `/api/curate/speakers?q=${encodeURIComponent(q)}&limit=${SUGGESTIONS}`,
  );
  return body.speakers.map((s) => ({
    key: `speaker:${s.id}`,
    label: s.name,
    detail: [s.matched !== s.name ? s.matched : null, s.role].filter(Boolean).join(" · "),
  }));
}

export async function topicOptions(q: string): Promise<Option[]> {
  const body = await loadJson<{ topics: TopicSuggestion[] }>(
    `/api/curate/topics?q=${encodeURIComponent(q)}&limit=${SUGGESTIONS}`,
  );
  return body.topics.map((topic) => ({
    key: `topic:${topic.id}`,
    label: topic.name,
    detail: topic.parentName ?? undefined,
  }));
}

/** Statements to link (a translation's original, what one responds to); never `excludeId`, the one being edited. */
export async function statementOptions(q: string, excludeId: number | null): Promise<Option[]> {
  if (!q) return [];
  const body = await loadJson<{ statements: StatementSuggestion[] }>(
    `/api/curate/statements/lookup?q=${encodeURIComponent(q)}`,
  );
  return body.statements
    .filter((s) => s.id !== excludeId)
    .map((s) => ({
      key: `statement:${s.id}:${s.text}`,
      label: `#${s.id} ${s.text.length > 90 ? `${s.text.slice(0, 90)}…` : s.text}`,
      detail: [s.speakerName, s.saidOn].filter(Boolean).join(" · "),
      lang: s.language,
    }));
}
