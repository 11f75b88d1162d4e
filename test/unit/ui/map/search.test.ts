import { describe, expect, it } from 'vitest';
import { searchItems, type SearchItem } from '../../../../renderer/src/map/search';

const item = (name: string, i: number): SearchItem => ({ key: String(i), name, group: 'g', lng: 112, lat: 37 });
const items = ['卦山一号蓄水池（示例）', '卦山', '石壁蓄水池（示例）', '西社河道取水点（示例）', '大卦山村', 'Pool A'].map(item);

describe('search by name', () => {
  it('ranks exact, then prefix, then contains; shorter names first', () => {
    expect(searchItems(items, '卦山').map((i) => i.name)).toEqual(['卦山', '卦山一号蓄水池（示例）', '大卦山村']);
  });
  it('ignores case, spaces and full-width forms', () => {
    expect(searchItems(items, 'ｐｏｏｌ a').map((i) => i.name)).toEqual(['Pool A']);
  });
  it('finds nothing for a blank or absent query, and honours the limit', () => {
    expect(searchItems(items, '  ')).toEqual([]);
    expect(searchItems(items, '瞭望台')).toEqual([]);
    expect(searchItems(items, '池', 1)).toHaveLength(1);
  });
});
