/**
 * Where a fire is. The `reported` event (shared/engine/events.ts) has a free-text `place` and no coordinates, so the
 * fire screens write the point into the place text in one fixed, readable form — `卦山北坡 [WGS84 112.150000,37.585000]`
 * — and read it back from there. The point is thus part of the hash-chained incident record, like the rest of the
 * report. [decision: no separate table; see the fire UI README note in the report]
 */
const TAG = /\s*\[WGS84 (-?\d{1,3}\.\d+),(-?\d{1,2}\.\d+)\]\s*$/;

export interface FirePoint {
  lng: number;
  lat: number;
}

/** `name [WGS84 lng,lat]` with 6 decimals (about 0.1 m). */
export function encodePlace(name: string, p: FirePoint | null): string {
  const n = name.trim();
  if (!p) return n;
  return `${n}${n ? ' ' : ''}[WGS84 ${p.lng.toFixed(6)},${p.lat.toFixed(6)}]`;
}

/** The name and the point of a place written by encodePlace; a place without the tag has no point. */
export function decodePlace(place: string | null | undefined): { name: string; point: FirePoint | null } {
  if (!place) return { name: '', point: null };
  const m = TAG.exec(place);
  if (!m) return { name: place.trim(), point: null };
  const lng = Number(m[1]);
  const lat = Number(m[2]);
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90) return { name: place.trim(), point: null };
  return { name: place.slice(0, m.index).trim(), point: { lng, lat } };
}

/** Parse a typed coordinate (decimal degrees); null when it is not a number in range. */
export function parseCoord(text: string, axis: 'lng' | 'lat'): number | null {
  const s = text.trim();
  if (!/^-?\d{1,3}(\.\d+)?$/.test(s)) return null;
  const v = Number(s);
  return Math.abs(v) <= (axis === 'lng' ? 180 : 90) ? v : null;
}
