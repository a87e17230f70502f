import { describe, expect, it } from 'vitest';
import { celsius, percent, platformDate, read, readPaging, readRows } from './parse';

describe('percent and celsius', () => {
  it('read a number with its unit or a percent sign', () => {
    expect(['85%', ' 85 % ', '85 percent', 85, '85', '84.6%'].map((value) => read(percent, value))).toEqual([85, 85, 85, 85, 85, 85]);
    expect(['21.5 °C', '21.5°C', '21.5°', '21.5 ºC', '21.5℃', '21.5 C', '21.5 degC', 21.5, '21.5'].map((value) => read(celsius, value))).toEqual(
      Array(9).fill(21.5),
    );
    expect(read(celsius, '-4 °C')).toBe(-4);
  });

  it('read a decimal comma only where it cannot be a thousands separator', () => {
    expect(read(celsius, '21,5 °C')).toBe(21.5);
    expect(read(percent, '85,25 %')).toBe(85);
    expect(read(celsius, '1,234')).toBeNull();
  });

  it('never guess: another unit, words, or out of range is Unknown (null), never NaN', () => {
    for (const value of ['70 °F', '300 K', '85%%', 'about 85%', '%', '', '  ', 'NaN', '85 % charged', '1.2.3']) {
      expect(read(percent, value), value).toBeNull();
      expect(read(celsius, value), value).toBeNull();
    }
    expect(read(percent, '150%')).toBeNull();
    expect(read(percent, '-1 %')).toBeNull();
    expect(read(celsius, '151 °C')).toBeNull();
  });
});

describe('platformDate', () => {
  it('keeps ISO 8601 and the vendor form with fractions, in one spelling', () => {
    expect(read(platformDate, '2026-11-25T10:00:00.123Z')).toBe('2026-11-25 10:00:00Z');
    expect(read(platformDate, '2026-11-25T12:00:00+02:00')).toBe('2026-11-25 12:00:00+02:00');
    expect(read(platformDate, '2026-11-25 10:00:00.5')).toBe('2026-11-25 10:00:00');
    expect(read(platformDate, '2026-11-25 10:00:00')).toBe('2026-11-25 10:00:00');
    expect(read(platformDate, 'last Tuesday')).toBeNull();
    expect(read(platformDate, 1764064800)).toBeNull();
  });
});

/** A host with `total` rows that sends at most `cap` a page, its offset computed with the cap. */
function cappedHost(total: number, cap: number) {
  return (pagenumber: number, limit: number) => {
    const size = Math.min(limit, cap);
    const ids = Array.from({ length: total }, (_, i) => i + 1).slice((pagenumber - 1) * size, pagenumber * size);
    return { body: { totalCount: total, totalPage: Math.ceil(total / size), currentPage: pagenumber }, ids };
  };
}

describe('readPaging', () => {
  it('reaches every row of a host that caps the page size, by paging to its totalPage', () => {
    const host = cappedHost(187, 50);
    const seen: number[] = [];
    let totalPages = 1;
    for (let pagenumber = 1; pagenumber <= totalPages; pagenumber += 1) {
      const { body, ids } = host(pagenumber, 100);
      const paging = readPaging(body, ids.length, { pagenumber, limit: 100 });
      totalPages = paging.totalPages;
      expect(paging.offset + 1, `page ${pagenumber} starts where its first row is`).toBe(ids[0]);
      seen.push(...ids);
    }
    expect(totalPages).toBe(4);
    expect(seen).toEqual(Array.from({ length: 187 }, (_, i) => i + 1));
  });

  it('knows the cap on the last page alone (a link to page 4)', () => {
    const { body, ids } = cappedHost(187, 50)(4, 100);
    expect(readPaging(body, ids.length, { pagenumber: 4, limit: 100 })).toEqual({ totalCount: 187, totalPages: 4, pageSize: 50, offset: 150 });
  });

  it('keeps ⌈totalCount ÷ limit⌉ for an honest host, and for the odd totals of the vendor', () => {
    const honest = cappedHost(187, 1000);
    expect(readPaging(honest(2, 100).body, 87, { pagenumber: 2, limit: 100 })).toMatchObject({ totalPages: 2, offset: 100 });
    // The vendor's sample: totalCount 2, totalPage 2, one row at limit 10.
    expect(readPaging({ totalCount: 2, totalPage: 2 }, 1, { pagenumber: 1, limit: 10 })).toMatchObject({ totalPages: 1, offset: 0 });
    expect(readPaging({ totalCount: 2, totalPage: 2 }, 2, { pagenumber: 1, limit: 10 })).toMatchObject({ totalPages: 1, offset: 0 });
    // totalPage as if every lock were a page (PLATFORM_QUIRKS=vendor), on the short last page.
    expect(readPaging({ totalCount: 240, totalPage: 240 }, 15, { pagenumber: 10, limit: 25 })).toMatchObject({ totalPages: 10, offset: 225 });
    expect(readPaging({ totalCount: 240, totalPage: 240 }, 0, { pagenumber: 11, limit: 25 })).toMatchObject({ totalPages: 10 });
  });

  it('falls back on totalPage without a count', () => {
    expect(readPaging({ totalCount: null, totalPage: 4 }, 50, { pagenumber: 2, limit: 100 })).toEqual({
      totalCount: null,
      totalPages: 4,
      pageSize: 50,
      offset: 50,
    });
    expect(readPaging({}, 3, { pagenumber: 2, limit: 10 }).totalPages).toBe(2);
  });
});

describe('readRows', () => {
  it('keeps a row sent twice once, and counts it apart from rows it cannot read', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'a' }, {}, { id: 'b' }];
    const parse = (row: unknown) => ((row as { id?: string }).id ? (row as { id: string }) : null);
    const { items, unusable, repeated } = readRows(rows, parse, (row) => row.id);
    expect(items.map((row) => row.id)).toEqual(['a', 'b']);
    expect({ unusable, repeated }).toEqual({ unusable: 1, repeated: 2 });
  });
});
