import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "./support/curators";

// Speakers' Wikidata ids on the public side (issue 15): a curator sets one, the speaker page then
// describes the speaker as schema.org JSON-LD with the Wikidata item as sameAs, and the API
// returns it. (The import's handling of speaker.wikidataId is in tests/integration/wikidata.test.ts.)

const BASE_URL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000";
const ORIGIN = { Origin: new URL(BASE_URL).origin };

const unique = () =>
  Array.from({ length: 8 }, () => "abcdefghijklmnopqrstuvwxyz"[Math.floor(Math.random() * 26)]).join("");

test.use({ storageState: STORAGE_STATE.admin });

test("a speaker with a Wikidata id: Person JSON-LD with sameAs on the speaker page, wikidataId in the API", async ({
  page,
  baseURL,
}) => {
  const tag = unique();
  const created = await page.request.post("/api/curate/speakers", {
    data: {
      name: `Douglas Adams ${tag}`,
      kind: "person",
      role: "Writer </script><b>x</b>",
      aliases: [`DNA ${tag}`],
      wikidataId: " q42 ",
    },
    headers: ORIGIN,
  });
  expect(created.status(), await created.text()).toBe(201);
  const { speaker } = (await created.json()) as { speaker: { slug: string } };

  await page.goto(`/speakers/${speaker.slug}`);
  const script = page.locator('script[type="application/ld+json"]');
  await expect(script).toHaveCount(1);
  // The role's "</script>" could not end the element: it is still JSON, with the text as written.
  const jsonLd = JSON.parse((await script.textContent()) ?? "{}");
  expect(jsonLd).toMatchObject({
    "@context": "https://schema.org",
    "@type": "Person",
    "@id": `${baseURL}/speakers/${speaker.slug}`,
    url: `${baseURL}/speakers/${speaker.slug}`,
    name: `Douglas Adams ${tag}`,
    alternateName: expect.arrayContaining([`DNA ${tag}`]),
    jobTitle: "Writer </script><b>x</b>",
    sameAs: ["https://www.wikidata.org/wiki/Q42"],
  });
  await expect(page.getByRole("link", { name: "Q42 on Wikidata" })).toHaveAttribute(
    "href",
    "https://www.wikidata.org/wiki/Q42",
  );

  const api = await page.request.get(`/api/v1/speakers/${speaker.slug}`);
  expect(((await api.json()) as { wikidataId: string }).wikidataId).toBe("Q42");

  // An organization without an id: Organization, no sameAs.
  const org = await page.request.post("/api/curate/speakers", {
    data: { name: `Relief Group ${tag}`, kind: "organization" },
    headers: ORIGIN,
  });
  const orgSlug = ((await org.json()) as { speaker: { slug: string } }).speaker.slug;
  await page.goto(`/speakers/${orgSlug}`);
  const orgLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(orgLd).toMatchObject({ "@type": "Organization", name: `Relief Group ${tag}` });
  expect(orgLd.sameAs).toBeUndefined();
});
