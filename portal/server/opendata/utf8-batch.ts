const encoder = new TextEncoder();

/**
 * Many strings as one UTF-8 chunk, each encoded straight into a reused buffer: joining a batch's lines and
 * then encoding the result costs about ten times as much (bench:export).
 */
export class Utf8Batch {
  private buffer = new Uint8Array(1 << 20);
  private used = 0;

  add(text: string): void {
    let rest = text;
    for (;;) {
      const { read, written } = encoder.encodeInto(rest, this.buffer.subarray(this.used));
      this.used += written;
      if (read === rest.length) return;
      rest = rest.slice(read);
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.used + rest.length * 3));
      grown.set(this.buffer.subarray(0, this.used));
      this.buffer = grown;
    }
  }

  /** The bytes added since the last take, in a buffer of their own. */
  take(): Uint8Array {
    const out = this.buffer.slice(0, this.used);
    this.used = 0;
    return out;
  }
}
