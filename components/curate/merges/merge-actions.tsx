"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { requestJson, type RequestText } from "@/components/forms";

// The buttons of the merge queue and of a statement's reports and merge history: each posts to
// /api/curate/merges/… (the server checks the session, the role and every field) and, once the
// server agrees, reloads the page's data (the pair moves list, the split-off statement appears in
// the history); a refusal is shown beside the buttons.

export type MergeAction = {
  label: string;
  /** The route under /api/curate/merges/ that does it. */
  route: "accept" | "reject" | "reopen" | "split" | "undo";
  body: Record<string, number>;
  /** Stands out: the action most often right. */
  primary?: boolean;
};

/** One or more actions on the same thing (a pair, a report, a merge), with the answer of the last one tried. */
export function MergeActions({
  actions,
  groupLabel,
  text,
}: {
  actions: MergeAction[];
  groupLabel: string;
  text: RequestText;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function run(action: MergeAction) {
    setBusy(true);
    const result = await requestJson(`/api/curate/merges/${action.route}`, "POST", action.body, text);
    setBusy(false);
    if (!result.ok) {
      setProblem(
        result.problems.length > 0
          ? result.problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join("; ")
          : result.message,
      );
      return;
    }
    setProblem(null);
    router.refresh();
  }

  return (
    <div role="group" aria-label={groupLabel} className="flex flex-wrap items-center gap-2">
      {actions.map((action) => (
        <button
          key={action.label}
          type="button"
          disabled={busy}
          onClick={() => void run(action)}
          className={
            action.primary
              ? "rounded bg-slate-900 px-3 py-1 font-semibold text-white disabled:opacity-60"
              : "rounded border border-slate-500 px-3 py-1 disabled:opacity-60"
          }
        >
          {action.label}
        </button>
      ))}
      {problem ? (
        <p role="alert" className="basis-full text-red-800">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
