"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormMessage, requestJson } from "@/components/forms";
import { type CurateEntitiesText } from "@/lib/i18n/messages/curate-entities";
import { fill } from "@/lib/i18n/translate";

/** An admin's "delete": only offered when no statement uses the speaker or topic (the route refuses it otherwise). */
export function DeletePanel({
  entity,
  id,
  name,
  statementCount,
  text,
}: {
  entity: "speakers" | "topics";
  id: number;
  name: string;
  statementCount: number;
  text: CurateEntitiesText;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState("");
  const noun = entity === "speakers" ? text.entitySpeaker : text.entityTopic;

  if (statementCount > 0) return <p>{fill(text.deleteInUse, { count: statementCount, entity: noun })}</p>;

  async function remove() {
    setPending(true);
    setError("");
    const result = await requestJson(`/api/curate/${entity}/${id}`, "DELETE", undefined, text);
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      setConfirming(false);
      return;
    }
    router.push(`/curate/${entity}?${new URLSearchParams({ deleted: name }).toString()}`);
  }

  return (
    <div className="space-y-3">
      <p>{fill(text.deleteIntro, { entity: noun })}</p>
      {confirming ? (
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            disabled={pending}
            onClick={() => void remove()}
            className="rounded bg-red-800 px-4 py-2 font-semibold text-white disabled:opacity-70"
          >
            {pending ? text.deleting : text.deleteConfirm}
          </button>
          <button
            type="button"
            disabled={pending}
            onClick={() => setConfirming(false)}
            className="rounded border border-slate-500 px-4 py-2"
          >
            {text.cancel}
          </button>
        </div>
      ) : (
        <button
          type="button"
          onClick={() => setConfirming(true)}
          className="rounded border border-red-800 px-4 py-2 text-red-900"
        >
          {fill(text.deleteButton, { entity: noun })}
        </button>
      )}
      <FormMessage error={error} />
    </div>
  );
}
