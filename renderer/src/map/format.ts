/**
 * Pure formatting for the map: coordinates as decimal degrees (6 places, about 0.1 m) and as 度分秒, distances in
 * metres / kilometres. No DOM, no Leaflet, so it is unit-tested in plain Node.
 */

/** 112.1234567 → "112.123457" (6 decimals, about 0.1 m on the ground). */
export function fmtDeg(x: number): string {
  return x.toFixed(6);
}

export interface Dms {
  deg: number;
  min: number;
  sec: number;
  negative: boolean;
}

/** Degrees → degrees, minutes, seconds (seconds to 0.01″); carries 60″ → 1′ and 60′ → 1°. */
export function toDms(x: number): Dms {
  const negative = x < 0;
  const a = Math.abs(x);
  let deg = Math.floor(a);
  let min = Math.floor((a - deg) * 60);
  let sec = Math.round(((a - deg) * 60 - min) * 60 * 100) / 100;
  if (sec >= 60) {
    sec -= 60;
    min += 1;
  }
  if (min >= 60) {
    min -= 60;
    deg += 1;
  }
  return { deg, min, sec, negative };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 112.123457, 'lng' → "112°07′24.45″E"; negative values take W / S. */
export function fmtDms(x: number, axis: 'lng' | 'lat'): string {
  const d = toDms(x);
  const hemi = axis === 'lng' ? (d.negative ? 'W' : 'E') : d.negative ? 'S' : 'N';
  const [si, sf] = d.sec.toFixed(2).split('.');
  return `${d.deg}°${pad2(d.min)}′${pad2(Number(si))}.${sf}″${hemi}`;
}

/** Great-circle metres → "850 米" / "2.35 公里" style parts (value + unit key), so the caller translates the unit. */
export function fmtDistance(m: number): { value: string; unit: 'm' | 'km' } {
  if (m < 1000) return { value: String(Math.round(m)), unit: 'm' };
  return { value: (m / 1000).toFixed(2), unit: 'km' };
}

/**
 * Parse a coordinate typed by a person: decimal degrees ("112.123456") or 度分秒 ("112°07′24.4″", "112 7 24.4",
 * "112度7分24.4秒"), with an optional hemisphere letter. Returns null for anything else.
 */
export function parseDeg(text: string): number | null {
  const t = text.trim().toUpperCase();
  if (!t) return null;
  let sign = 1;
  let s = t;
  const hemi = /[NSEW]$/.exec(s);
  if (hemi) {
    if (hemi[0] === 'S' || hemi[0] === 'W') sign = -1;
    s = s.slice(0, -1).trim();
  }
  if (/^[-+]?\d+(\.\d+)?$/.test(s)) {
    const v = Number(s) * sign;
    return Number.isFinite(v) ? v : null;
  }
  const parts = s
    .replace(/[°度′'分″"秒]/g, ' ')
    .trim()
    .split(/\s+/);
  if (parts.length < 2 || parts.length > 3 || !parts.every((p) => /^\d+(\.\d+)?$/.test(p))) return null;
  const [d, m, sec = '0'] = parts as [string, string, string?];
  const mm = Number(m);
  const ss = Number(sec);
  if (mm >= 60 || ss >= 60) return null;
  return sign * (Number(d) + mm / 60 + ss / 3600);
}
