"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useState } from "react";
import { StatementText } from "@/components/statement-text";
import { EMPTY_SOURCE, requestBodyFrom, type EditorState, type PickedStatement } from "@/lib/curate/editor-state";
import type { UiLocale } from "@/lib/i18n/config";
import { curateStatementMessages } from "@/lib/i18n/messages/curate-statement";
import { translator } from "@/lib/i18n/translate";
import { LANGUAGES, SUPPORTED_LANGUAGES, isSupportedLanguage } from "@/lib/languages";
import { suggestLanguage } from "@/lib/text/suggest-language";
import { diffWords } from "@/lib/text/word-diff";
import { Autocomplete, type Option } from "./autocomplete";

type FieldErrors = Record<string, string>;
type Duplicate = { id: number; text: string; saidOn: string | null; similarity: number; draft: boolean };
type Conflict = { currentVersion: number; current: { record: { text: string }; labels: { speaker: { name: string } | null }; updatedBy: string | null } };

type Props = {
  locale: UiLocale;
  statementId: number | null;
  version: number | null;
  status: "draft" | "published" | "retracted";
  initial: EditorState;
};

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(String(response.status));
  return (await response.json()) as T;
}

const inputClass = "mt-1 w-full rounded border border-slate-400 px-2 py-1";

/**
 * The form to add or edit a statement. Nothing typed is ever lost: a refused
 * save keeps every field and marks the ones to correct; a version conflict
 * shows both versions side by side; a network error says so and waits.
 */
