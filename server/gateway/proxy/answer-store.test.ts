import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AnswerStore, MAX_STORED_ANSWERS, MAX_STORED_BODY_BYTES, MAX_STORED_BYTES } from './answer-store';

const limits = { maxAnswers: 3, maxBytes: 10_000, maxBodyBytes: 2_000 };

describe('AnswerStore', () => {
  it('keeps the limits the gateway has always had: 10,000 answers, 32 MiB, 512 KiB a body', () => {
    expect([MAX_STORED_ANSWERS, MAX_STORED_BYTES, MAX_STORED_BODY_BYTES]).toEqual([10_000, 32 * 1024 * 1024, 512 * 1024]);
  });

  it('keeps only the ETag of a body over the size limit', () => {
    const store = new AnswerStore(limits);
    store.set('long', '"e1"', 'x'.repeat(2_001));
    expect(store.get('long')).toEqual({ etag: '"e1"', text: null, compressed: {} });
    expect(store.compressed('long', store.get('long')!, 'gzip')).toBeNull();
  });

  it('drops the least recently used answer past the count limit', () => {
    const store = new AnswerStore(limits);
    for (const key of ['a', 'b', 'c']) store.set(key, `"${key}"`, key);
    store.get('a');
    store.set('d', '"d"', 'd');
    expect(['a', 'b', 'c', 'd'].map((key) => store.get(key) !== undefined)).toEqual([true, false, true, true]);
  });

  it('counts compressed copies against the byte limit, made once', () => {
    const store = new AnswerStore(limits);
    const text = JSON.stringify({ rows: Array.from({ length: 100 }, (_, i) => ({ lockid: `L-${i}` })) });
    store.set('page', '"p"', text);
    const plain = store.size;
    const gzip = store.compressed('page', store.get('page')!, 'gzip')!;
    expect(gunzipSync(gzip).toString()).toBe(text);
    expect(store.size).toBe(plain + gzip.length);
    expect(store.compressed('page', store.get('page')!, 'gzip')).toBe(gzip);
  });

  it('drops the oldest answers once the bytes held pass the limit, whatever their count', () => {
    const store = new AnswerStore({ maxAnswers: 100, maxBytes: 5_000, maxBodyBytes: 2_000 });
    for (let i = 0; i < 3; i += 1) store.set(`k${i}`, '"e"', String(i).repeat(1_900));
    expect(store.size).toBeLessThanOrEqual(5_000);
    expect(['k0', 'k1', 'k2'].map((key) => store.get(key) !== undefined)).toEqual([false, true, true]);
  });
});
