/** NDJSON / JSON file writing that respects stream backpressure. */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Buffers lines into ~64 KiB chunks and awaits 'drain' whenever the file stream asks it to. */
export class NdjsonWriter {
  private readonly stream: WriteStream;
  private buffer: string[] = [];
  private bufferedChars = 0;
  count = 0;

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
  }

  static async open(path: string): Promise<NdjsonWriter> {
    await mkdir(dirname(path), { recursive: true });
    const w = new NdjsonWriter(path);
    await once(w.stream, 'open');
    return w;
  }

  async write(record: unknown): Promise<void> {
    const line = JSON.stringify(record);
    this.buffer.push(line, '\n');
    this.bufferedChars += line.length + 1;
    this.count += 1;
    if (this.bufferedChars >= 65_536) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.bufferedChars = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}

/** Pretty JSON with a trailing newline (stable: same value → same bytes). */
export async function writeJson(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(value, null, 2) + '\n', 'utf8');
}

/** Reorders an object's keys to follow `order` (unknown keys last, in their original order). */
export function orderKeys<T extends object>(value: T, order: readonly string[]): T {
  const out: Record<string, unknown> = {};
  const src = value as Record<string, unknown>;
  for (const k of order) if (src[k] !== undefined) out[k] = src[k];
  for (const k of Object.keys(src)) if (!(k in out) && src[k] !== undefined) out[k] = src[k];
  return out as T;
}
