import type { TestProject } from "vitest/node";
import { startTestServices } from "./support/test-services";

declare module "vitest" {
  export interface ProvidedContext {
    services: { adminUrl: string; templateDatabase: string; meiliUrl: string; meiliKey: string };
  }
}

// Starts one Postgres and one Meilisearch for the whole run; stops them after.
export default async function setup(project: TestProject) {
  const services = await startTestServices();
  project.provide("services", {
    adminUrl: services.adminUrl,
    templateDatabase: services.templateDatabase,
    meiliUrl: services.meiliUrl,
    meiliKey: services.meiliKey,
  });
  return async () => {
    await services.stop();
  };
}
