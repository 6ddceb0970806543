import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

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
              message: "Use redirectTo / permanentRedirectTo from @/lib/http/redirect: they percent-encode the Location.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
