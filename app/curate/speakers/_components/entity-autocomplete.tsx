"use client";

import { useEffect, useId, useState } from "react";
import { fill, type CurateEntitiesText } from "@/lib/i18n/messages/curate-entities";

// A combobox over the curator autocomplete endpoints (/api/curate/speakers or
// /api/curate/topics): type, then pick with the mouse or the arrow keys and
// Enter. Follows the WAI-ARIA combobox pattern with a listbox popup; names are
// rendered as text only.

export type EntityOption = { id: number; name: string; detail: string | null };

type SpeakerHit = { id: number; name: string; kind: string; role: string | null; affiliation: string | null; matched: string };
type TopicHit = { id: number; name: string; parentName: string | null };

const DEBOUNCE_MS = 150;

function optionsFrom(entity: "speakers" | "topics", body: unknown): EntityOption[] {
  if (entity === "speakers") {
    const hits = (body as { speakers?: SpeakerHit[] } | null)?.speakers ?? [];
    return hits.map((hit) => ({
      id: hit.id,
      name: hit.name,
      detail: [hit.matched !== hit.name ? hit.matched : null, hit.role, hit.affiliation].filter(Boolean).join(" · ") || null,
    }));
  }
  const hits = (body as { topics?: TopicHit[] } | null)?.topics ?? [];
  return hits.map((hit) => ({ id: hit.id, name: hit.name, detail: hit.parentName }));
}

export function EntityAutocomplete({
  id,
  entity,
  excludeId,
  onSelect,
  text,
  invalid,
  describedBy,
}: {
  id: string;
  entity: "speakers" | "topics";
  excludeId?: number;
  onSelect: (option: EntityOption) => void;
  text: CurateEntitiesText;
  invalid?: boolean;
  describedBy?: string;
}) {
  const listId = useId();
  const [query, setQuery] = useState("");
  const [options, setOptions] = useState<EntityOption[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = window.setTimeout(async () => {
      setLoading(true);
      try {
        const params = new URLSearchParams({ q: query.trim(), limit: "10" });
        const response = await fetch(`/api/curate/${entity}?${params.toString()}`, { signal: controller.signal, credentials: "same-origin" });
        const body = (await response.json().catch(() => null)) as unknown;
        if (controller.signal.aborted) return;
        setFailed(!response.ok);
        setOptions(response.ok ? optionsFrom(entity, body).filter((o) => o.id !== excludeId).slice(0, 10) : []);
        setActive(-1);
      } catch {
        if (!controller.signal.aborted) {
          setFailed(true);
          setOptions([]);
        }
      } finally {
        if (!controller.signal.aborted) setLoading(false);
      }
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [query, open, entity, excludeId]);

  function choose(option: EntityOption) {
    onSelect(option);
    setQuery("");
    setOpen(false);
    setActive(-1);
  }

  const expanded = open && options.length > 0;
  const optionId = (index: number) => `${listId}-option-${index}`;
  const status = !open ? "" : loading ? text.loadingSuggestions : failed ? text.networkFailed : options.length === 0 ? text.noSuggestions : fill(text.suggestionsCount, { count: options.length });

  return (
    <div className="relative">
      <input
        id={id}
        type="text"
        role="combobox"
        dir="auto"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        value={query}
        className={`w-full rounded border px-3 py-2 ${invalid ? "border-red-700" : "border-slate-500"}`}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            setOpen(true);
            setActive((i) => (options.length === 0 ? -1 : (i + 1) % options.length));
          } else if (event.key === "ArrowUp") {
            event.preventDefault();
            setActive((i) => (options.length === 0 ? -1 : (i - 1 + options.length) % options.length));
          } else if (event.key === "Enter") {
            // Enter picks the highlighted suggestion rather than submitting the form around it.
            const option = expanded ? options[active >= 0 ? active : 0] : undefined;
            if (option) {
              event.preventDefault();
              choose(option);
            }
          } else if (event.key === "Escape") {
            setOpen(false);
          }
        }}
      />
      <ul id={listId} role="listbox" hidden={!expanded} className="absolute z-10 mt-1 max-h-72 w-full overflow-auto rounded border border-slate-400 bg-white shadow">
        {options.map((option, index) => (
          <li
            key={option.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className={`cursor-pointer px-3 py-2 ${index === active ? "bg-slate-200" : ""}`}
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => setActive(index)}
            onClick={() => choose(option)}
          >
            <bdi className="font-semibold">{option.name}</bdi>
            {option.detail ? (
              <span className="block text-sm text-slate-700">
                <bdi>{option.detail}</bdi>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <p aria-live="polite" className="sr-only">
        {status}
      </p>
    </div>
  );
}
