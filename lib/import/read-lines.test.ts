import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLines, type NumberedLine } from "./read-lines";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "read-lines-test-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileWith(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

async function collect(file: string): Promise<NumberedLine[]> {
  const lines: NumberedLine[] = [];
  for await (const line of readLines(file)) lines.push(line);
  return lines;
}

const SAMPLE = '\uFEFF{"a":1}\r\n\r\n{"b":"قال"}\n   \n\t\n{"c":3}\r\n\n';
const SAMPLE_LINES: NumberedLine[] = [
  { lineNumber: 1, line: '{"a":1}' },
  { lineNumber: 3, line: '{"b":"قال"}' },
  { lineNumber: 6, line: '{"c":3}' },
];

describe("readLines", () => {
  it("reads a plain file: strips the BOM and CR, skips blank lines, keeps line numbers", async () => {
    expect(await collect(await fileWith("plain.jsonl", SAMPLE))).toEqual(SAMPLE_LINES);
  });

  it("gunzips a .gz file", async () => {
    expect(await collect(await fileWith("sample.jsonl.gz", gzipSync(SAMPLE)))).toEqual(SAMPLE_LINES);
  });

  it("detects gzip by its magic bytes, not the name", async () => {
    expect(await collect(await fileWith("no-extension.jsonl", gzipSync(SAMPLE)))).toEqual(SAMPLE_LINES);
    expect(await collect(await fileWith("mislabelled.jsonl.gz", SAMPLE))).toEqual(SAMPLE_LINES);
  });

  it("reads every member of a multi-member gzip file", async () => {
    const file = await fileWith("members.gz", Buffer.concat([gzipSync("one\n"), gzipSync("two\n")]));
    expect(await collect(file)).toEqual([
      { lineNumber: 1, line: "one" },
      { lineNumber: 2, line: "two" },
    ]);
  });

  it("yields a last line that has no newline", async () => {
    expect(await collect(await fileWith("no-final-newline.txt", "a\nb"))).toEqual([
      { lineNumber: 1, line: "a" },
      { lineNumber: 2, line: "b" },
    ]);
  });

  it("yields nothing for an empty file, a lone BOM or only blank lines", async () => {
    expect(await collect(await fileWith("empty.txt", ""))).toEqual([]);
    expect(await collect(await fileWith("bom.txt", "\uFEFF"))).toEqual([]);
    expect(await collect(await fileWith("blank.txt", "\n\r\n  \n"))).toEqual([]);
    expect(await collect(await fileWith("empty.gz", gzipSync("")))).toEqual([]);
  });

  it("keeps a BOM that is not at the start of the file (it is content there)", async () => {
    expect(await collect(await fileWith("inner-bom.txt", "a\n\uFEFFb\n"))).toEqual([
      { lineNumber: 1, line: "a" },
      { lineNumber: 2, line: "\uFEFFb" },
    ]);
  });

  it("keeps the surrounding whitespace of a line that is not blank", async () => {
    expect(await collect(await fileWith("spaces.txt", "  a \t\r\n"))).toEqual([{ lineNumber: 1, line: "  a \t" }]);
  });

  it("decodes multi-byte characters split across chunk boundaries, plain and gzipped", async () => {
    // Three-byte and four-byte characters, many lines, far more than one 64 KiB read.
    const lines = Array.from({ length: 5000 }, (_, i) => `${i} قال الوزير — 東京 🙂 ${"ش".repeat(i % 37)}`);
    const content = `${lines.join("\r\n")}\r\n`;
    const expected = lines.map((line, i) => ({ lineNumber: i + 1, line }));
    expect(await collect(await fileWith("big.txt", content))).toEqual(expected);
    expect(await collect(await fileWith("big.txt.gz", gzipSync(content)))).toEqual(expected);
  });

  it("handles a line longer than the read buffer", async () => {
    const long = "x".repeat(300_000);
    expect(await collect(await fileWith("long.txt", `a\n${long}\nb`))).toEqual([
      { lineNumber: 1, line: "a" },
      { lineNumber: 2, line: long },
      { lineNumber: 3, line: "b" },
    ]);
  });

  it("can be stopped early", async () => {
    const file = await fileWith("many.gz", gzipSync(Array.from({ length: 100_000 }, (_, i) => `line ${i}`).join("\n")));
    const seen: number[] = [];
    for await (const { lineNumber } of readLines(file)) {
      seen.push(lineNumber);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([1, 2, 3]);
  });

  it("rejects a corrupt gzip file", async () => {
    const gz = gzipSync("a\n".repeat(10_000));
    const file = await fileWith("truncated.gz", gz.subarray(0, gz.length - 20));
    await expect(collect(file)).rejects.toThrow();
  });

  it("rejects a missing file", async () => {
    await expect(collect(path.join(dir, "does-not-exist.jsonl"))).rejects.toThrow(/ENOENT/);
  });
});
