import type { UiLocale } from "./config";
import { numberFormat } from "./formatters";

// Messages live beside their area (lib/i18n/messages/<area>.ts), one object
// per language; the Arabic object must have exactly the English keys.
export type Messages<Keys extends string> = { en: Record<Keys, string>; ar: Record<Keys, string> };

export function defineMessages<const T extends Record<string, string>>(messages: {
  en: T;
  ar: Record<keyof T & string, string>;
}): Messages<keyof T & string> {
  return messages as Messages<keyof T & string>;
}

export type Translate<Keys extends string> = (key: Keys, values?: Record<string, string | number>) => string;

/** t("found", { count: 3 }) fills {count}; numbers are written with the locale's grouping. */
export function translator<Keys extends string>(messages: Messages<Keys>, locale: UiLocale): Translate<Keys> {
  const table = messages[locale];
  const numbers = numberFormat(locale);
  return (key, values) =>
    table[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = values?.[name];
      if (value === undefined) return whole;
      return typeof value === "number" ? numbers.format(value) : value;
    });
}

/** Fills {placeholders} of a message as it is (for client components, which get a language's table rather than a translator). */
export function fill(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}
