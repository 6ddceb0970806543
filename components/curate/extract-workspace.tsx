"use client";

import Link from "next/link";
import { useCallback, useId, useMemo, useRef, useState } from "react";
import type { UiLocale } from "@/lib/i18n/config";
import { curateExtractMessages } from "@/lib/i18n/messages/curate-extract";
import { translator } from "@/lib/i18n/translate";
import { requestJson } from "@/components/forms";
import type { ExtractNote, ExtractResponse, Proposal } from "@/lib/extract/request";
import { ExtractArticle, type ArticleMark } from "./extract-article";
import { ExtractProposal, type Draft, type SpeakerChoice } from "./extract-proposal";

type Props = { locale: UiLocale };

type FieldErrors = Record<string, string>;
/** An answer that is a refusal of ours ({ error: … }), not some other 400. */
const hasError = (body: unknown) =>
  typeof body === "object" && body !== null && "error" in body && Boolean((body as { error?: unknown }).error);
type Notice = { kind: "error" | "ok"; text: string; proposals?: number[] };

const NO_ERRORS: FieldErrors = {};

/** A topic suggested at least this confidently starts out selected. */
const TOPIC_PRESELECT = 0.5;

const inputClass = "mt-1 w-full rounded border border-slate-400 px-2 py-1";

function draftFrom(proposal: Proposal, locale: UiLocale): Draft {
  const speaker: SpeakerChoice =
    proposal.speaker?.speakerId != null
      ? { type: "known", id: proposal.speaker.speakerId, name: proposal.speaker.name }
      : proposal.speaker?.newSpeaker
        ? { type: "new", name: proposal.speaker.newSpeaker.name, kind: proposal.speaker.newSpeaker.kind }
        : { type: "none" };
  return {
    n: proposal.n,
    proposal,
    decision: "pending",
    text: proposal.text,
    kind: proposal.kind,
    saidOn: proposal.saidOn ?? "",
    speaker,
    topics: proposal.topics
      .filter((t) => t.confidence >= TOPIC_PRESELECT)
      .map((t) => ({ id: t.id, name: t.names[locale] ?? t.name, confidence: t.confidence })),
    savedId: null,
  };
}

/** The statement form (lib/validation/statement-form.ts) for one draft; the source and status are added by the server. */
function formFrom(draft: Draft, language: string) {
  return {
    text: draft.text,
    language,
    kind: draft.kind,
    speakerId: draft.speaker.type === "known" ? draft.speaker.id : null,
    newSpeaker: draft.speaker.type === "new" ? { name: draft.speaker.name, kind: draft.speaker.kind } : null,
    saidOn: draft.saidOn.trim() || null,
    topicIds: draft.topics.flatMap((t) => (t.id === null ? [] : [t.id])),
    newTopics: draft.topics.flatMap((t) => (t.id === null ? [t.name] : [])),
    attribution: "secondary",
  };
}

/**
 * The extraction assistant: paste an article and its source, get proposals
 * (marked in the article and listed), shape each one, save the accepted ones in
 * one go. A refused save keeps everything and marks the fields of each
 * proposal to correct; a network error or an ended session says so and waits.
 */
