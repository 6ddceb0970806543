"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";

// The statement page's actions beside the editor: retract with a reason,
// restore an old revision, delete (admins). Each answers in place.

async function send(url: string, method: string, body?: unknown): Promise<{ ok: boolean; message: string | null }> {
  try {
    const response = await fetch(url, { method, headers: { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.ok) return { ok: true, message: null };
    const parsed = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    return { ok: false, message: parsed?.error?.message ?? `The server answered ${response.status}.` };
  } catch {
    return { ok: false, message: "The server could not be reached; try again." };
  }
}

export function RetractForm({ statementId, version, labels }: { statementId: number; version: number; labels: { heading: string; reason: string; button: string } }) {
  const router = useRouter();
  const id = useId();
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="space-y-2"
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await send(`/api/curate/statements/${statementId}/retract`, "POST", { reason, version });
        setProblem(result.message);
        if (result.ok) router.refresh();
      }}
    >
      <h2 className="text-lg font-semibold">{labels.heading}</h2>
      <label htmlFor={`${id}-reason`} className="block">
        {labels.reason}
      </label>
      <textarea id={`${id}-reason`} required rows={2} dir="auto" value={reason} onChange={(event) => setReason(event.target.value)} className="w-full rounded border border-slate-400 px-2 py-1" />
      {problem ? (
        <p role="alert" className="text-red-800">
          {problem}
        </p>
      ) : null}
      <button type="submit" className="rounded border border-red-800 px-3 py-1 text-red-900">
        {labels.button}
      </button>
    </form>
  );
}

export function RestoreButton({ statementId, revisionId, version, label }: { statementId: number; revisionId: number; version: number; label: string }) {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        className="underline"
        onClick={async () => {
          const result = await send(`/api/curate/statements/${statementId}/restore`, "POST", { revisionId, version });
          setProblem(result.message);
          if (result.ok) router.refresh();
        }}
      >
        {label}
      </button>
      {problem ? (
        <span role="alert" className="ms-2 text-red-800">
          {problem}
        </span>
      ) : null}
    </span>
  );
}

export function DeleteButton({ statementId, labels }: { statementId: number; labels: { button: string; confirm: string } }) {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        className="rounded bg-red-800 px-3 py-1 text-white"
        onClick={async () => {
          if (!window.confirm(labels.confirm)) return;
          const result = await send(`/api/curate/statements/${statementId}`, "DELETE");
          setProblem(result.message);
          if (result.ok) router.push("/curate");
        }}
      >
        {labels.button}
      </button>
      {problem ? (
        <p role="alert" className="text-red-800">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
