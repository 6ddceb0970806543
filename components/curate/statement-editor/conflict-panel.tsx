import { StatementText } from "@/components/statement-text";
import type { EditorState } from "@/lib/curate/editor-state";
import { diffWords } from "@/lib/text/word-diff";
import type { EditorText } from "./editor-text";
import type { Conflict } from "./use-statement-save";

/** Someone saved in between: their version beside this one (with the words changed marked), and the two ways on. */
export function ConflictPanel({
  t,
  formId,
  conflict,
  state,
  onKeepMine,
}: {
  t: EditorText;
  formId: string;
  conflict: Conflict;
  state: EditorState;
  onKeepMine: () => void;
}) {
  return (
    <section
      aria-labelledby={`${formId}-conflict`}
      className="space-y-3 rounded border border-amber-700 bg-amber-50 p-4"
    >
      <h2 id={`${formId}-conflict`} className="text-lg font-bold">
        {t("conflictHeading")}
      </h2>
      <p>
        {t("conflictText", { version: conflict.currentVersion, name: conflict.current.updatedBy ?? t("unknownUser") })}
      </p>
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <h3 className="font-semibold">{t("conflictTheirs")}</h3>
          <p className="text-sm">{conflict.current.labels.speaker?.name}</p>
          <StatementText
            text={conflict.current.record.text}
            language={state.language}
            kind={state.kind}
            className="border-s-4 border-slate-400 ps-3"
          />
        </div>
        <div>
          <h3 className="font-semibold">{t("conflictYours")}</h3>
          <p className="text-sm">{state.speaker?.name ?? state.newSpeaker?.name}</p>
          <p lang={state.language} className="border-s-4 border-slate-400 ps-3">
            <bdi>
              {diffWords(conflict.current.record.text, state.text).map((part, i) =>
                part.kind === "same" ? (
                  <span key={i}>{part.text}</span>
                ) : part.kind === "added" ? (
                  <ins key={i} className="bg-green-100">
                    {part.text}
                  </ins>
                ) : (
                  <del key={i} className="bg-red-100">
                    {part.text}
                  </del>
                ),
              )}
            </bdi>
          </p>
        </div>
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="button" className="rounded bg-amber-800 px-3 py-1 text-white" onClick={onKeepMine}>
          {t("conflictKeepMine")}
        </button>
        <button
          type="button"
          className="rounded border border-slate-500 px-3 py-1"
          onClick={() => window.location.reload()}
        >
          {t("conflictTakeTheirs")}
        </button>
      </div>
    </section>
  );
}
