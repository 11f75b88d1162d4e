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
 * Light on the first draw (issue 17 item 4): positions are kept in typed arrays, projected with the map's CRS exactly
 * as latLngToLayerPoint does (rounded, minus the pixel origin) without a LatLng and a Point kept per item; the grid for
 * the hit test is built at the first test after a projection, not before the first paint; and on pointCanvas the
 * look's sprite is looked up once per draw (PointCanvas.stamper) instead of once per point.
 *
 * Relies on Leaflet 1.9's Path and Canvas internals (_project, _update, _updatePath, _containsPoint, _pxBounds,
 * _renderer._drawing, _redrawBounds, _bounds, _updateCircle, _clickTolerance, _zoom), like pointCanvas.ts.
 */
import L from 'leaflet';

/** Grid cell for the hit test, in layer pixels (larger than any marker's reach, so 3 × 3 cells cover it). */
const CELL = 64;
const cellKey = (cx: number, cy: number) => cx * 1_048_576 + cy;
/** Point.distanceTo, to the same bits. */
const distance = (p: L.Point, x: number, y: number) => Math.sqrt((x - p.x) * (x - p.x) + (y - p.y) * (y - p.y));

/** What PointSet reads of a CircleMarker's stand-in: its options and radius. */
export interface MarkerLook {
  _radius: number;
  options: L.PathOptions;
}

interface RendererInternals {
  _drawing: boolean;
  _redrawBounds: L.Bounds | null;
  _bounds: L.Bounds;
  _updateCircle(layer: unknown): void;
  /** pointCanvas.ts: draws the look at layer points, or null where _updateCircle would draw Leaflet's arc. */
  stamper?(look: MarkerLook): ((x: number, y: number) => void) | null;
}

export class PointSet<T extends { lat: number; lng: number }> extends L.Path {
  readonly items: readonly T[];
  /** The item under the pointer at the last hit test, or -1. */
  hit = -1;
  /** The items' layer pixels (index i = item i), valid after _project. */
  private xs: Float64Array;
  private ys: Float64Array;
  /** Items by grid cell, built at the first hit test after a projection. */
  private grid: Map<number, number[]> | null = null;
  /** What the renderer's _updateCircle reads of a CircleMarker, moved from point to point while drawing. */
  private readonly proxy: MarkerLook & { _point: L.Point; _empty(): boolean };
  declare _map: L.Map & { _zoom: number };
  declare _renderer: L.Renderer & RendererInternals;
  declare _pxBounds: L.Bounds | undefined;

  constructor(items: readonly T[], options: L.CircleMarkerOptions) {
    super();
    // CircleMarker's defaults over Path's (which has no fill).
    L.Util.setOptions(this, { fill: true, radius: 10, ...options });
    this.items = items;
    this.xs = new Float64Array(items.length);
    this.ys = new Float64Array(items.length);
    this.proxy = { _point: L.point(0, 0), _radius: options.radius ?? 10, options: this.options, _empty: () => false };
  }

  /** The item's position (a popup opened without a click opens there). */
  getLatLng(): L.LatLng {
    const i = this.items[Math.max(0, this.hit)];
    return i ? L.latLng(i.lat, i.lng) : L.latLng(0, 0);
  }

  getCenter(): L.LatLng {
    return this.getLatLng();
  }

  /** How far a point's CircleMarker bounds reach from its centre (CircleMarker._updateBounds). */
  private reach(): number {
    return this.proxy._radius + (this as unknown as { _clickTolerance(): number })._clickTolerance();
  }

  /** Map.latLngToLayerPoint for every item: crs.latLngToPoint at the map's zoom, rounded, minus the pixel origin. */
  _project(): void {
    const map = this._map;
    const crs = map.options.crs!;
    const zoom = map._zoom;
    const origin = map.getPixelOrigin();
    const ll = L.latLng(0, 0);
    const { items, xs, ys } = this;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < items.length; i++) {
      ll.lat = items[i]!.lat;
      ll.lng = items[i]!.lng;
      const p = crs.latLngToPoint(ll, zoom);
      const x = Math.round(p.x) - origin.x;
      const y = Math.round(p.y) - origin.y;
      xs[i] = x;
      ys[i] = y;
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
    this.grid = null;
    const r = this.reach();
    this._pxBounds = items.length ? L.bounds([minX - r, minY - r], [maxX + r, maxY + r]) : undefined;
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
    const x0 = Math.max(redraw ? redraw.min!.x : -Infinity, canvas.min!.x) - r;
    const y0 = Math.max(redraw ? redraw.min!.y : -Infinity, canvas.min!.y) - r;
    const x1 = Math.min(redraw ? redraw.max!.x : Infinity, canvas.max!.x) + r;
    const y1 = Math.min(redraw ? redraw.max!.y : Infinity, canvas.max!.y) + r;
    const { xs, ys, proxy } = this;
    const stamp = renderer.stamper?.(proxy);
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      const y = ys[i]!;
      if (x < x0 || x > x1 || y < y0 || y > y1) continue;
      if (stamp) stamp(x, y);
      else {
        proxy._point.x = x;
        proxy._point.y = y;
        renderer._updateCircle(proxy);
      }
    }
  }

  private gridOf(): Map<number, number[]> {
    if (this.grid) return this.grid;
    const grid = new Map<number, number[]>();
    const { xs, ys } = this;
    for (let i = 0; i < xs.length; i++) {
      const k = cellKey(Math.floor(xs[i]! / CELL), Math.floor(ys[i]! / CELL));
      const cell = grid.get(k);
      if (cell) cell.push(i);
      else grid.set(k, [i]);
    }
    return (this.grid = grid);
  }

  _containsPoint(p: L.Point): boolean {
    const reach = this.reach();
    const grid = this.gridOf();
    const cx = Math.floor(p.x / CELL);
    const cy = Math.floor(p.y / CELL);
    let best = -1;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const i of grid.get(cellKey(cx + dx, cy + dy)) ?? []) if (i > best && distance(p, this.xs[i]!, this.ys[i]!) <= reach) best = i;
      }
    }
    this.hit = best;
    return best >= 0;
  }
}
