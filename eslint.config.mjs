import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// The layers, top to bottom (ARCHITECTURE.md explains each). A file may import
// from its own layer and from the layers below it, never from a layer above:
// import/no-restricted-paths fails the lint on an upward import. Tests and the
// end-to-end specs stand outside the layers (they drive them from the top).
const LAYERS = [
  { name: "entry points", paths: ["app", "proxy.ts", "instrumentation.ts", "scripts"] },
  { name: "components", paths: ["components"] },
  { name: "web", paths: ["lib/api", "lib/feeds", "lib/sitemaps", "lib/export", "lib/page-status", "lib/embed"] },
  { name: "services", paths: ["lib/curate", "lib/auth", "lib/import", "lib/seed", "lib/extract"] },
  { name: "infrastructure", paths: ["lib/sync", "lib/search", "lib/workers", "lib/services"] },
  { name: "data", paths: ["lib/db"] },
  { name: "cache", paths: ["lib/cache"] },
  {
    name: "foundation",
    paths: [
      "lib/validation",
      "lib/text",
      "lib/i18n",
      "lib/http",
      "lib/server",
      "lib/security",
      "lib/errors.ts",
      "lib/env.ts",
      "lib/languages.ts",
      "lib/site-url.ts",
      // The shapes of a search only (no client): the search parameters' schema names them.
      "lib/search/types.ts",
    ],
  },
];

// Within a layer, pairs that must not know each other: the curators' services
// use lib/auth (who is acting), never the reverse; the importer and the curators
// share their writes through lib/db/writes.ts instead of calling each other; the
// extractor folds text with lib/text, not through the search engine's code;
// proxy.ts runs before routing and takes its helpers from lib/, not from app/.
const PEER_RULES = [
  { target: "proxy.ts", from: "app", message: "proxy.ts takes its helpers from lib/ (lib/page-status)." },
  { target: "lib/extract", from: "lib/search", message: "Text folding lives in lib/text." },
  {
    target: "lib/auth",
    from: "lib/curate",
    message: "lib/auth sits below lib/curate: shared pieces go to lib/db or lib/errors.ts.",
  },
  { target: "lib/curate", from: "lib/import", message: "Writes both make live in lib/db/writes.ts." },
  { target: "lib/import", from: "lib/curate", message: "Writes both make live in lib/db/writes.ts." },
  {
    target: "components",
    from: ["lib/db/client.ts", "lib/db/transaction.ts", "lib/db/availability.ts"],
    message: "Components never touch the database: the page loads the data and passes it down.",
  },
];

function layerZones() {
  const zones = [];
  LAYERS.forEach((layer, index) => {
    const above = LAYERS.slice(0, index);
    const from = above
      .flatMap((upper) => upper.paths)
      .filter((path) => path !== "lib/search" || layer.name !== "foundation");
    if (from.length === 0) return;
    const names = above.map((upper) => upper.name).join(", ");
    zones.push({
      target: layer.paths,
      from,
      message: `The ${layer.name} layer may not import from a layer above it (${names}).`,
    });
    if (layer.name === "foundation") {
      zones.push({
        target: layer.paths,
        from: "lib/search",
        except: ["./types.ts"],
        message: "The foundation layer may not import from lib/search (infrastructure).",
      });
    }
  });
  return [...zones, ...PEER_RULES];
}

const config = [
  ...nextVitals,
  ...nextTypescript,
  { ignores: [".next/**", ".data/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
  {
    // Redirects go through lib/http/redirect.ts, which percent-encodes the Location (a raw Arabic path was a 500).
    ignores: ["lib/http/redirect.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "next/navigation",
              importNames: ["redirect", "permanentRedirect"],
              message:
                "Use redirectTo / permanentRedirectTo from @/lib/http/redirect: they percent-encode the Location.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.{ts,tsx,mjs}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx", "tests/**", "e2e/**"],
    rules: { "import/no-restricted-paths": ["error", { basePath: import.meta.dirname, zones: layerZones() }] },
  },
];

export default config;
