/**
 * Search by name over everything drawn on the map (features, permits, fires, county names). Pure, unit-tested.
 * Ranking: exact name, then name starts with the query, then contains it; ties by shorter name, then by name.
 */
export interface SearchItem {
  key: string;
  name: string;
  /** What it is, for the list ("水源地", "检查站和卡口"…). */
  group: string;
  lng: number;
  lat: number;
  /** Feature id when the hit is an editable map feature. */
  featureId?: number;
}

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

export function searchItems(items: readonly SearchItem[], query: string, limit = 12): SearchItem[] {
  const q = norm(query);
  if (!q) return [];
  const scored: { item: SearchItem; score: number }[] = [];
  for (const item of items) {
    const n = norm(item.name);
    const at = n.indexOf(q);
    if (at < 0) continue;
    scored.push({ item, score: n === q ? 0 : at === 0 ? 1 : 2 });
  }
  scored.sort((a, b) => a.score - b.score || a.item.name.length - b.item.name.length || a.item.name.localeCompare(b.item.name, 'zh-CN'));
  return scored.slice(0, limit).map((s) => s.item);
}
