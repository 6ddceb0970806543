"use client";

import { useCallback } from "react";
import { type CurateEntitiesText } from "@/lib/i18n/messages/curate-entities";
import { fill } from "@/lib/i18n/translate";
import { loadJson } from "@/components/forms";
import { Combobox, type Option } from "./autocomplete";

// The speaker or topic picker of the curator screens: a Combobox over the
// autocomplete endpoints (/api/curate/speakers, /api/curate/topics), labelled
// by the field around it, whose status line says how the suggestions stand.

export type EntityOption = { id: number; name: string };

type SpeakerHit = { id: number; name: string; role: string | null; affiliation: string | null; matched: string };
type TopicHit = { id: number; name: string; parentName: string | null };

const LIMIT = 10;

function optionsFrom(entity: "speakers" | "topics", body: unknown): Option[] {
  if (entity === "speakers") {
    const hits = (body as { speakers?: SpeakerHit[] } | null)?.speakers ?? [];
    return hits.map((hit) => ({
      key: String(hit.id),
      label: hit.name,
      detail:
        [hit.matched !== hit.name ? hit.matched : null, hit.role, hit.affiliation].filter(Boolean).join(" · ") ||
        undefined,
    }));
  }
  const hits = (body as { topics?: TopicHit[] } | null)?.topics ?? [];
  return hits.map((hit) => ({ key: String(hit.id), label: hit.name, detail: hit.parentName ?? undefined }));
}

export function EntityAutocomplete({
  id,
  entity,
  excludeId,
  onSelect,
  text,
  invalid,
  describedBy,
}: {
  id: string;
  entity: "speakers" | "topics";
  /** The record being edited, which cannot be its own affiliation, parent or merge target. */
  excludeId?: number;
  onSelect: (option: EntityOption) => void;
  text: CurateEntitiesText;
  invalid?: boolean;
  describedBy?: string;
}) {
  const load = useCallback(
    async (query: string): Promise<Option[]> => {
      const params = new URLSearchParams({ q: query, limit: String(LIMIT) });
      const body = await loadJson<unknown>(`/api/curate/${entity}?${params.toString()}`);
      return optionsFrom(entity, body)
        .filter((option) => option.key !== String(excludeId))
        .slice(0, LIMIT);
    },
    [entity, excludeId],
  );

  return (
    <Combobox
      inputId={id}
      load={load}
      onPick={(option) => onSelect({ id: Number(option.key), name: option.label })}
      status={({ loading, failed, count }) =>
        loading
          ? text.loadingSuggestions
          : failed
            ? text.networkFailed
            : count === 0
              ? text.noSuggestions
              : fill(text.suggestionsCount, { count })
      }
      enterPicksFirst
      describedBy={describedBy}
      invalid={invalid}
      dir="auto"
      inputClassName={`w-full rounded border px-3 py-2 ${invalid ? "border-red-700" : "border-slate-500"}`}
    />
  );
}
