import { existsSync } from "node:fs";
import path from "node:path";

// The development data kept beside the repository (../shared/data): the whole
// corpora and the extraction development sets. Only `npm run test:shared-data`
// reads it; a missing file fails the check that needed it, naming the path.

const REPOSITORY = path.resolve(import.meta.dirname, "../../..");

/** The folder holding `data/` (SHARED_DIR, default ../shared beside the repository). */
export const SHARED_DIR = path.resolve(REPOSITORY, process.env.SHARED_DIR ?? "../shared");

/** The corpora (CORPUS_DIR, as the benchmark reads them; default SHARED_DIR/data/corpus). */
export const CORPUS_DIR = path.resolve(REPOSITORY, process.env.CORPUS_DIR ?? path.join(SHARED_DIR, "data", "corpus"));

/** The path of a file or folder the check needs; throws naming it when it does not exist. */
export function requireSharedPath(file: string): string {
  if (!existsSync(file)) {
    throw new Error(
      `Missing development data: ${file} does not exist. The checks of npm run test:shared-data read it from beside the repository ` +
        `(SHARED_DIR, default ../shared; CORPUS_DIR for the corpora).`,
    );
  }
  return file;
}
