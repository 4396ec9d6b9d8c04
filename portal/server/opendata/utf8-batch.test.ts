import { describe, expect, it } from 'vitest';
import { Utf8Batch } from './utf8-batch';

describe('Utf8Batch', () => {
  it('encodes lines across its buffer boundary, surrogate pairs and 3-byte characters included, exactly as one string', () => {
    const batch = new Utf8Batch();
    const lines = ['头', 'a'.repeat((1 << 20) - 2), '😀示例', '滨'.repeat(700_000), 'end\r\n'];
    for (const l of lines) batch.add(l);
    const bytes = batch.take();
    expect(bytes).toEqual(new TextEncoder().encode(lines.join('')));
    expect(new TextDecoder().decode(bytes)).toBe(lines.join(''));
  });

  it('starts afresh after take: each chunk holds only its own lines', () => {
    const batch = new Utf8Batch();
    batch.add('第一批\n');
    const first = batch.take();
    batch.add('第二批\n');
    expect(new TextDecoder().decode(first)).toBe('第一批\n');
    expect(new TextDecoder().decode(batch.take())).toBe('第二批\n');
    expect(first.byteLength).toBe(new TextEncoder().encode('第一批\n').byteLength);
  });
});
