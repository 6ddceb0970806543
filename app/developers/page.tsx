import type { Metadata } from "next";
import type { ReactNode } from "react";
import {
  openApiDocument,
  type JsonSchema,
  type OperationObject,
  type ParameterObject,
  type Reference,
  type ResponseObject,
} from "@/lib/api/openapi";
import { developersMessages } from "@/lib/i18n/messages/developers";
import { getI18n } from "@/lib/i18n/server";

// The API page for people: every endpoint, its parameters, answers and an
// example, rendered as text from the very document served at
// /api/v1/openapi.json, so the two cannot disagree.

export async function generateMetadata(): Promise<Metadata> {
  const tr = (await getI18n()).t(developersMessages);
  return { title: tr("title"), description: tr("intro"), alternates: { canonical: "/developers" } };
}

const doc = openApiDocument;
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

function resolve<T>(value: T | Reference): T {
  if (value && typeof value === "object" && "$ref" in value) {
    let target: unknown = doc;
    for (const part of value.$ref.replace(/^#\//, "").split("/")) target = (target as Record<string, unknown>)[part];
    return resolve(target as T | Reference);
  }
  return value as T;
}

const schemaName = (ref: string) => ref.split("/").pop()!;
const anchor = (kind: string, name: string) => `${kind}-${name.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;

/** `code` and **bold** of the document's descriptions as React text; everything else is plain text. */
function inline(text: string): ReactNode[] {
  return text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g).map((part, i) => {
    if (part.startsWith("`") && part.endsWith("`") && part.length > 1)
      return (
        <code key={i} className="rounded bg-slate-100 px-1">
          {part.slice(1, -1)}
        </code>
      );
    if (part.startsWith("**") && part.endsWith("**") && part.length > 3)
      return <strong key={i}>{part.slice(2, -2)}</strong>;
    return part;
  });
}

function Description({ text }: { text: string | undefined }) {
  if (!text) return null;
  const blocks: ReactNode[] = [];
  let items: string[] = [];
  const flush = () => {
    if (items.length === 0) return;
    blocks.push(
      <ul key={`ul${blocks.length}`} className="list-disc space-y-1 ps-6">
        {items.map((item, i) => (
          <li key={i}>{inline(item)}</li>
        ))}
      </ul>,
    );
    items = [];
  };
  for (const line of text.split("\n")) {
    if (line.startsWith("- ")) items.push(line.slice(2));
    else {
      flush();
      if (line.trim()) blocks.push(<p key={`p${blocks.length}`}>{inline(line)}</p>);
    }
  }
  flush();
  return <div className="space-y-2">{blocks}</div>;
}

/** A short type of a schema: "integer 1–200", "string[] (ar, en, …)", a link to a component schema, "… or null". */
function TypeOf({ schema }: { schema: JsonSchema | Reference }): ReactNode {
  if ("$ref" in schema && typeof schema.$ref === "string") {
    const name = schemaName(schema.$ref);
    return (
      <a href={`#${anchor("schema", name)}`} className="underline">
        {name}
      </a>
    );
  }
  const s = schema as JsonSchema;
  if (Array.isArray(s.anyOf)) {
    const parts = (s.anyOf as Array<JsonSchema | Reference>).filter((p) => (p as JsonSchema).type !== "null");
    const nullable = parts.length < (s.anyOf as unknown[]).length;
    return (
      <>
        {parts.map((p, i) => (
          <span key={i}>
            {i > 0 ? " or " : ""}
            <TypeOf schema={p} />
          </span>
        ))}
        {nullable ? " or null" : ""}
      </>
    );
  }
  const types = Array.isArray(s.type) ? (s.type as string[]) : s.type ? [s.type as string] : [];
  const nullable = types.includes("null");
  const main = types.filter((t) => t !== "null");
  let label: ReactNode = main.join(" or ") || "any";
  if (main[0] === "array" && s.items)
    label = (
      <>
        <TypeOf schema={s.items as JsonSchema} />
        []
      </>
    );
  if (main[0] === "object" && s.additionalProperties && typeof s.additionalProperties === "object")
    label = (
      <>
        object of <TypeOf schema={s.additionalProperties as JsonSchema} />
      </>
    );
  const details: string[] = [];
  if (Array.isArray(s.enum)) details.push((s.enum as unknown[]).filter((v) => v !== null).join(", "));
  if (s.const !== undefined) details.push(`always ${String(s.const)}`);
  if (typeof s.minimum === "number" || typeof s.maximum === "number")
    details.push(`${s.minimum ?? "…"}–${s.maximum ?? "…"}`);
  if (typeof s.format === "string") details.push(s.format);
  if (typeof s.default !== "undefined") details.push(`default ${String(s.default)}`);
  return (
    <>
      {label}
      {details.length > 0 ? ` (${details.join("; ")})` : ""}
      {nullable ? " or null" : ""}
    </>
  );
}

