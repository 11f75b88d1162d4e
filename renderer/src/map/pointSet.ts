/**
 * Every point marker of one look as ONE Leaflet layer (issue 17: the map screen's first draw of 10,000 water sources).
 * A Leaflet CircleMarker per point made 10,000 layers at each draw — options merged, events, bounds, a redraw request,
 * garbage — about two thirds of the map screen's first draw. A PointSet is a single L.Path on the same canvas
 * renderer: it projects its points, draws each one through the renderer's own `_updateCircle` (pointCanvas.ts stamps
 * its sprite, L.Canvas draws Leaflet's arc: the same pixels as a CircleMarker there, which
 * test/e2e/map-point-canvas.e2e.test.ts checks against one CircleMarker per point on L.Canvas), with exactly the
 * culling a CircleMarker has (its `_pxBounds` against the redraw rectangle and the canvas), and hit-tests the pointer
 * as a CircleMarker does (distance to the centre ≤ radius + click tolerance), through a grid of the projected points.
 * `hit` names the item under the pointer at the last test: clicks, popups and hover read it. Draw order inside the set
 * is the items' order, and the topmost (last) point under the pointer wins, as it does between layers.
 *
 * Relies on Leaflet 1.9's Path and Canvas internals (_project, _update, _updatePath, _containsPoint, _pxBounds,
 * _renderer._drawing, _redrawBounds, _bounds, _updateCircle, _clickTolerance), like pointCanvas.ts.
 */
import L from 'leaflet';

/** Grid cell for the hit test, in layer pixels (larger than any marker's reach, so 3 × 3 cells cover it). */
const CELL = 64;
const cellKey = (cx: number, cy: number) => cx * 1_048_576 + cy;

interface RendererInternals {
  _drawing: boolean;
  _redrawBounds: L.Bounds | null;
  _bounds: L.Bounds;
  _updateCircle(layer: unknown): void;
}

export class PointSet<T extends { lat: number; lng: number }> extends L.Path {
  readonly items: readonly T[];
  /** The item under the pointer at the last hit test, or -1. */
  hit = -1;
  private readonly latlngs: L.LatLng[];
  private points: L.Point[] = [];
  private grid = new Map<number, number[]>();
  /** What the renderer's _updateCircle reads of a CircleMarker, moved from point to point while drawing. */
  private readonly proxy: { _point: L.Point; _radius: number; options: L.PathOptions; _empty(): boolean };
  declare _map: L.Map;
  declare _renderer: L.Renderer & RendererInternals;
  declare _pxBounds: L.Bounds | undefined;

  constructor(items: readonly T[], options: L.CircleMarkerOptions) {
    super();
    // CircleMarker's defaults over Path's (which has no fill).
    L.Util.setOptions(this, { fill: true, radius: 10, ...options });
    this.items = items;
    this.latlngs = items.map((i) => L.latLng(i.lat, i.lng));
    this.proxy = { _point: L.point(0, 0), _radius: options.radius ?? 10, options: this.options, _empty: () => false };
  }

  /** The item's position (a popup opened without a click opens there). */
  getLatLng(): L.LatLng {
    return this.latlngs[Math.max(0, this.hit)] ?? L.latLng(0, 0);
  }

  getCenter(): L.LatLng {
    return this.getLatLng();
  }

  /** How far a point's CircleMarker bounds reach from its centre (CircleMarker._updateBounds). */
  private reach(): number {
    return this.proxy._radius + (this as unknown as { _clickTolerance(): number })._clickTolerance();
  }

  _project(): void {
    const map = this._map;
    this.points = this.latlngs.map((ll) => map.latLngToLayerPoint(ll));
    const r = this.reach();
    this.grid = new Map();
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    this.points.forEach((p, i) => {
      const k = cellKey(Math.floor(p.x / CELL), Math.floor(p.y / CELL));
      const cell = this.grid.get(k);
      if (cell) cell.push(i);
      else this.grid.set(k, [i]);
      if (p.x < minX) minX = p.x;
      if (p.y < minY) minY = p.y;
      if (p.x > maxX) maxX = p.x;
      if (p.y > maxY) maxY = p.y;
    });
    this._pxBounds = this.points.length ? L.bounds([minX - r, minY - r], [maxX + r, maxY + r]) : undefined;
  }

  _update(): void {
    if (this._map) this._updatePath();
  }

  _updatePath(): void {
    const renderer = this._renderer;
    if (!renderer._drawing) return;
    const r = this.reach();
    // A CircleMarker is drawn when its bounds meet the redraw rectangle (Canvas._draw) and the canvas (_empty).
    const redraw = renderer._redrawBounds;
    const canvas = renderer._bounds;
    const meets = (b: L.Bounds | null, p: L.Point) => !b || (p.x + r >= b.min!.x && p.x - r <= b.max!.x && p.y + r >= b.min!.y && p.y - r <= b.max!.y);
    for (const p of this.points) {
      if (!meets(redraw, p) || !meets(canvas, p)) continue;
      this.proxy._point = p;
      renderer._updateCircle(this.proxy);
    }
  }

  _containsPoint(p: L.Point): boolean {
    const reach = this.reach();
    const cx = Math.floor(p.x / CELL);
    const cy = Math.floor(p.y / CELL);
    let best = -1;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const i of this.grid.get(cellKey(cx + dx, cy + dy)) ?? []) if (i > best && p.distanceTo(this.points[i]!) <= reach) best = i;
      }
    }
    this.hit = best;
    return best >= 0;
  }
}