export function StatementEditor({ locale, statementId, version: initialVersion, status, initial }: Props) {
  const t = translator(curateStatementMessages, locale);
  const router = useRouter();
  const formId = useId();
  const [state, setState] = useState<EditorState>(initial);
  const [version, setVersion] = useState(initialVersion);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<{ kind: "error" | "ok"; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [preview, setPreview] = useState(false);
  const [duplicates, setDuplicates] = useState<{ list: Duplicate[]; searchAvailable: boolean }>({ list: [], searchAvailable: true });
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const set = <K extends keyof EditorState>(key: K, value: EditorState[K]) => setState((s) => ({ ...s, [key]: value }));
  const error = (field: string) => errors[field] ?? Object.entries(errors).find(([key]) => key.startsWith(`${field}.`))?.[1];
  const suggested = suggestLanguage(state.text);

  // Likely duplicates: same speaker, most words shared (checked while typing, never blocking).
  const speakerId = state.speaker?.id ?? null;
  const checksDuplicates = speakerId !== null && state.text.trim().length >= 15;
  useEffect(() => {
    if (!checksDuplicates) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch("/api/curate/statements/duplicates", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text: state.text, speakerId, excludeId: statementId }),
        signal: controller.signal,
      })
        .then((r) => (r.ok ? r.json() : null))
        .then((body: { duplicates: Duplicate[]; searchAvailable: boolean } | null) => {
          if (body) setDuplicates({ list: body.duplicates, searchAvailable: body.searchAvailable });
        })
        .catch(() => undefined);
    }, 500);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [checksDuplicates, state.text, speakerId, statementId]);

  const loadSpeakers = useCallback(
    async (q: string): Promise<Option[]> => {
      const body = await getJson<{ speakers: Array<{ id: number; name: string; kind: string; role: string | null; matched: string }> }>(`/api/curate/speakers?q=${encodeURIComponent(q)}&limit=8`);
      return body.speakers.map((s) => ({ key: `speaker:${s.id}`, label: s.name, detail: [s.matched !== s.name ? s.matched : null, s.role].filter(Boolean).join(" · ") }));
    },
    [],
  );
  const newSpeakerOption = useCallback((q: string): Option[] => (q ? [{ key: `new-speaker:${q}`, label: t("speakerNew", { name: q }) }] : []), [t]);
  const loadTopics = useCallback(async (q: string): Promise<Option[]> => {
    const body = await getJson<{ topics: Array<{ id: number; name: string; parentName: string | null }> }>(`/api/curate/topics?q=${encodeURIComponent(q)}&limit=8`);
    return body.topics.map((topic) => ({ key: `topic:${topic.id}`, label: topic.name, detail: topic.parentName ?? undefined }));
  }, []);
  const newTopicOption = useCallback((q: string): Option[] => (q ? [{ key: `new-topic:${q}`, label: t("createTopic", { name: q }) }] : []), [t]);
  const loadStatements = useCallback(async (q: string): Promise<Option[]> => {
    if (!q) return [];
    const body = await getJson<{ statements: Array<{ id: number; text: string; language: string; speakerName: string; saidOn: string | null }> }>(`/api/curate/statements/lookup?q=${encodeURIComponent(q)}`);
    return body.statements
      .filter((s) => s.id !== statementId)
      .map((s) => ({ key: `statement:${s.id}:${s.text}`, label: `#${s.id} ${s.text.length > 90 ? `${s.text.slice(0, 90)}…` : s.text}`, detail: [s.speakerName, s.saidOn].filter(Boolean).join(" · "), lang: s.language }));
  }, [statementId]);
  const pickedStatement = (option: Option): PickedStatement => {
    const [, id, ...text] = option.key.split(":");
    return { id: Number(id), text: text.join(":") };
  };

  async function save(targetStatus: "draft" | "published", overVersion: number | null = version) {
    setSaving(true);
    setNotice(null);
    try {
      const response = await fetch(statementId === null ? "/api/curate/statements" : `/api/curate/statements/${statementId}`, {
        method: statementId === null ? "POST" : "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(requestBodyFrom(state, targetStatus, statementId === null ? null : overVersion)),
      });
      const body = (await response.json().catch(() => null)) as
        | { id: number; version: number; error?: undefined }
        | { error: { message: string; fields?: Array<{ field: string; message: string }> }; currentVersion?: number; current?: Conflict["current"] }
        | null;
      if (response.ok && body && !body.error) {
        setErrors({});
        setConflict(null);
        if (statementId === null) {
          router.push(`/curate/statements/${body.id}?saved=1`);
          return;
        }
        // The page re-renders from what is stored (its editor is keyed by version) and says "Saved":
        // a notice kept here would vanish with the remount.
        setVersion(body.version);
        router.replace(`/curate/statements/${statementId}?saved=${body.version}`, { scroll: false });
        return;
      }
      if (response.status === 409 && body?.error && body.currentVersion && body.current) {
        setConflict({ currentVersion: body.currentVersion, current: body.current });
        return;
      }
      if (response.status === 401) {
        setNotice({ kind: "error", text: t("loggedOut") });
        return;
      }
      if (response.status === 400 && body?.error) {
        setErrors(Object.fromEntries((body.error.fields ?? []).map((f) => [f.field, f.message])));
        setNotice({ kind: "error", text: t("problems") });
        return;
      }
      setNotice({ kind: "error", text: body?.error?.message ?? t("serverError", { status: response.status }) });
    } catch {
      setNotice({ kind: "error", text: t("networkError") });
    } finally {
      setSaving(false);
    }
  }

  const field = (name: string) => ({
    id: `${formId}-${name}`,
    "aria-invalid": error(name) ? true : undefined,
    "aria-describedby": [error(name) ? `${formId}-${name}-error` : null, `${formId}-${name}-help`].filter(Boolean).join(" "),
  });
  const fieldError = (name: string) =>
    error(name) ? (
      <p id={`${formId}-${name}-error`} className="text-sm text-red-800">
        {error(name)}
      </p>
    ) : null;
  const help = (name: string, text: string) => (
    <p id={`${formId}-${name}-help`} className="text-sm text-slate-700">
      {text}
    </p>
  );

  return (
    <form
      className="space-y-6"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save(status === "published" ? "published" : "draft");
      }}
    >
      {notice ? (
        <p role={notice.kind === "error" ? "alert" : "status"} className={notice.kind === "error" ? "rounded border border-red-700 bg-red-50 p-3 text-red-900" : "rounded border border-green-700 bg-green-50 p-3 text-green-900"}>
          {notice.text}
        </p>
      ) : null}
      {errors.body ? <p role="alert">{errors.body}</p> : null}

      {conflict ? (
        <section aria-labelledby={`${formId}-conflict`} className="space-y-3 rounded border border-amber-700 bg-amber-50 p-4">
          <h2 id={`${formId}-conflict`} className="text-lg font-bold">
            {t("conflictHeading")}
          </h2>
          <p>{t("conflictText", { version: conflict.currentVersion, name: conflict.current.updatedBy ?? t("unknownUser") })}</p>
          <div className="grid gap-4 md:grid-cols-2">
            <div>
              <h3 className="font-semibold">{t("conflictTheirs")}</h3>
              <p className="text-sm">{conflict.current.labels.speaker?.name}</p>
              <StatementText text={conflict.current.record.text} language={state.language} kind={state.kind} className="border-s-4 border-slate-400 ps-3" />
            </div>
            <div>
              <h3 className="font-semibold">{t("conflictYours")}</h3>
              <p className="text-sm">{state.speaker?.name ?? state.newSpeaker?.name}</p>
              <p lang={state.language} className="border-s-4 border-slate-400 ps-3">
                <bdi>
                  {diffWords(conflict.current.record.text, state.text).map((part, i) =>
                    part.kind === "same" ? <span key={i}>{part.text}</span> : part.kind === "added" ? <ins key={i} className="bg-green-100">{part.text}</ins> : <del key={i} className="bg-red-100">{part.text}</del>,
                  )}
                </bdi>
              </p>
            </div>
          </div>
          <div className="flex flex-wrap gap-3">
            <button type="button" className="rounded bg-amber-800 px-3 py-1 text-white" onClick={() => void save(status === "published" ? "published" : "draft", conflict.currentVersion)}>
              {t("conflictKeepMine")}
            </button>
            <button type="button" className="rounded border border-slate-500 px-3 py-1" onClick={() => window.location.reload()}>
              {t("conflictTakeTheirs")}
            </button>
          </div>
        </section>
      ) : null}

      <div>
        <label htmlFor={`${formId}-text`} className="block font-medium">
          {t("text")}
        </label>
        {help("text", t("textHelp"))}
        <textarea
          {...field("text")}
          name="text"
          rows={5}
          maxLength={10_000}
          value={state.text}
          lang={state.language}
          dir="auto"
          onChange={(event) => set("text", event.target.value)}
          className={inputClass}
        />
        {fieldError("text")}
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor={`${formId}-language`} className="block font-medium">
            {t("language")}
          </label>
          <select {...field("language")} name="language" value={state.language} onChange={(event) => set("language", event.target.value)} className={inputClass}>
            {SUPPORTED_LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {LANGUAGES[code].nativeName} ({code})
              </option>
            ))}
          </select>
          <p id={`${formId}-language-help`} className="text-sm text-slate-700">
            {suggested && suggested !== state.language ? (
              <>
                {t("languageSuggested", { language: LANGUAGES[suggested].nativeName })}{" "}
                <button type="button" className="underline" onClick={() => set("language", suggested)}>
                  {t("useSuggestion")}
                </button>
              </>
            ) : null}
          </p>
          {fieldError("language")}
        </div>
        <fieldset>
          <legend className="font-medium">{t("kind")}</legend>
          {(["direct", "indirect", "mixed"] as const).map((kind) => (
            <label key={kind} className="me-4 inline-flex items-center gap-1">
              <input type="radio" name="kind" value={kind} checked={state.kind === kind} onChange={() => set("kind", kind)} />
              {kind === "direct" ? t("kindDirect") : kind === "indirect" ? t("kindIndirect") : t("kindMixed")}
            </label>
          ))}
          {fieldError("kind")}
        </fieldset>
      </div>

      <div className="space-y-2">
        {state.speaker || state.newSpeaker ? (
          <div>
            <p className="font-medium">{t("speaker")}</p>
            <p className="flex items-center gap-3">
              <bdi className="rounded bg-slate-100 px-2 py-1">{state.speaker ? state.speaker.name : t("speakerNew", { name: state.newSpeaker!.name })}</bdi>
              <button type="button" className="underline" onClick={() => setState((s) => ({ ...s, speaker: null, newSpeaker: null }))}>
                {t("clear")}
              </button>
            </p>
            {state.newSpeaker ? (
              <label className="mt-2 block">
                {t("newSpeakerKind")}{" "}
                <select
                  value={state.newSpeaker.kind}
                  onChange={(event) => set("newSpeaker", { ...state.newSpeaker!, kind: event.target.value as "person" | "organization" | "group" })}
                  className="rounded border border-slate-400 px-2 py-1"
                >
                  <option value="person">{t("speakerKindPerson")}</option>
                  <option value="organization">{t("speakerKindOrganization")}</option>
                  <option value="group">{t("speakerKindGroup")}</option>
                </select>
              </label>
            ) : null}
            {error("speakerId") || error("newSpeaker") ? <p className="text-sm text-red-800">{error("speakerId") ?? error("newSpeaker")}</p> : null}
          </div>
        ) : (
          <Autocomplete
            name="speaker"
            label={t("speaker")}
            help={t("speakerHelp")}
            load={loadSpeakers}
            extra={newSpeakerOption}
            noResults={t("noResults")}
            error={error("speakerId") ?? error("newSpeaker")}
            onPick={(option) => {
              if (option.key.startsWith("new-speaker:")) set("newSpeaker", { name: option.key.slice("new-speaker:".length), kind: "person" });
              else set("speaker", { id: Number(option.key.slice("speaker:".length)), name: option.label });
            }}
          />
        )}
      </div>

      {checksDuplicates && (duplicates.list.length > 0 || !duplicates.searchAvailable) ? (
        <section aria-live="polite" className="rounded border border-amber-600 bg-amber-50 p-3">
          {duplicates.list.length > 0 ? (
            <>
              <h2 className="font-semibold">{t("duplicatesHeading")}</h2>
              <p className="text-sm">{t("duplicatesHelp")}</p>
              <ul className="mt-2 list-disc ps-5">
                {duplicates.list.map((d) => (
                  <li key={d.id}>
                    <Link href={d.draft ? `/curate/statements/${d.id}` : `/statements/${d.id}`} className="underline">
                      #{d.id}
                    </Link>{" "}
                    <bdi>{d.text.length > 160 ? `${d.text.slice(0, 160)}…` : d.text}</bdi> {d.draft ? `(${t("duplicateDraft")})` : null} {Math.round(d.similarity * 100)}%
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {!duplicates.searchAvailable ? <p className="text-sm">{t("searchDown")}</p> : null}
        </section>
      ) : null}

      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor={`${formId}-saidOn`} className="block font-medium">
            {t("saidOn")}
          </label>
          {help("saidOn", t("saidOnHelp"))}
          <input {...field("saidOn")} name="saidOn" inputMode="numeric" placeholder="2016-10-13" value={state.saidOn} onChange={(event) => set("saidOn", event.target.value)} className={inputClass} />
          {fieldError("saidOn")}
          <label className="mt-1 inline-flex items-center gap-1">
            <input type="checkbox" checked={state.saidOnApproximate} onChange={(event) => set("saidOnApproximate", event.target.checked)} />
            {t("approximate")}
          </label>
        </div>
        <div>
          <Autocomplete
            name="topic"
            label={t("topics")}
            help={t("topicsHelp")}
            load={loadTopics}
            extra={newTopicOption}
            noResults={t("noResults")}
            error={error("topicIds") ?? error("newTopics")}
            onPick={(option) => {
              const topic = option.key.startsWith("new-topic:") ? { id: null, name: option.key.slice("new-topic:".length) } : { id: Number(option.key.slice("topic:".length)), name: option.label };
              setState((s) => (s.topics.some((x) => x.name === topic.name) ? s : { ...s, topics: [...s.topics, topic] }));
            }}
          />
          <ul className="mt-2 flex flex-wrap gap-2">
            {state.topics.map((topic) => (
              <li key={`${topic.id}:${topic.name}`} className="flex items-center gap-1 rounded bg-slate-100 px-2 py-0.5">
                <bdi>{topic.name}</bdi>
                <button type="button" aria-label={`${t("clear")} ${topic.name}`} onClick={() => set("topics", state.topics.filter((x) => x !== topic))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        </div>
      </div>

      <fieldset className="space-y-3">
        <legend className="font-medium">{t("sources")}</legend>
        {state.sources.map((source, i) => (
          <div key={i} className="grid gap-2 rounded border border-slate-200 p-3 md:grid-cols-2">
            <p className="text-sm font-semibold md:col-span-2">{t("source", { n: i + 1 })}</p>
            {(["url", "outlet", "title", "publishedOn"] as const).map((key) => {
              const name = `sources.${i}.${key}`;
              const labels = { url: t("sourceUrl"), outlet: t("sourceOutlet"), title: t("sourceTitle"), publishedOn: t("sourcePublishedOn") };
              return (
                <div key={key}>
                  <label htmlFor={`${formId}-${name}`} className="block text-sm">
                    {labels[key]}
                  </label>
                  <input
                    id={`${formId}-${name}`}
                    aria-invalid={errors[name] ? true : undefined}
                    aria-describedby={errors[name] ? `${formId}-${name}-error` : undefined}
                    type={key === "url" ? "url" : "text"}
                    dir={key === "url" ? "ltr" : "auto"}
                    value={source[key]}
                    onChange={(event) => set("sources", state.sources.map((s, j) => (j === i ? { ...s, [key]: event.target.value } : s)))}
                    className={inputClass}
                  />
                  {fieldError(name)}
                </div>
              );
            })}
            {state.sources.length > 1 ? (
              <button type="button" className="justify-self-start underline" onClick={() => set("sources", state.sources.filter((_, j) => j !== i))}>
                {t("removeSource")}
              </button>
            ) : null}
          </div>
        ))}
        <button type="button" className="underline" onClick={() => set("sources", [...state.sources, { ...EMPTY_SOURCE }])}>
          {t("addSource")}
        </button>
      </fieldset>

      <div>
        <label htmlFor={`${formId}-context`} className="block font-medium">
          {t("context")}
        </label>
        {help("context", t("contextHelp"))}
        <textarea {...field("context")} rows={2} dir="auto" value={state.context} onChange={(event) => set("context", event.target.value)} className={inputClass} />
        {fieldError("context")}
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <div>
          {state.translationOf ? (
            <div>
              <p className="font-medium">{t("translationOf")}</p>
              <p className="flex items-center gap-2">
                <bdi>
                  #{state.translationOf.id} {state.translationOf.text.slice(0, 90)}
                </bdi>
                <button type="button" className="underline" onClick={() => set("translationOf", null)}>
                  {t("clear")}
                </button>
              </p>
            </div>
          ) : (
            <Autocomplete name="translationOf" label={t("translationOf")} help={t("translationOfHelp")} load={loadStatements} noResults={t("noResults")} error={error("translationOfId")} onPick={(option) => set("translationOf", pickedStatement(option))} />
          )}
          {state.translationOf ? (
            <div className="mt-2">
              <label htmlFor={`${formId}-translatedBy`} className="block">
                {t("translatedBy")}
              </label>
              <input {...field("translatedBy")} value={state.translatedBy} onChange={(event) => set("translatedBy", event.target.value)} className={inputClass} />
            </div>
          ) : null}
          {fieldError("translatedBy")}
        </div>
        <div>
          <Autocomplete
            name="respondsTo"
            label={t("respondsTo")}
            help={t("respondsToHelp")}
            load={loadStatements}
            noResults={t("noResults")}
            error={error("respondsToIds")}
            onPick={(option) => {
              const picked = pickedStatement(option);
              setState((s) => (s.respondsTo.some((r) => r.id === picked.id) ? s : { ...s, respondsTo: [...s.respondsTo, picked] }));
            }}
          />
          <ul className="mt-2 space-y-1">
            {state.respondsTo.map((r) => (
              <li key={r.id} className="flex items-center gap-2">
                <bdi>
                  #{r.id} {r.text.slice(0, 90)}
                </bdi>
                <button type="button" className="underline" onClick={() => set("respondsTo", state.respondsTo.filter((x) => x.id !== r.id))}>
                  {t("clear")}
                </button>
              </li>
            ))}
          </ul>
        </div>
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor={`${formId}-attribution`} className="block font-medium">
            {t("attribution")}
          </label>
          <select {...field("attribution")} value={state.attribution} onChange={(event) => set("attribution", event.target.value as EditorState["attribution"])} className={inputClass}>
            <option value="own_channel">{t("attributionOwnChannel")}</option>
            <option value="secondary">{t("attributionSecondary")}</option>
            <option value="disputed">{t("attributionDisputed")}</option>
            <option value="misattributed">{t("attributionMisattributed")}</option>
          </select>
        </div>
        <div>
          <label htmlFor={`${formId}-attributionNote`} className="block font-medium">
            {t("attributionNote")}
          </label>
          {help("attributionNote", t("attributionNoteHelp"))}
          <textarea {...field("attributionNote")} rows={2} dir="auto" value={state.attributionNote} onChange={(event) => set("attributionNote", event.target.value)} className={inputClass} />
          {fieldError("attributionNote")}
        </div>
      </div>

      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
        {status === "retracted" ? (
          <button type="button" disabled={saving} className="rounded bg-slate-800 px-3 py-1 text-white" onClick={() => void save("published")}>
            {saving ? t("saving") : t("saveChanges")}
          </button>
        ) : (
          <>
            <button type="button" disabled={saving} className="rounded border border-slate-500 px-3 py-1" onClick={() => void save("draft")}>
              {saving ? t("saving") : t("saveDraft")}
            </button>
            <button type="button" disabled={saving} className="rounded bg-slate-800 px-3 py-1 text-white" onClick={() => void save("published")}>
              {saving ? t("saving") : t("publish")}
            </button>
          </>
        )}
        <button type="button" className="underline" aria-expanded={preview} onClick={() => setPreview((p) => !p)}>
          {preview ? t("hidePreview") : t("preview")}
        </button>
      </div>

      {preview ? <StatementPreview state={state} locale={locale} /> : null}
    </form>
  );
}

/** The statement as a reader's card will show it: the same quote component, the same order. */
function StatementPreview({ state, locale }: { state: EditorState; locale: UiLocale }) {
  const t = translator(curateStatementMessages, locale);
  const speakerName = state.speaker?.name ?? state.newSpeaker?.name ?? "—";
  const attribution = { own_channel: t("attributionOwnChannel"), secondary: t("attributionSecondary"), disputed: t("attributionDisputed"), misattributed: t("attributionMisattributed") }[state.attribution];
  return (
    <section aria-label={t("previewHeading")} className="space-y-3 rounded border border-slate-300 p-4">
      <h2 className="text-sm font-semibold uppercase text-slate-700">{t("previewHeading")}</h2>
      <p className="text-lg font-semibold">
        <bdi>{speakerName}</bdi>
      </p>
      <StatementText text={state.text} language={isSupportedLanguage(state.language) ? state.language : "en"} kind={state.kind} className="border-s-4 border-slate-400 ps-4 text-xl" />
      <p className="text-sm text-slate-800">
        {[state.saidOn ? `${t("saidOn")}: ${state.saidOn}${state.saidOnApproximate ? ` (${t("approximate")})` : ""}` : null, attribution].filter(Boolean).join(" · ")}
      </p>
      {state.attributionNote ? <p className="text-sm">{state.attributionNote}</p> : null}
      {state.context ? <p className="text-sm">{state.context}</p> : null}
      {state.topics.length > 0 ? <p className="text-sm">{state.topics.map((x) => x.name).join(", ")}</p> : null}
      <ul className="text-sm">
        {state.sources
          .filter((s) => s.url || s.outlet || s.title)
          .map((s, i) => (
            <li key={i}>
              <bdi>{[s.outlet, s.title, s.publishedOn].filter(Boolean).join(" · ")}</bdi> {s.url ? <span dir="ltr">{s.url}</span> : null}
            </li>
          ))}
      </ul>
    </section>
  );
}