function Parameters({ parameters }: { parameters: Array<ParameterObject | Reference> }) {
  const list = parameters.map((p) => resolve<ParameterObject>(p));
  if (list.length === 0) return <p>No parameters.</p>;
  return (
    <table className="w-full table-fixed border-collapse text-sm">
      <caption className="sr-only">Parameters</caption>
      <thead>
        <tr className="border-b border-slate-300 text-start">
          <th scope="col" className="w-1/5 py-1 pe-2 text-start">
            Name
          </th>
          <th scope="col" className="w-1/4 py-1 pe-2 text-start">
            Type
          </th>
          <th scope="col" className="py-1 text-start">
            Meaning
          </th>
        </tr>
      </thead>
      <tbody>
        {list.map((p) => (
          <tr key={`${p.in}-${p.name}`} className="border-b border-slate-200 align-top">
            <th scope="row" className="break-words py-1 pe-2 text-start font-normal">
              <code className="font-semibold">{p.name}</code>
              <span className="block text-xs text-slate-700">
                {p.in === "path" ? "in the path" : "query"}
                {p.required ? ", required" : ""}
              </span>
            </th>
            <td className="break-words py-1 pe-2">
              <TypeOf schema={p.schema} />
            </td>
            <td className="break-words py-1">
              {inline(p.description)}
              {p.example !== undefined ? (
                <span className="block text-slate-700">
                  Example: <code>{Array.isArray(p.example) ? p.example.join(",") : String(p.example)}</code>
                </span>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Responses({ responses }: { responses: Record<string, ResponseObject | Reference> }) {
  return (
    <ul className="space-y-1 text-sm">
      {Object.entries(responses).map(([status, raw]) => {
        const response = resolve<ResponseObject>(raw);
        const schema = response.content?.["application/json"]?.schema;
        return (
          <li key={status}>
            <strong>{status}</strong> — {inline(response.description)}
            {schema ? (
              <>
                {" "}
                Body: <TypeOf schema={schema} />.
              </>
            ) : null}
            {response.headers && status !== "200" ? <> Headers: {Object.keys(response.headers).join(", ")}.</> : null}
          </li>
        );
      })}
    </ul>
  );
}

function Operation({ method, path, operation }: { method: string; path: string; operation: OperationObject }) {
  const ok = operation.responses["200"] ? resolve<ResponseObject>(operation.responses["200"]) : null;
  const example = ok?.content?.["application/json"]?.example;
  const sample = operation["x-example-request"];
  return (
    <section aria-labelledby={anchor("op", operation.operationId)} className="space-y-3 border-t border-slate-200 pt-4">
      <h3 id={anchor("op", operation.operationId)} className="text-lg font-semibold">
        <code>
          {method.toUpperCase()} {path}
        </code>{" "}
        <span className="block text-base font-normal">{operation.summary}</span>
      </h3>
      <Description text={operation.description} />
      {sample ? (
        <p>
          Try it:{" "}
          <a href={sample} className="break-all underline">
            <code>{sample}</code>
          </a>
        </p>
      ) : null}
      <h4 className="font-semibold">Parameters</h4>
      <Parameters parameters={operation.parameters ?? []} />
      <h4 className="font-semibold">Answers</h4>
      <Responses responses={operation.responses} />
      {example !== undefined ? (
        <>
          <h4 className="font-semibold">Example answer</h4>
          <pre className="whitespace-pre-wrap break-all rounded bg-slate-100 p-3 text-xs" dir="ltr">
            {JSON.stringify(example, null, 2)}
          </pre>
        </>
      ) : null}
    </section>
  );
}

function Schema({ name, schema }: { name: string; schema: JsonSchema }) {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema | Reference>;
  const required = new Set((schema.required ?? []) as string[]);
  return (
    <section aria-labelledby={anchor("schema", name)} className="space-y-2 border-t border-slate-200 pt-3">
      <h3 id={anchor("schema", name)} className="font-semibold">
        <code>{name}</code>
      </h3>
      {typeof schema.description === "string" ? <Description text={schema.description} /> : null}
      {Object.keys(properties).length > 0 ? (
        <ul className="space-y-1 text-sm">
          {Object.entries(properties).map(([field, fieldSchema]) => (
            <li key={field}>
              <code className="font-semibold">{field}</code>
              {required.has(field) ? "" : " (optional)"}: <TypeOf schema={fieldSchema} />
              {"description" in fieldSchema && typeof fieldSchema.description === "string" ? (
                <> — {inline(fieldSchema.description)}</>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm">
          <TypeOf schema={schema} />
        </p>
      )}
    </section>
  );
}

export default async function DevelopersPage() {
  const { locale, t } = await getI18n();
  const tr = t(developersMessages);
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, operation: item[method]! })),
  );
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{tr("title")}</h1>
        <p className="text-slate-700">{tr("intro")}</p>
        {locale === "ar" ? <p className="text-slate-700">{tr("englishOnly")}</p> : null}
        <p>
          <a href="/api/v1/openapi.json" className="underline">
            {tr("documentLink")}
          </a>
        </p>
      </header>

      <div lang="en" dir="ltr" className="space-y-8">
        <section aria-labelledby="api-overview" className="space-y-3">
          <h2 id="api-overview" className="text-xl font-bold">
            {doc.info.title} {doc.info.version}
          </h2>
          <Description text={doc.info.description} />
        </section>

        <nav aria-labelledby="api-contents">
          <h2 id="api-contents" className="text-xl font-bold">
            Endpoints
          </h2>
          <ul className="mt-2 space-y-1">
            {operations.map(({ path, method, operation }) => (
              <li key={operation.operationId}>
                <a href={`#${anchor("op", operation.operationId)}`} className="underline">
                  <code>
                    {method.toUpperCase()} {path}
                  </code>
                </a>{" "}
                — {operation.summary}
              </li>
            ))}
          </ul>
        </nav>

        {doc.tags.map((tag) => {
          const tagged = operations.filter(({ operation }) => operation.tags.includes(tag.name));
          if (tagged.length === 0) return null;
          return (
            <section key={tag.name} aria-labelledby={anchor("tag", tag.name)} className="space-y-4">
              <h2 id={anchor("tag", tag.name)} className="text-xl font-bold">
                {tag.name}
              </h2>
              <p className="text-slate-700">{tag.description}</p>
              {tagged.map(({ path, method, operation }) => (
                <Operation key={operation.operationId} path={path} method={method} operation={operation} />
              ))}
            </section>
          );
        })}

        <section aria-labelledby="api-schemas" className="space-y-3">
          <h2 id="api-schemas" className="text-xl font-bold">
            Schemas
          </h2>
          {Object.entries(doc.components.schemas).map(([name, schema]) => (
            <Schema key={name} name={name} schema={schema} />
          ))}
        </section>
      </div>
    </div>
  );
}
