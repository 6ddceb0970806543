// npm run extract -- --lang ar|de|en --published YYYY-MM-DD [--speakers FILE.json] FILE
import { runCli } from "@/lib/extract/cli";

process.exitCode = runCli(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
