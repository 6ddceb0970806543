import { expect, test } from "@playwright/test";

type Hit = {
  id: number;
  text: string;
  speaker: { slug: string; name: string };
  outlet: string | null;
  reportCount: number;
  highlight: Array<[number, number]>;
};

async function search(request: import("@playwright/test").APIRequestContext, qs: string) {
  const response = await request.get(`/api/v1/search?${qs}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as { hits: Hit[]; total: number; facets: Record<string, Record<string, number>> };
}

test("q=ميركل and q=Merkel both return Merkel's two statements", async ({ request }) => {
  for (const q of ["ميركل", "Merkel"]) {
    const body = await search(request, `q=${encodeURIComponent(q)}`);
    expect(body.hits.filter((h) => h.speaker.slug === "angela-merkel")).toHaveLength(2);
    expect(body.hits[0]!.speaker.slug).toBe("angela-merkel");
  }
});

test("q=الاسد finds the statements that write «الأسد»; q=مستشفي finds «مستشفى»", async ({ request }) => {
  const asad = await search(request, `q=${encodeURIComponent("الاسد")}`);
  expect(asad.total).toBeGreaterThanOrEqual(5);
  for (const hit of asad.hits) expect(hit.text).toContain("الأسد");
  const hospital = await search(request, `q=${encodeURIComponent("مستشفي")}`);
  expect(hospital.hits.some((h) => h.text.includes("مستشفى"))).toBe(true);
});

test("the search response follows the contract", async ({ request }) => {
  const body = await search(request, "speaker=msf&limit=2");
  expect(body.total).toBe(3);
  expect(body.hits).toHaveLength(2);
  for (const hit of body.hits) {
    expect(Object.keys(hit).sort()).toEqual(
      [
        "externalId",
        "highlight",
        "id",
        "kind",
        "language",
        "outlet",
        "reportCount",
        "saidOn",
        "saidOnPrecision",
        "speaker",
        "text",
        "topics",
      ].sort(),
    );
  }
  expect(Object.keys(body.facets).sort()).toEqual(["kind", "language", "reviewed", "speaker", "topic", "year"]);
});

test("bad parameters get a 400 that names the parameter", async ({ request }) => {
  for (const [qs, field] of [
    ["from=yesterday", "from"],
    ["limit=100000", "limit"],
    ["sort=unknown", "sort"],
    ["from=2016-02-30", "from"],
  ] as const) {
    const response = await request.get(`/api/v1/search?${qs}`);
    expect(response.status(), qs).toBe(400);
    const body = await response.json();
    expect(
      body.error.fields.map((f: { field: string }) => f.field),
      qs,
    ).toContain(field);
  }
});

test("read endpoints for a statement, a speaker and a topic", async ({ request }) => {
  const hit = (await search(request, "speaker=angela-merkel&limit=1")).hits[0]!;
  const statement = await (await request.get(`/api/v1/statements/${hit.id}`)).json();
  expect(statement).toMatchObject({ id: hit.id, speaker: { slug: "angela-merkel" }, language: "ar" });
  // One statement, its reports (each source in its wording, oldest first) and the deprecated sources beside them.
  expect(statement.reports).toHaveLength(hit.reportCount);
  expect(statement.reports[0].source.outlet).toBe(hit.outlet);
  expect(statement.reports[0].text).toBe(statement.text);
  expect(statement.firstReportedOn).toEqual(statement.reports[0].reportedOn);
  expect(statement.sources).toEqual(statement.reports.map((report: { source: unknown }) => report.source));
  const speaker = await (await request.get("/api/v1/speakers/angela-merkel")).json();
  expect(speaker).toMatchObject({
    slug: "angela-merkel",
    names: { ar: "أنجيلا ميركل", en: "Angela Merkel" },
    statementCount: 2,
  });
  const topic = await (await request.get("/api/v1/topics/refugees")).json();
  expect(topic).toMatchObject({ slug: "refugees", names: { ar: "اللاجئون" }, statementCount: 1 });
  expect((await request.get("/api/v1/statements/abc")).status()).toBe(400);
  expect((await request.get("/api/v1/statements/999999")).status()).toBe(404);
  expect((await request.get("/api/v1/speakers/nobody-at-all")).status()).toBe(404);
  // A malformed %-escape in the address is a 400, never a 500.
  expect((await request.get("/api/v1/topics/%E0%A4%A")).status()).toBe(400);
  expect((await request.get("/statements/%E0%A4%A")).status()).toBe(400);
});
