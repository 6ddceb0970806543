"use client";

import { useEffect, useId, useRef, useState } from "react";

export type Option = { key: string; label: string; detail?: string; lang?: string };

type Props = {
  label: string;
  help?: string;
  /** Fetches the options for what was typed (debounced; stale answers are dropped). */
  load: (query: string) => Promise<Option[]>;
  onPick: (option: Option) => void;
  /** Extra choices after the loaded ones (such as "Create …"). */
  extra?: (query: string) => Option[];
  noResults: string;
  error?: string;
  name: string;
};

/**
 * A combobox (WAI-ARIA 1.2 pattern): type, move with the arrow keys, pick
 * with Enter or a click, close with Escape. Labels are rendered as text only.
 */
export function Autocomplete({ label, help, load, onPick, extra, noResults, error, name }: Props) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [options, setOptions] = useState<Option[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const request = useRef(0);

  useEffect(() => {
    if (!open) return;
    const mine = ++request.current;
    const timer = setTimeout(() => {
      load(query.trim())
        .then((loaded) => {
          if (mine === request.current) setOptions([...loaded, ...(extra ? extra(query.trim()) : [])]);
        })
        .catch(() => {
          if (mine === request.current) setOptions(extra ? extra(query.trim()) : []);
        });
    }, 150);
    return () => clearTimeout(timer);
  }, [query, open, load, extra]);

  const pick = (option: Option) => {
    onPick(option);
    setQuery("");
    setOpen(false);
    setActive(-1);
  };

  const listId = `${id}-list`;
  const helpId = help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="relative">
      <label htmlFor={`${id}-input`} className="block font-medium">
        {label}
      </label>
      {help ? (
        <p id={helpId} className="text-sm text-slate-700">
          {help}
        </p>
      ) : null}
      <input
        id={`${id}-input`}
        name={name}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${id}-option-${active}` : undefined}
        aria-describedby={[helpId, errorId].filter(Boolean).join(" ") || undefined}
        aria-invalid={error ? true : undefined}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(options.length - 1, i + 1));
          } else if (event.key === "ArrowUp") {
            event.preventDefault();
            setActive((i) => Math.max(0, i - 1));
          } else if (event.key === "Enter" && open && active >= 0 && options[active]) {
            event.preventDefault();
            pick(options[active]);
          } else if (event.key === "Escape") {
            setOpen(false);
          }
        }}
        className="mt-1 w-full rounded border border-slate-400 px-2 py-1"
      />
      {error ? (
        <p id={errorId} className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <ul
        id={listId}
        role="listbox"
        aria-label={label}
        hidden={!open || (options.length === 0 && query.trim() === "")}
        className="absolute z-10 mt-1 max-h-64 w-full overflow-auto rounded border border-slate-300 bg-white shadow"
      >
        {options.length === 0 ? (
          <li role="option" aria-selected={false} aria-disabled="true" className="px-2 py-1 text-slate-700">
            {noResults}
          </li>
        ) : (
          options.map((option, i) => (
            <li
              key={option.key}
              id={`${id}-option-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(option);
              }}
              className={`cursor-pointer px-2 py-1 ${i === active ? "bg-slate-200" : ""}`}
            >
              <bdi lang={option.lang}>{option.label}</bdi>
              {option.detail ? <span className="ms-2 text-sm text-slate-700">{option.detail}</span> : null}
            </li>
          ))
        )}
      </ul>
    </div>
  );
}
