"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormMessage, requestJson } from "@/components/forms";
import { type CurateEntitiesText } from "@/lib/i18n/messages/curate-entities";
import { fill } from "@/lib/i18n/translate";
import { EntityAutocomplete, type EntityOption } from "./entity-autocomplete";

type Entity = "speakers" | "topics";

/**
 * "Merge into another speaker/topic": pick the survivor by autocomplete, read
 * what will happen (how many statements move), confirm. On success the
 * survivor's edit page opens; this one's address then redirects there.
 */
export function MergePanel({
  entity,
  id,
  name,
  statementCount,
  text,
}: {
  entity: Entity;
  id: number;
  name: string;
  statementCount: number;
  text: CurateEntitiesText;
}) {
  const router = useRouter();
  const [target, setTarget] = useState<EntityOption | null>(null);
  const [error, setError] = useState("");
  const [pending, setPending] = useState(false);
  const noun = entity === "speakers" ? text.entitySpeaker : text.entityTopic;
  const inputId = `merge-${entity}-target`;

  async function merge() {
    if (!target) {
      setError(fill(text.mergeChoose, { entity: noun }));
      return;
    }
    setPending(true);
    setError("");
    const result = await requestJson<{ movedStatements: number; into: { id: number } }>(
      `/api/curate/${entity}/${id}/merge`,
      "POST",
      { intoId: target.id },
      text,
    );
    setPending(false);
    if (!result.ok) {
      setError(
        result.fields.intoId
          ? `${text.mergeTarget}: ${result.fields.intoId}`
          : result.status === 404
            ? entity === "speakers"
              ? text.speakerNotFound
              : text.topicNotFound
            : result.message,
      );
      return;
    }
    const params = new URLSearchParams({ merged: name, moved: String(result.data.movedStatements) });
    router.push(`/curate/${entity}/${result.data.into.id}?${params.toString()}`);
  }

  return (
    <div className="space-y-3">
      <p>{entity === "speakers" ? text.mergeIntroSpeaker : text.mergeIntroTopic}</p>
      <div className="flex max-w-xl flex-col gap-1">
        <label htmlFor={inputId} className="font-semibold">
          {text.mergeTarget}
        </label>
        <EntityAutocomplete
          id={inputId}
          entity={entity}
          excludeId={id}
          text={text}
          describedBy={`${inputId}-hint`}
          onSelect={(option) => {
            setTarget(option);
            setError("");
          }}
        />
        <p id={`${inputId}-hint`} className="text-sm text-slate-700">
          {fill(text.mergeTargetHint, { entity: noun })}
        </p>
      </div>
      {target ? (
        <div className="space-y-2 rounded border border-amber-400 bg-amber-50 p-3" data-testid="merge-confirmation">
          <p className="font-semibold">
            <bdi>{fill(text.mergeConfirmTitle, { from: name, into: target.name })}</bdi>
          </p>
          <p>
            <bdi>
              {fill(entity === "speakers" ? text.mergeConfirmSpeaker : text.mergeConfirmTopic, {
                count: statementCount,
                from: name,
                into: target.name,
              })}
            </bdi>
          </p>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              disabled={pending}
              onClick={() => void merge()}
              className="rounded bg-red-800 px-4 py-2 font-semibold text-white disabled:opacity-70"
            >
              {pending ? text.merging : text.mergeButton}
            </button>
            <button
              type="button"
              disabled={pending}
              onClick={() => setTarget(null)}
              className="rounded border border-slate-500 px-4 py-2"
            >
              {text.cancel}
            </button>
          </div>
        </div>
      ) : null}
      <FormMessage error={error} />
    </div>
  );
}
