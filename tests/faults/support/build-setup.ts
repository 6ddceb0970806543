import { buildIsCurrent, runBuild } from "../../../scripts/lib/build";

// The fault tests run the built app (`next start`), as production does.
export default async function setup() {
  if (!buildIsCurrent()) await runBuild();
}
