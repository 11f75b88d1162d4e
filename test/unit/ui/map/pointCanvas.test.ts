// @vitest-environment jsdom
import L from 'leaflet';
import { describe, expect, it } from 'vitest';
import { spriteKey, uncovered } from '../../../../renderer/src/map/pointCanvas';

/**
 * The pure parts of the map's canvas renderer. Its drawing is compared with Leaflet's own canvas, pixel by pixel, in
 * Chromium (test/e2e/map-point-canvas.e2e.test.ts); jsdom has no canvas.
 */

const B = L.bounds([100, 200], [1380, 1040]); // a 1280 × 840 canvas in layer pixels

function area(rects: L.Bounds[]): number {
  // strips may share a corner: count covered pixels on a grid of 10 px cells
  const cells = new Set<string>();
  for (const r of rects) for (let x = r.min!.x; x < r.max!.x; x += 10) for (let y = r.min!.y; y < r.max!.y; y += 10) cells.add(`${x},${y}`);
  return cells.size * 100;
}

describe('uncovered: what a pan leaves to redraw', () => {
  it('a pan east (the canvas moves east, content shifts west) uncovers a strip at the east edge', () => {
    const r = uncovered(B, L.point(-200, 0));
    expect(r).toHaveLength(1);
    expect([r[0]!.min!.x, r[0]!.max!.x, r[0]!.min!.y, r[0]!.max!.y]).toEqual([1180, 1380, 200, 1040]);
  });

  it('a pan west uncovers the west edge; north and south the top and bottom', () => {
    expect(uncovered(B, L.point(150, 0)).map((r) => [r.min!.x, r.max!.x])).toEqual([[100, 250]]);
    expect(uncovered(B, L.point(0, 90)).map((r) => [r.min!.y, r.max!.y])).toEqual([[200, 290]]);
    expect(uncovered(B, L.point(0, -90)).map((r) => [r.min!.y, r.max!.y])).toEqual([[950, 1040]]);
  });

  it('a diagonal pan uncovers two strips covering exactly the new area', () => {
    const r = uncovered(B, L.point(-320, 90));
    expect(r).toHaveLength(2);
    // all of the canvas not covered by the moved old picture: 1280×840 − (1280−320)×(840−90)
    expect(area(r)).toBe(1280 * 840 - 960 * 750);
    for (const s of r) expect(B.contains(s)).toBe(true);
  });

  it('no pan, nothing to redraw', () => {
    expect(uncovered(B, L.point(0, 0))).toEqual([]);
  });
});

describe('spriteKey: one sprite per look', () => {
  const base = { stroke: true, color: '#01579b', weight: 2, opacity: 1, lineCap: 'round', lineJoin: 'round', fill: true, fillColor: '#29b6f6', fillOpacity: 0.9, fillRule: 'evenodd' } as const;
  it('the same look gives the same key', () => {
    expect(spriteKey({ ...base }, 7, 1)).toBe(spriteKey({ ...base }, 7, 1));
  });
  it('anything Leaflet draws with changes the key: radius, pixel ratio, colours, opacity, width, dash, fill on/off', () => {
    const k = spriteKey(base, 7, 1);
    const variants = [
      spriteKey(base, 8, 1),
      spriteKey(base, 7, 2),
      spriteKey({ ...base, color: '#5e35b1' }, 7, 1),
      spriteKey({ ...base, fillColor: '#ffffff' }, 7, 1),
      spriteKey({ ...base, fillOpacity: 1 }, 7, 1),
      spriteKey({ ...base, opacity: 0.5 }, 7, 1),
      spriteKey({ ...base, weight: 3 }, 7, 1),
      spriteKey({ ...base, _dashArray: [3, 2] }, 7, 1),
      spriteKey({ ...base, fill: false }, 7, 1),
      spriteKey({ ...base, stroke: false }, 7, 1),
    ];
    expect(new Set([k, ...variants]).size).toBe(variants.length + 1);
  });
});
