import { ValidationError } from "@/lib/errors";

// The text fields of an account form's JSON body: a field that is not text (a
// number, an object) is refused with a message naming it, never a 500.

/** The named fields as text ("" when absent); a ValidationError naming every field that is not text. */
export function textFields<const K extends string>(
  body: Record<string, unknown>,
  names: readonly K[],
): Record<K, string> {
  const values = {} as Record<K, string>;
  const problems: Array<{ field: string; message: string }> = [];
  for (const name of names) {
    const value = body[name];
    if (value === undefined || value === null) values[name] = "";
    else if (typeof value === "string") values[name] = value;
    else {
      values[name] = "";
      problems.push({ field: name, message: "must be text" });
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return values;
}
