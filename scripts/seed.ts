// npm run seed: loads (or refreshes) the demo data and indexes it.
import { ensureStatementIndex } from "@/lib/search/index-admin";
import { seedDemoData } from "@/lib/seed/demo";
import { drainOutbox } from "@/lib/sync/worker";
import { runWithServices } from "./lib/cli";

await runWithServices("seed", async ({ pool, meili, indexUid }) => {
  const result = await seedDemoData(pool);
  await ensureStatementIndex(meili, indexUid);
  await drainOutbox({ pool, meili, indexUid });
  console.log(`Demo data loaded: ${result.statements} statements by ${result.speakers} speakers.`);
});
