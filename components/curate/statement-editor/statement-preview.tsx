import { StatementText } from "@/components/statement-text";
import type { EditorState } from "@/lib/curate/editor-state";
import type { UiLocale } from "@/lib/i18n/config";
import { isSupportedLanguage } from "@/lib/languages";
import { editorText } from "./editor-text";

/** The statement as a reader's card will show it: the same quote component, the same order. */
export function StatementPreview({ state, locale }: { state: EditorState; locale: UiLocale }) {
  const t = editorText(locale);
  const speakerName = state.speaker?.name ?? state.newSpeaker?.name ?? "—";
  const attribution = {
    own_channel: t("attributionOwnChannel"),
    secondary: t("attributionSecondary"),
    disputed: t("attributionDisputed"),
    misattributed: t("attributionMisattributed"),
  }[state.attribution];
  return (
    <section aria-label={t("previewHeading")} className="space-y-3 rounded border border-slate-300 p-4">
      <h2 className="text-sm font-semibold uppercase text-slate-700">{t("previewHeading")}</h2>
      <p className="text-lg font-semibold">
        <bdi>{speakerName}</bdi>
      </p>
      <StatementText
        text={state.text}
        language={isSupportedLanguage(state.language) ? state.language : "en"}
        kind={state.kind}
        className="border-s-4 border-slate-400 ps-4 text-xl"
      />
      <p className="text-sm text-slate-800">
        {[
          state.saidOn
            ? `${t("saidOn")}: ${state.saidOn}${state.saidOnApproximate ? ` (${t("approximate")})` : ""}`
            : null,
          attribution,
        ]
          .filter(Boolean)
          .join(" · ")}
      </p>
      {state.attributionNote ? <p className="text-sm">{state.attributionNote}</p> : null}
      {state.context ? <p className="text-sm">{state.context}</p> : null}
      {state.topics.length > 0 ? <p className="text-sm">{state.topics.map((x) => x.name).join(", ")}</p> : null}
      <ul className="text-sm">
        {state.sources
          .filter((s) => s.url || s.outlet || s.title)
          .map((s, i) => (
            <li key={i}>
              <bdi>{[s.outlet, s.title, s.publishedOn].filter(Boolean).join(" · ")}</bdi>{" "}
              {s.url ? <span dir="ltr">{s.url}</span> : null}
            </li>
          ))}
      </ul>
    </section>
  );
}
