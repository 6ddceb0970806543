"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { requestJson } from "@/components/forms";

// The statement page's actions beside the editor: retract with a reason,
// restore an old revision, delete (admins). Each answers in place.

const SEND_TEXT = {
  networkFailed: "The server could not be reached; try again.",
  requestFailed: "The server answered {status}.",
};

async function send(
  url: string,
  method: "POST" | "DELETE",
  body?: unknown,
): Promise<{ ok: boolean; message: string | null }> {
  const result = await requestJson(url, method, body, SEND_TEXT);
  return { ok: result.ok, message: result.ok ? null : result.message };
}

export function RetractForm({
  statementId,
  version,
  labels,
}: {
  statementId: number;
  version: number;
  labels: { heading: string; reason: string; button: string };
}) {
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
      <textarea
        id={`${id}-reason`}
        required
        rows={2}
        dir="auto"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        className="w-full rounded border border-slate-400 px-2 py-1"
      />
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

export function RestoreButton({
  statementId,
  revisionId,
  version,
  label,
}: {
  statementId: number;
  revisionId: number;
  version: number;
  label: string;
}) {
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

export function DeleteButton({
  statementId,
  labels,
}: {
  statementId: number;
  labels: { button: string; confirm: string };
}) {
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
