"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";

export type Option = { key: string; label: string; detail?: string; lang?: string };

/** Where the suggestions stand, for a combobox's status line. */
export type SuggestionsState = { loading: boolean; failed: boolean; count: number };

type ComboboxProps = {
  /** The input's id, for the label that names it. */
  inputId: string;
  name?: string;
  /** Fetches the options for what was typed (debounced; stale answers are dropped). */
  load: (query: string) => Promise<Option[]>;
  onPick: (option: Option) => void;
  /** Extra choices after the loaded ones (such as "Create …"). */
  extra?: (query: string) => Option[];
  /** The list's one (disabled) entry when nothing matches; without it, the list stays closed. */
  noResults?: string;
  /** What a polite live region says while the list is open; without it, there is none. */
  status?: (state: SuggestionsState) => string;
  /** Enter with nothing highlighted picks the first option instead of submitting the form around it. */
  enterPicksFirst?: boolean;
  listLabel?: string;
  describedBy?: string;
  invalid?: boolean;
  dir?: "auto";
  inputClassName: string;
  /** Shown between the input and the list (such as the field's error). */
  children?: ReactNode;
};

/**
 * A combobox (WAI-ARIA 1.2 pattern), labelled by its caller: type, move with
 * the arrow keys, pick with Enter or a click, close with Escape. Labels are
 * rendered as text only.
 */
export function Combobox({
  inputId,
  name,
  load,
  onPick,
  extra,
  noResults,
  status,
  enterPicksFirst,
  listLabel,
  describedBy,
  invalid,
  dir,
  inputClassName,
  children,
}: ComboboxProps) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [options, setOptions] = useState<Option[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const request = useRef(0);

  useEffect(() => {
    if (!open) return;
    const mine = ++request.current;
    const timer = setTimeout(() => {
      setLoading(true);
      load(query.trim())
        .then((loaded) => {
          if (mine !== request.current) return;
          setOptions([...loaded, ...(extra ? extra(query.trim()) : [])]);
          setFailed(false);
        })
        .catch(() => {
          if (mine !== request.current) return;
          setOptions(extra ? extra(query.trim()) : []);
          setFailed(true);
        })
        .finally(() => {
          if (mine === request.current) setLoading(false);
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
  return (
    <div className="relative">
      <input
        id={inputId}
        name={name}
        type="text"
        role="combobox"
        dir={dir}
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${id}-option-${active}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid ? true : undefined}
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
          } else if (event.key === "Enter") {
            const option = open ? options[active >= 0 ? active : enterPicksFirst ? 0 : -1] : undefined;
            if (option) {
              event.preventDefault();
              pick(option);
            }
          } else if (event.key === "Escape") {
            setOpen(false);
          }
        }}
        className={inputClassName}
      />
      {children}
      <ul
        id={listId}
        role="listbox"
        aria-label={listLabel}
        hidden={!open || (options.length === 0 && (noResults === undefined || query.trim() === ""))}
        className="absolute z-10 mt-1 max-h-64 w-full overflow-auto rounded border border-slate-300 bg-white shadow"
      >
        {options.length === 0 ? (
          noResults === undefined ? null : (
            <li role="option" aria-selected={false} aria-disabled="true" className="px-2 py-1 text-slate-700">
              {noResults}
            </li>
          )
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
      {status ? (
        <p aria-live="polite" className="sr-only">
          {open ? status({ loading, failed, count: options.length }) : ""}
        </p>
      ) : null}
    </div>
  );
}

type Props = Pick<ComboboxProps, "load" | "onPick" | "extra"> & {
  label: string;
  help?: string;
  noResults: string;
  error?: string;
  name: string;
};

/** A Combobox with its label, help and error message. */
export function Autocomplete({ label, help, load, onPick, extra, noResults, error, name }: Props) {
  const id = useId();
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
      <Combobox
        inputId={`${id}-input`}
        name={name}
        load={load}
        onPick={onPick}
        extra={extra}
        noResults={noResults}
        listLabel={label}
        describedBy={[helpId, errorId].filter(Boolean).join(" ") || undefined}
        invalid={Boolean(error)}
        inputClassName="mt-1 w-full rounded border border-slate-400 px-2 py-1"
      >
        {error ? (
          <p id={errorId} className="text-sm text-red-800">
            {error}
          </p>
        ) : null}
      </Combobox>
    </div>
  );
}
