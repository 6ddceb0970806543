import { Fragment, type ReactNode } from "react";
import type { DisplayName } from "@/lib/db/queries/speakers";
import type { UiLocale } from "@/lib/i18n/config";

/**
 * A speaker's (or topic's) name as text, isolated with <bdi> so that a Latin
 * name inside Arabic prose, or bidi controls inside the name, cannot reorder
 * what surrounds it; tagged with its language when known.
 */
export function SpeakerName({ name, className }: { name: DisplayName; className?: string }) {
  return (
    <bdi lang={name.lang ?? undefined} className={className}>
      {name.text}
    </bdi>
  );
}

/** Text typed by the reader, in the quotation marks of the interface language and isolated. */
export function Quoted({ text, locale }: { text: string; locale: UiLocale }) {
  const [open, close] = locale === "ar" ? ["«", "»"] : ["“", "”"];
  return (
    <>
      {open}
      <bdi>{text}</bdi>
      {close}
    </>
  );
}

/** A translated message whose {placeholders} are filled with React nodes (names, links) rather than strings. */
export function Interpolate({ text, nodes }: { text: string; nodes: Record<string, ReactNode> }) {
  const parts = text.split(/\{(\w+)\}/);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? <Fragment key={i}>{part in nodes ? nodes[part] : `{${part}}`}</Fragment> : part,
      )}
    </>
  );
}