export function ExtractWorkspace({ locale }: Props) {
  const t = useMemo(() => translator(curateExtractMessages, locale), [locale]);
  const markLabel = useCallback((n: number) => t("markLink", { n }), [t]);
  const formId = useId();
  const noticeRef = useRef<HTMLDivElement>(null);
  const [input, setInput] = useState({ text: "", language: "", publishedOn: "", outlet: "", url: "", title: "" });
  const [inputErrors, setInputErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<"proposing" | "saving" | null>(null);
  const [reading, setReading] = useState<{ text: string; response: ExtractResponse } | null>(null);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [draftErrors, setDraftErrors] = useState<Record<number, FieldErrors>>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [saved, setSaved] = useState<Array<{ status: "draft" | "published"; ids: number[] }>>([]);

  const setField = (key: keyof typeof input, value: string) => setInput((s) => ({ ...s, [key]: value }));
  // serverError keeps its {status} here; requestJson fills it in.
  const requestText = () => ({
    networkFailed: t("networkError"),
    requestFailed: t("serverError"),
    sessionEnded: t("loggedOut"),
  });
  const show = (next: Notice) => {
    setNotice(next);
    setTimeout(() => noticeRef.current?.focus(), 0);
  };
  const languageName = (code: string | number | undefined) =>
    code === "ar"
      ? t("languageNameAr")
      : code === "de"
        ? t("languageNameDe")
        : code === "en"
          ? t("languageNameEn")
          : String(code ?? "");

  function noteText(note: ExtractNote): string {
    const v = note.values ?? {};
    switch (note.code) {
      case "language_suggested":
        return t("noteLanguageSuggested", { language: languageName(v.language) });
      case "unsupported_language":
        return t("noteUnsupportedLanguage", { language: languageName(v.language) });
      case "no_language":
        return t("noteNoLanguage");
      case "language_mismatch":
        return t("noteLanguageMismatch", { language: languageName(v.language), suggested: languageName(v.suggested) });
      case "no_publication_date":
        return t("noteNoPublicationDate", { count: Number(v.count ?? 0) });
      case "no_statements":
        return t("noteNoStatements");
      case "unbalanced_quotes":
        return t("noteUnbalancedQuotes", { mark: String(v.mark ?? ""), offset: Number(v.offset ?? 0) });
      case "too_many":
        return t("noteTooMany", { total: Number(v.total ?? 0), shown: Number(v.shown ?? 0) });
      case "known_unavailable":
        return t("noteKnownUnavailable");
      default:
        return note.message;
    }
  }

  async function propose() {
    setBusy("proposing");
    setNotice(null);
    try {
      const result = await requestJson<ExtractResponse>(
        "/api/curate/extract",
        "POST",
        {
          text: input.text,
          language: input.language || null,
          publishedOn: input.publishedOn || null,
          source: { url: input.url, outlet: input.outlet, title: input.title },
        },
        requestText(),
      );
      if (result.ok && result.data) {
        setInputErrors({});
        setReading({ text: input.text, response: result.data });
        setDrafts(result.data.proposals.map((p) => draftFrom(p, locale)));
        setDraftErrors({});
        return;
      }
      if (result.ok) return show({ kind: "error", text: t("serverError", { status: result.status }) });
      if (result.status === 400 && hasError(result.body)) {
        setInputErrors(Object.fromEntries(result.problems.map((f) => [f.field, f.message])));
        return show({ kind: "error", text: t("proposeProblems") });
      }
      show({ kind: "error", text: result.message });
    } finally {
      setBusy(null);
    }
  }

  async function save(status: "draft" | "published") {
    if (!reading?.response.language) return;
    const language = reading.response.language;
    const batch = drafts.filter((d) => d.decision === "accepted" && d.savedId === null);
    if (batch.length === 0) return show({ kind: "error", text: t("nothingAccepted") });
    setBusy("saving");
    setNotice(null);
    try {
      const result = await requestJson<{ statements?: Array<{ id: number }> }>(
        "/api/curate/extract/accept",
        "POST",
        {
          status,
          source: { url: input.url, outlet: input.outlet, title: input.title, publishedOn: input.publishedOn || null },
          statements: batch.map((d) => formFrom(d, language)),
        },
        requestText(),
      );
      if (result.ok && result.data?.statements) {
        const ids = result.data.statements.map((s) => s.id);
        const byN = new Map(batch.map((d, i) => [d.n, ids[i] ?? null]));
        setDrafts((all) => all.map((d) => (byN.has(d.n) ? { ...d, savedId: byN.get(d.n) ?? null } : d)));
        setDraftErrors({});
        setInputErrors({});
        setSaved((s) => [...s, { status, ids }]);
        return show({
          kind: "ok",
          text:
            status === "published"
              ? t("savedPublished", { count: ids.length })
              : t("savedDrafts", { count: ids.length }),
        });
      }
      if (result.ok) return show({ kind: "error", text: t("serverError", { status: result.status }) });
      if (result.status === 400 && hasError(result.body)) {
        // statements.N.field → the N-th proposal of this batch; source.* → the article's fields.
        const perDraft: Record<number, FieldErrors> = {};
        const general: FieldErrors = {};
        for (const { field, message } of result.problems) {
          const match = /^statements\.(\d+)(?:\.(.*))?$/.exec(field);
          const draft = match ? batch[Number(match[1])] : undefined;
          if (match && draft) (perDraft[draft.n] ??= {})[match[2] ?? ""] = message;
          else general[field] = message;
        }
        setDraftErrors(perDraft);
        setInputErrors(general);
        const numbers = Object.keys(perDraft).map(Number);
        if (numbers.length > 0) return show({ kind: "error", text: t("saveProblems"), proposals: numbers });
        if (Object.keys(general).some((f) => f.startsWith("source")))
          return show({ kind: "error", text: t("saveProblemsSource") });
        return show({ kind: "error", text: result.message });
      }
      show({ kind: "error", text: result.message });
    } finally {
      setBusy(null);
    }
  }

  const field = (name: string, help = false) => ({
    id: `${formId}-${name}`,
    "aria-invalid": inputErrors[name] ? true : undefined,
    "aria-describedby":
      [help ? `${formId}-${name}-help` : null, inputErrors[name] ? `${formId}-${name}-error` : null]
        .filter(Boolean)
        .join(" ") || undefined,
  });
  const fieldError = (name: string) =>
    inputErrors[name] ? (
      <p id={`${formId}-${name}-error`} className="text-sm text-red-800">
        {inputErrors[name]}
      </p>
    ) : null;
  const label = (name: string, text: string) => (
    <label htmlFor={`${formId}-${name}`} className="block font-medium">
      {text}
    </label>
  );

  // Typing in one proposal re-renders neither the others (memo, stable onChange) nor the article (same marks).
  const updateDraft = useCallback((next: Draft) => setDrafts((all) => all.map((d) => (d.n === next.n ? next : d))), []);
  const response = reading?.response ?? null;
  const markStates = drafts.map((d) => (d.savedId !== null ? "saved" : d.decision)).join(",");
  const marks = useMemo<ArticleMark[]>(
    () =>
      drafts.map((d) => ({
        n: d.n,
        start: d.proposal.start,
        end: d.proposal.end,
        state: d.savedId !== null ? "saved" : d.decision,
      })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the decisions change the marks, not the edits
    [markStates],
  );
  const count = (decision: Draft["decision"]) =>
    drafts.filter((d) => d.savedId === null && d.decision === decision).length;
  const savedCount = drafts.filter((d) => d.savedId !== null).length;
  const otherErrors = Object.entries(inputErrors).filter(
    ([name]) => !/^(text|language|publishedOn|source\.(url|outlet|title|publishedOn))$/.test(name),
  );

  return (
    <div className="space-y-8">
      <form
        aria-labelledby={`${formId}-heading`}
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          void propose();
        }}
      >
        <h2 id={`${formId}-heading`} className="text-xl font-semibold">
          {t("articleHeading")}
        </h2>
        <div>
          {label("text", t("articleText"))}
          <p id={`${formId}-text-help`} className="text-sm text-slate-700">
            {t("articleTextHelp")}
          </p>
          <textarea
            {...field("text", true)}
            name="text"
            rows={10}
            dir="auto"
            lang={input.language || undefined}
            value={input.text}
            onChange={(e) => setField("text", e.target.value)}
            className={inputClass}
          />
          {fieldError("text")}
        </div>
        <div className="grid gap-4 md:grid-cols-2">
          <div>
            {label("language", t("language"))}
            <select
              {...field("language")}
              name="language"
              value={input.language}
              onChange={(e) => setField("language", e.target.value)}
              className={inputClass}
            >
              <option value="">{t("languageAuto")}</option>
              <option value="ar">العربية (ar)</option>
              <option value="de">Deutsch (de)</option>
              <option value="en">English (en)</option>
            </select>
            {fieldError("language")}
          </div>
          <div>
            {label("publishedOn", t("publishedOn"))}
            <p id={`${formId}-publishedOn-help`} className="text-sm text-slate-700">
              {t("publishedOnHelp")}
            </p>
            <input
              {...field("publishedOn", true)}
              name="publishedOn"
              type="date"
              value={input.publishedOn}
              onChange={(e) => setField("publishedOn", e.target.value)}
              className={inputClass}
            />
            {fieldError("publishedOn")}
            {fieldError("source.publishedOn")}
          </div>
          <div>
            {label("source.outlet", t("outlet"))}
            <input
              {...field("source.outlet")}
              name="outlet"
              dir="auto"
              value={input.outlet}
              onChange={(e) => setField("outlet", e.target.value)}
              className={inputClass}
            />
            {fieldError("source.outlet")}
          </div>
          <div>
            {label("source.title", t("articleTitle"))}
            <input
              {...field("source.title")}
              name="title"
              dir="auto"
              value={input.title}
              onChange={(e) => setField("title", e.target.value)}
              className={inputClass}
            />
            {fieldError("source.title")}
          </div>
          <div className="md:col-span-2">
            {label("source.url", t("url"))}
            <input
              {...field("source.url")}
              name="url"
              type="url"
              dir="ltr"
              value={input.url}
              onChange={(e) => setField("url", e.target.value)}
              className={inputClass}
            />
            {fieldError("source.url")}
          </div>
        </div>
        {otherErrors.length > 0 ? (
          <ul className="text-sm text-red-800">
            {otherErrors.map(([name, message]) => (
              <li key={name}>{name ? `${name}: ${message}` : message}</li>
            ))}
          </ul>
        ) : null}
        <button
          type="submit"
          disabled={busy !== null}
          className="rounded bg-slate-800 px-4 py-2 text-white disabled:opacity-60"
        >
          {busy === "proposing" ? t("proposing") : t("propose")}
        </button>
      </form>

      <div ref={noticeRef} tabIndex={-1} aria-live="polite">
        {notice ? (
          <div
            role={notice.kind === "error" ? "alert" : "status"}
            className={
              notice.kind === "error"
                ? "rounded border border-red-700 bg-red-50 p-3 text-red-900"
                : "rounded border border-green-700 bg-green-50 p-3 text-green-900"
            }
          >
            <p>{notice.text}</p>
            {notice.proposals ? (
              <ul className="mt-1 flex flex-wrap gap-3">
                {notice.proposals.map((n) => (
                  <li key={n}>
                    <a href={`#extract-proposal-${n}`} className="underline">
                      {t("proposal", { n })}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>

      {saved.length > 0 ? (
        <section aria-labelledby={`${formId}-saved`} className="space-y-2 rounded border border-sky-700 p-4">
          <h2 id={`${formId}-saved`} className="text-xl font-semibold">
            {t("savedHeading")}
          </h2>
          {saved.map((batch, i) => (
            <div key={i}>
              <p>
                {batch.status === "published"
                  ? t("savedPublished", { count: batch.ids.length })
                  : t("savedDrafts", { count: batch.ids.length })}
              </p>
              <ul className="flex flex-wrap gap-x-4 gap-y-1">
                {batch.ids.map((id) => (
                  <li key={id}>
                    <Link href={`/curate/statements/${id}`} className="underline">
                      {t("statementLink", { id })}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}

      {response ? (
        <>
          {response.notes.length > 0 ? (
            <section aria-labelledby={`${formId}-notes`} className="rounded border border-amber-600 bg-amber-50 p-3">
              <h2 id={`${formId}-notes`} className="font-semibold">
                {t("notesHeading")}
              </h2>
              <ul className="list-disc ps-5">
                {response.notes.map((note, i) => (
                  <li key={`${note.code}-${i}`}>{noteText(note)}</li>
                ))}
              </ul>
            </section>
          ) : null}

          {response.language ? (
            <div className="space-y-2">
              <h2 id={`${formId}-marked`} className="text-xl font-semibold">
                {t("markedHeading")}
              </h2>
              <ExtractArticle
                text={reading!.text}
                language={response.language}
                marks={marks}
                labelledBy={`${formId}-marked`}
                markLabel={markLabel}
              />
            </div>
          ) : null}

          {drafts.length > 0 && response.language ? (
            <section aria-labelledby={`${formId}-proposals`} className="space-y-4">
              <h2 id={`${formId}-proposals`} className="text-xl font-semibold">
                {t("proposalsHeading", { count: drafts.length })}
              </h2>
              <ol className="space-y-4">
                {drafts.map((draft) => (
                  <li key={draft.n}>
                    <ExtractProposal
                      locale={locale}
                      language={response.language!}
                      draft={draft}
                      errors={draftErrors[draft.n] ?? NO_ERRORS}
                      onChange={updateDraft}
                    />
                  </li>
                ))}
              </ol>
              <div className="flex flex-wrap items-center gap-3 border-t border-slate-300 py-3">
                <button
                  type="button"
                  className="rounded border border-green-800 px-3 py-1 text-green-900"
                  onClick={() =>
                    setDrafts((all) =>
                      all.map((d) =>
                        d.savedId === null && d.decision !== "rejected" ? { ...d, decision: "accepted" } : d,
                      ),
                    )
                  }
                >
                  {t("acceptAll")}
                </button>
                <span className="text-sm text-slate-700" aria-live="polite">
                  {t("tally", {
                    accepted: count("accepted"),
                    rejected: count("rejected"),
                    pending: count("pending"),
                    saved: savedCount,
                  })}
                </span>
                <button
                  type="button"
                  disabled={busy !== null}
                  className="rounded border border-slate-600 px-3 py-1 disabled:opacity-60"
                  onClick={() => void save("draft")}
                >
                  {busy === "saving" ? t("saving") : t("saveDrafts")}
                </button>
                <button
                  type="button"
                  disabled={busy !== null}
                  className="rounded bg-slate-800 px-3 py-1 text-white disabled:opacity-60"
                  onClick={() => void save("published")}
                >
                  {busy === "saving" ? t("saving") : t("publish")}
                </button>
              </div>
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
