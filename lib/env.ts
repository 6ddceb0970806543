import { z } from "zod";
import { compileTrustedProxies } from "@/lib/server/forwarded";

// The app's settings, read and checked once: a bad value fails loudly at the
// first use with the variable's name, not deep inside a request.
const schema = z.object({
  DATABASE_URL: z
    .string({ message: "DATABASE_URL is required (npm start sets it for the embedded Postgres)" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// URL"),
  MEILI_URL: z
    .string({ message: "MEILI_URL is required (npm start sets it for the embedded Meilisearch)" })
    .url("MEILI_URL must be a URL"),
  MEILI_MASTER_KEY: z.string().default(""),
  MEILI_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, "MEILI_INDEX may only hold letters, digits, - and _")
    .default("statements"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  SYNC_WORKER: z.enum(["on", "off"]).default("on"),
  // The background job that proposes merge candidates (lib/curate/merge-candidates.ts) in each server process.
  MERGE_CANDIDATE_JOB: z.enum(["on", "off"]).default("on"),
  // App server processes sharing the port (node:cluster): one event loop renders every page, so
  // more processes use more cores. Each keeps its own page cache and sync worker (both are safe side by side).
  APP_PROCESSES: z.coerce
    .number({ message: "APP_PROCESSES must be a whole number from 1 to 64" })
    .int("APP_PROCESSES must be a whole number from 1 to 64")
    .min(1, "APP_PROCESSES must be a whole number from 1 to 64")
    .max(64, "APP_PROCESSES must be a whole number from 1 to 64")
    .default(1),
  PUBLIC_URL: z.string().url("PUBLIC_URL must be a URL").optional(),
  // Peers whose X-Forwarded-For/-Host/-Proto are believed (the custom server reads it: scripts/lib/app-server.ts).
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        compileTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          message: `TRUSTED_PROXIES must list IP addresses or CIDR ranges, separated by commas (such as 127.0.0.1,10.0.0.0/8): ${(error as Error).message}`,
        });
      }
    }),
  // Signs the curators' session cookies; npm start makes one under DATA_DIR when unset.
  // Optional here so that the CLIs need not set it; authSecret() insists.
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
});

export type AppEnv = z.infer<typeof schema>;

let cached: AppEnv | undefined;

export function appEnv(): AppEnv {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => issue.message).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}

/** The secret that signs session cookies: required by the app server, not by the command-line tools. */
export function authSecret(): string {
  const secret = appEnv().AUTH_SECRET;
  if (!secret) throw new Error("Invalid configuration: AUTH_SECRET is required (npm start makes one under DATA_DIR)");
  return secret;
}
