"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";

const DEBOUNCE_MS = 250;
/** After a pause this long the results count as read: the next words get a history entry of their own. */
const SETTLE_MS = 2_000;
/** Fields that update the results while the reader types; the others on change (dates on leaving the field). */
const TYPED_FIELDS = new Set(["q"]);

/** The address the GET form would submit to, without empty fields or defaults. */
function addressOf(form: HTMLFormElement): string {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== "string" || value.trim() === "") continue;
    if (name === "sort" && value === "relevance") continue;
    params.append(name, value);
  }
  const action = new URL(form.action, window.location.href).pathname;
  const query = params.toString();
  return query ? `${action}?${query}` : action;
}

function here(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/**
 * Turns the server-rendered GET form into search-as-you-type. It renders no
 * results itself: it only changes the address (router.push / router.replace),
 * and the server component renders the results for it. The first update of a
 * typing session pushes a history entry and the following ones replace it, so
 * Back returns to the search before the typing rather than to every prefix; a
 * session ends when the reader leaves the field, presses Enter or pauses
 * SETTLE_MS. Without JavaScript the form works as a plain GET form.
 */
export function SearchAsYouType({ formId, pendingLabel }: { formId: string; pendingLabel: string }) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  /** Addresses this component navigated to that have not been rendered yet, oldest first. */
  const sent = useRef<string[]>([]);
  /** Addresses written during the current typing session, and when it last wrote one. */
  const typingSession = useRef(new Set<string>());
  const lastTyped = useRef(0);
  const mounted = useRef(false);

  useEffect(() => {
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    let timer: number | undefined;

    const navigate = (mode: "push" | "replace") => {
      window.clearTimeout(timer);
      const href = addressOf(form);
      // Nothing new (a change event and the submit of the same Enter, say).
      if (href === (sent.current.at(-1) ?? here())) return;
      sent.current.push(href);
      typingSession.current.add(href);
      startTransition(() => {
        if (mode === "push") router.push(href, { scroll: false });
        else router.replace(href, { scroll: false });
      });
    };
    // Within a typing session the current entry was written by it: replace it.
    const typedMode = () => {
      const settled = Date.now() - lastTyped.current > SETTLE_MS;
      if (settled) typingSession.current.clear();
      lastTyped.current = Date.now();
      return typingSession.current.has(here()) ? "replace" : "push";
    };

    const onInput = (event: Event) => {
      const target = event.target;
      if (!(target instanceof HTMLInputElement) || !TYPED_FIELDS.has(target.name)) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => navigate(typedMode()), DEBOUNCE_MS);
    };
    const onChange = (event: Event) => {
      const target = event.target;
      if (target instanceof HTMLSelectElement) navigate("push");
      else if (target instanceof HTMLInputElement && target.type !== "hidden" && !TYPED_FIELDS.has(target.name))
        navigate("push");
    };
    const onSubmit = (event: SubmitEvent) => {
      event.preventDefault();
      navigate(typedMode());
      typingSession.current.clear();
    };
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target;
      if (target instanceof HTMLInputElement && TYPED_FIELDS.has(target.name)) typingSession.current.clear();
    };
    const onFocusOut = onFocusIn;

    form.addEventListener("input", onInput);
    form.addEventListener("change", onChange);
    form.addEventListener("submit", onSubmit);
    form.addEventListener("focusin", onFocusIn);
    form.addEventListener("focusout", onFocusOut);
    return () => {
      window.clearTimeout(timer);
      form.removeEventListener("input", onInput);
      form.removeEventListener("change", onChange);
      form.removeEventListener("submit", onSubmit);
      form.removeEventListener("focusin", onFocusIn);
      form.removeEventListener("focusout", onFocusOut);
    };
  }, [formId, router]);

  // When the address changed for another reason (Back, Forward, a link), show its
  // values in the fields: a field the reader typed in keeps its text otherwise.
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    const own = sent.current.indexOf(here());
    if (own >= 0) {
      // Ours; any sent before it were superseded.
      sent.current.splice(0, own + 1);
      return;
    }
    sent.current = [];
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    for (const element of Array.from(form.elements)) {
      if (element instanceof HTMLInputElement && (element.type === "search" || element.type === "text")) {
        element.value = searchParams.get(element.name) ?? "";
      } else if (element instanceof HTMLSelectElement) {
        const wanted = searchParams.get(element.name);
        const option = Array.from(element.options).find((o) => o.value === wanted) ?? element.options[0];
        if (option) element.value = option.value;
      }
    }
  }, [searchParams, formId]);

  return (
    <p aria-hidden="true" className="min-h-5 text-sm text-slate-700">
      {pending ? pendingLabel : ""}
    </p>
  );
}
