"use client";

import { useEffect, useState } from "react";
import { requestJson } from "@/components/forms";

export type Duplicate = { id: number; text: string; saidOn: string | null; similarity: number; draft: boolean };
export type Duplicates = { list: Duplicate[]; searchAvailable: boolean };

const MIN_TEXT_LENGTH = 15;
const PAUSE_MS = 500;

/**
 * Likely duplicates of the statement being written: the same speaker, most
 * words shared. Checked after a pause in typing, never blocking a save; a
 * failed check shows nothing.
 */
export function useDuplicateCheck({
  text,
  speakerId,
  statementId,
}: {
  text: string;
  speakerId: number | null;
  statementId: number | null;
}) {
  const [duplicates, setDuplicates] = useState<Duplicates>({ list: [], searchAvailable: true });
  const checks = speakerId !== null && text.trim().length >= MIN_TEXT_LENGTH;
  useEffect(() => {
    if (!checks) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      void requestJson<{ duplicates: Duplicate[]; searchAvailable: boolean }>(
        "/api/curate/statements/duplicates",
        "POST",
        { text, speakerId, excludeId: statementId },
        { networkFailed: "", requestFailed: "" },
        { signal: controller.signal },
      ).then((result) => {
        if (result.ok && result.data)
          setDuplicates({ list: result.data.duplicates, searchAvailable: result.data.searchAvailable });
      });
    }, PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [checks, text, speakerId, statementId]);
  return { checks, duplicates };
}
