import { open } from "node:fs/promises";
import { pipeline, type Readable } from "node:stream";
import { createGunzip } from "node:zlib";

export type NumberedLine = { lineNumber: number; line: string };

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/**
 * Streams a UTF-8 text file line by line, gunzipping it when it starts with the
 * gzip magic bytes (whatever its name). Line numbers are 1-based and count every
 * line, including the blank ones that are skipped, so they match an editor's.
 * Accepts LF and CRLF line ends and drops a leading UTF-8 BOM. Invalid UTF-8
 * becomes U+FFFD rather than an error. Breaking out of the loop closes the file.
 */
export async function* readLines(file: string): AsyncGenerator<NumberedLine, void, undefined> {
  const handle = await open(file, "r");
  let stream: Readable;
  try {
    const head = Buffer.alloc(GZIP_MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const gzipped = bytesRead === GZIP_MAGIC.length && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
    const raw = handle.createReadStream({ start: 0, autoClose: true });
    // pipeline() destroys both streams if either fails, so a read error or a
    // corrupt gzip surfaces as a rejection of the loop below instead of a hang.
    stream = gzipped ? pipeline(raw, createGunzip(), () => {}) : raw;
  } catch (error) {
    await handle.close();
    throw error;
  }
  stream.setEncoding("utf8");

  let lineNumber = 0;
  let pending = "";
  let first = true;

  function* emit(line: string): Generator<NumberedLine> {
    lineNumber += 1;
    let text = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (first) {
      first = false;
      if (text.startsWith("\uFEFF")) text = text.slice(1);
    }
    if (text.trim() !== "") yield { lineNumber, line: text };
  }

  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      // Scan only the new chunk, so a very long line is not rescanned per chunk.
      let start = 0;
      let newline = chunk.indexOf("\n");
      while (newline !== -1) {
        yield* emit(pending + chunk.slice(start, newline));
        pending = "";
        start = newline + 1;
        newline = chunk.indexOf("\n", start);
      }
      pending += chunk.slice(start);
    }
    // A last line without a trailing newline.
    if (pending !== "") yield* emit(pending);
  } finally {
    stream.destroy();
  }
}
