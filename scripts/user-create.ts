// npm run user:create -- --email a@b.org --role admin [--name "…"] [--password-stdin | --generate]
// Creates a curator account (the first admin of a fresh installation, say).
// The password is typed twice at a hidden prompt on a terminal, read from
// stdin with --password-stdin, or generated and printed once with --generate.
import { parseArgs } from "node:util";
import { ValidationError } from "@/lib/errors";
import { generatePassword } from "@/lib/auth/password";
import { createUser, newUserProblems } from "@/lib/auth/users";
import { runWithServices } from "./lib/cli";

const USAGE =
  'Usage: npm run user:create -- --email a@b.org --role admin|editor [--name "…"] [--password-stdin | --generate]';

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

let options: {
  email?: string;
  name?: string;
  role?: string;
  "password-stdin"?: boolean;
  generate?: boolean;
  help?: boolean;
};
try {
  ({ values: options } = parseArgs({
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      "password-stdin": { type: "boolean" },
      generate: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail(`user:create: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
if (options["password-stdin"] && options.generate)
  fail("password: give either --password-stdin or --generate, not both");

const fields = { email: options.email ?? "", name: options.name ?? "", role: options.role ?? "" };
// Check everything but the password before asking for it.
const early = newUserProblems({ ...fields, password: "a placeholder long enough" });
if (early.length > 0) fail(early.map((p) => `${p.field}: ${p.message}`).join("\n"));

let password: string;
let generated = false;
if (options.generate) {
  password = generatePassword();
  generated = true;
} else if (options["password-stdin"]) {
  password = (await readAllStdin()).replace(/\r?\n$/, "");
  if (!password) fail("password: nothing was read from stdin");
} else if (process.stdin.isTTY) {
  password = await promptHidden("Password: ");
  const repeated = await promptHidden("Password again: ");
  if (password !== repeated) fail("password: the two entries differ");
} else {
  fail("password: stdin is not a terminal; pipe the password with --password-stdin, or use --generate");
}
const passwordProblems = newUserProblems({ ...fields, password }).filter((p) => p.field === "password");
if (passwordProblems.length > 0) fail(passwordProblems.map((p) => `${p.field}: ${p.message}`).join("\n"));

await runWithServices("user:create", async ({ pool }) => {
  try {
    const id = await createUser(pool, { ...fields, password });
    console.log(`Created the ${fields.role} ${fields.email.trim()} (user ${id}). Log in at /login.`);
    if (generated) console.log(`Password (shown only now): ${password}`);
    // Admins must have two-factor login: their first login leads them through the enrolment.
    if (fields.role === "admin") {
      console.log(
        "Two-factor login: right after the password at the first login, the admin scans a QR code (or types its secret) into an authenticator app and confirms a code; nothing else opens before that.",
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    process.stderr.write(`${error.fields.map((f) => `${f.field}: ${f.message}`).join("\n")}\n`);
    return 1;
  }
});

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    let value = "";
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n" || char === "\u0004") {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off("data", onData);
          process.stderr.write("\n");
          resolve(value);
          return;
        }
        if (char === "\u0003") {
          stdin.setRawMode(false);
          process.stderr.write("\n");
          process.exit(130);
        }
        if (char === "\u007f" || char === "\b") value = Array.from(value).slice(0, -1).join("");
        else if (char >= " ") value += char;
      }
    };
    stdin.on("data", onData);
  });
}
