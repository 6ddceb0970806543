"use client";

import { useId, useState } from "react";
import type { EditorState } from "@/lib/curate/editor-state";
import type { UiLocale } from "@/lib/i18n/config";
import { LANGUAGES, SUPPORTED_LANGUAGES } from "@/lib/languages";
import { suggestLanguage } from "@/lib/text/suggest-language";
import { ConflictPanel } from "./conflict-panel";
import { DuplicatesNotice } from "./duplicates-notice";
import { editorText } from "./editor-text";
import { fieldHelpers, inputClass, type SetField } from "./field-parts";
import { LinkedStatements, SpeakerField, TopicsField } from "./pickers";
import { SourcesFieldset } from "./sources-fieldset";
import { StatementPreview } from "./statement-preview";
import { useDuplicateCheck } from "./use-duplicate-check";
import { useStatementSave } from "./use-statement-save";

// The statement editor: this file lays the form out and holds what is typed;
// saving (with the version check) is useStatementSave, the duplicate warning
// useDuplicateCheck, and the larger fields are components of their own.

type Props = {
  locale: UiLocale;
  statementId: number | null;
  version: number | null;
  status: "draft" | "published" | "retracted";
  initial: EditorState;
};

/**
 * The form to add or edit a statement. Nothing typed is ever lost: a refused
 * save keeps every field and marks the ones to correct; a version conflict
 * shows both versions side by side; a network error says so and waits.
 */
export function StatementEditor({ locale, statementId, version: initialVersion, status, initial }: Props) {
  const t = editorText(locale);
  const formId = useId();
  const [state, setState] = useState<EditorState>(initial);
  const [preview, setPreview] = useState(false);
  const { errors, notice, saving, conflict, save } = useStatementSave({ t, statementId, initialVersion, state });
  const duplicates = useDuplicateCheck({ text: state.text, speakerId: state.speaker?.id ?? null, statementId });

  const set: SetField = (key, value) => setState((s) => ({ ...s, [key]: value }));
  const fields = fieldHelpers(formId, errors);
  const { field, fieldError, help } = fields;
  const pickers = { t, state, set, setState, fields };
  const suggested = suggestLanguage(state.text);
  const keptStatus = status === "published" ? "published" : "draft";

  return (
    <form
      className="space-y-6"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save(keptStatus);
      }}
    >
      {notice ? (
        <p
          role={notice.kind === "error" ? "alert" : "status"}
          className={
            notice.kind === "error"
              ? "rounded border border-red-700 bg-red-50 p-3 text-red-900"
              : "rounded border border-green-700 bg-green-50 p-3 text-green-900"
          }
        >
          {notice.text}
        </p>
      ) : null}
      {errors.body ? <p role="alert">{errors.body}</p> : null}

      {conflict ? (
        <ConflictPanel
          t={t}
          formId={formId}
          conflict={conflict}
          state={state}
          onKeepMine={() => void save(keptStatus, conflict.currentVersion)}
        />
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
          <select
            {...field("language")}
            name="language"
            value={state.language}
            onChange={(event) => set("language", event.target.value)}
            className={inputClass}
          >
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
              <input
                type="radio"
                name="kind"
                value={kind}
                checked={state.kind === kind}
                onChange={() => set("kind", kind)}
              />
              {kind === "direct" ? t("kindDirect") : kind === "indirect" ? t("kindIndirect") : t("kindMixed")}
            </label>
          ))}
          {fieldError("kind")}
        </fieldset>
      </div>

      <SpeakerField {...pickers} />

      {duplicates.checks ? <DuplicatesNotice t={t} duplicates={duplicates.duplicates} /> : null}

      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor={`${formId}-saidOn`} className="block font-medium">
            {t("saidOn")}
          </label>
          {help("saidOn", t("saidOnHelp"))}
          <input
            {...field("saidOn")}
            name="saidOn"
            inputMode="numeric"
            placeholder="2016-10-13"
            value={state.saidOn}
            onChange={(event) => set("saidOn", event.target.value)}
            className={inputClass}
          />
          {fieldError("saidOn")}
          <label className="mt-1 inline-flex items-center gap-1">
            <input
              type="checkbox"
              checked={state.saidOnApproximate}
              onChange={(event) => set("saidOnApproximate", event.target.checked)}
            />
            {t("approximate")}
          </label>
        </div>
        <TopicsField {...pickers} />
      </div>

      <SourcesFieldset t={t} sources={state.sources} fields={fields} onChange={(sources) => set("sources", sources)} />

      <div>
        <label htmlFor={`${formId}-context`} className="block font-medium">
          {t("context")}
        </label>
        {help("context", t("contextHelp"))}
        <textarea
          {...field("context")}
          rows={2}
          dir="auto"
          value={state.context}
          onChange={(event) => set("context", event.target.value)}
          className={inputClass}
        />
        {fieldError("context")}
      </div>

      <LinkedStatements {...pickers} statementId={statementId} />

      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor={`${formId}-attribution`} className="block font-medium">
            {t("attribution")}
          </label>
          <select
            {...field("attribution")}
            value={state.attribution}
            onChange={(event) => set("attribution", event.target.value as EditorState["attribution"])}
            className={inputClass}
          >
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
          <textarea
            {...field("attributionNote")}
            rows={2}
            dir="auto"
            value={state.attributionNote}
            onChange={(event) => set("attributionNote", event.target.value)}
            className={inputClass}
          />
          {fieldError("attributionNote")}
        </div>
      </div>

      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
        {status === "retracted" ? (
          <button
            type="button"
            disabled={saving}
            className="rounded bg-slate-800 px-3 py-1 text-white"
            onClick={() => void save("published")}
          >
            {saving ? t("saving") : t("saveChanges")}
          </button>
        ) : (
          <>
            <button
              type="button"
              disabled={saving}
              className="rounded border border-slate-500 px-3 py-1"
              onClick={() => void save("draft")}
            >
              {saving ? t("saving") : t("saveDraft")}
            </button>
            <button
              type="button"
              disabled={saving}
              className="rounded bg-slate-800 px-3 py-1 text-white"
              onClick={() => void save("published")}
            >
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
