// npm run db:migrate: applies the SQL migrations (npm start does it too).
import { runWithServices } from "./lib/cli";

await runWithServices("db:migrate", async () => {
  console.log("Migrations applied.");
});
