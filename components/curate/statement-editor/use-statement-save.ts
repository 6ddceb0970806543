"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { requestJson } from "@/components/forms";
import { requestBodyFrom, type EditorState } from "@/lib/curate/editor-state";
import type { EditorText } from "./editor-text";

/** Messages per field of the statement form, by the path the server names ("sources.0.url"). */
export type FieldErrors = Record<string, string>;
export type Notice = { kind: "error" | "ok"; text: string };
/** What a 409 carries: the version stored now and the statement as it is. */
export type Conflict = {
  currentVersion: number;
  current: { record: { text: string }; labels: { speaker: { name: string } | null }; updatedBy: string | null };
};

type Saved = { id: number; version: number };

/**
 * Saving the statement editor: a new statement is POSTed, an edit PUT on the
 * version it started from. A refusal keeps everything typed: a 400 marks the
 * fields, a 409 (someone saved in between) hands back the stored version to
 * compare, a lost session or network says so.
 */
export function useStatementSave({
  t,
  statementId,
  initialVersion,
  state,
}: {
  t: EditorText;
  statementId: number | null;
  initialVersion: number | null;
  state: EditorState;
}) {
  const router = useRouter();
  const [version, setVersion] = useState(initialVersion);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  async function save(targetStatus: "draft" | "published", overVersion: number | null = version) {
    setSaving(true);
    setNotice(null);
    try {
      const result = await requestJson<Saved>(
        statementId === null ? "/api/curate/statements" : `/api/curate/statements/${statementId}`,
        statementId === null ? "POST" : "PUT",
        requestBodyFrom(state, targetStatus, statementId === null ? null : overVersion),
        // serverError keeps its {status} here; requestJson fills it in.
        { networkFailed: t("networkError"), requestFailed: t("serverError"), sessionEnded: t("loggedOut") },
      );
      if (result.ok && result.data) {
        setErrors({});
        setConflict(null);
        if (statementId === null) {
          router.push(`/curate/statements/${result.data.id}?saved=1`);
          return;
        }
        // The page re-renders from what is stored (its editor is keyed by version) and says "Saved":
        // a notice kept here would vanish with the remount.
        setVersion(result.data.version);
        router.replace(`/curate/statements/${statementId}?saved=${result.data.version}`, { scroll: false });
        return;
      }
      if (result.ok) {
        setNotice({ kind: "error", text: t("serverError", { status: result.status }) });
        return;
      }
      const body = result.body as { error?: unknown; currentVersion?: number; current?: Conflict["current"] } | null;
      if (result.status === 409 && body?.error && body.currentVersion && body.current) {
        setConflict({ currentVersion: body.currentVersion, current: body.current });
        return;
      }
      if (result.status === 400 && body?.error) {
        setErrors(Object.fromEntries(result.problems.map((f) => [f.field, f.message])));
        setNotice({ kind: "error", text: t("problems") });
        return;
      }
      setNotice({ kind: "error", text: result.message });
    } finally {
      setSaving(false);
    }
  }

  return { version, errors, notice, saving, conflict, save };
}
