import { EMPTY_SOURCE, type SourceFields } from "@/lib/curate/editor-state";
import type { EditorText } from "./editor-text";
import { inputClass, type FieldHelpers } from "./field-parts";

const SOURCE_KEYS = ["url", "outlet", "title", "publishedOn"] as const;

/** Where the statement was reported: one or more sources, each with its own messages ("sources.0.url"). */
export function SourcesFieldset({
  t,
  sources,
  fields,
  onChange,
}: {
  t: EditorText;
  sources: SourceFields[];
  fields: FieldHelpers;
  onChange: (sources: SourceFields[]) => void;
}) {
  const { formId, errors, fieldError } = fields;
  const labels = {
    url: t("sourceUrl"),
    outlet: t("sourceOutlet"),
    title: t("sourceTitle"),
    publishedOn: t("sourcePublishedOn"),
  };
  return (
    <fieldset className="space-y-3">
      <legend className="font-medium">{t("sources")}</legend>
      {sources.map((source, i) => (
        <div key={i} className="grid gap-2 rounded border border-slate-200 p-3 md:grid-cols-2">
          <p className="text-sm font-semibold md:col-span-2">{t("source", { n: i + 1 })}</p>
          {SOURCE_KEYS.map((key) => {
            const name = `sources.${i}.${key}`;
            return (
              <div key={key}>
                <label htmlFor={`${formId}-${name}`} className="block text-sm">
                  {labels[key]}
                </label>
                <input
                  id={`${formId}-${name}`}
                  aria-invalid={errors[name] ? true : undefined}
                  aria-describedby={errors[name] ? `${formId}-${name}-error` : undefined}
                  type={key === "url" ? "url" : "text"}
                  dir={key === "url" ? "ltr" : "auto"}
                  value={source[key]}
                  onChange={(event) =>
                    onChange(sources.map((s, j) => (j === i ? { ...s, [key]: event.target.value } : s)))
                  }
                  className={inputClass}
                />
                {fieldError(name)}
              </div>
            );
          })}
          {sources.length > 1 ? (
            <button
              type="button"
              className="justify-self-start underline"
              onClick={() => onChange(sources.filter((_, j) => j !== i))}
            >
              {t("removeSource")}
            </button>
          ) : null}
        </div>
      ))}
      <button type="button" className="underline" onClick={() => onChange([...sources, { ...EMPTY_SOURCE }])}>
        {t("addSource")}
      </button>
    </fieldset>
  );
}
