/**
 * The map's canvas renderer: Leaflet's own L.Canvas with two changes that keep a pan smooth with 10,000 points in view
 * (issue 7 item 6; test/bench/map-render.bench.ts measures it against L.Canvas in the same run).
 *
 * 1. **A pan moves the pixels instead of redrawing them.** Leaflet clears its canvas at the end of every pan and zoom
 *    and redraws every path in view: with 10,000 points a freeze of 0.1–0.5 s on a duty-room PC without a GPU. After a
 *    pan (same zoom, same pixel origin, same canvas size) everything already drawn is still right, only shifted: this
 *    renderer copies the canvas by the pan's offset into a second, hidden canvas, redraws there only the strips the
 *    pan uncovered, with Leaflet's own partial-redraw code (clear and clip to a rectangle, draw what intersects it),
 *    and shows that canvas in place of the first. (Copying a canvas onto itself costs Chromium about four frames
 *    without a GPU; copying into another canvas costs well under one.) A zoom, a view reset, a resize or a pan
 *    longer than the canvas take Leaflet's full redraw. The price is a second canvas of the same size in memory.
 * 2. **Point markers are stamped from sprites.** For each circle marker Leaflet parses two CSS colours, sets the dash
 *    and fills and strokes an anti-aliased arc. Markers of one look are identical pixels, so each look is drawn once
 *    into a small offscreen canvas (the same canvas calls, so the same pixels) and every marker of that look is one
 *    drawImage. This makes the full redraws (zoom) cheaper as well.
 *
 * One more change follows from the first: dashed lines and areas are not clipped to the canvas (_updateDashArray).
 *
 * Everything else stays Leaflet's: hit-testing (clicks, hover and popups use the marker's position and radius, not
 * pixels), partial redraws when a feature changes, zoom animation, one draw order shared with polygons and lines.
 * Geographic circles (L.Circle: the 3 km water ring), ellipses and very large markers take Leaflet's own arc.
 *
 * Relies on Leaflet 1.9's Canvas internals (_update, _updatePaths, _updateCircle, _updateDashArray,
 * _destroyContainer, _redraw, _redrawBounds, _drawing, _container, _ctx, its mouse handlers, _point, _radius):
 * package.json pins leaflet to 1.9.x, and test/e2e/map-point-canvas.e2e.test.ts compares this renderer's pixels with L.Canvas's in Chromium after
 * draws, pans, zooms and a restyle, so an upgrade that changes them fails a test rather than the map.
 */
import L from 'leaflet';
import { whenIdle } from '../idle';

/** Leaflet's per-path drawing options as its canvas renderer reads them (`_dashArray` is its parsed dashArray). */
export type SpriteStyle = Pick<L.PathOptions, 'stroke' | 'color' | 'weight' | 'opacity' | 'lineCap' | 'lineJoin' | 'fill' | 'fillColor' | 'fillOpacity' | 'fillRule'> & {
  _dashArray?: number[] | null;
};

export interface Sprite {
  image: HTMLCanvasElement;
  /** Size of the image in CSS pixels (it is `size × scale` device pixels). */
  size: number;
  /** From the image's top-left corner to the circle's centre, CSS pixels. */
  half: number;
}

/** Markers larger than this are drawn by Leaflet (a sprite would be a large image for a rare marker). */
export const MAX_SPRITE_RADIUS = 40;
/** Looks kept per renderer; the map has about twenty. Past this the cache is emptied and refilled. */
const MAX_SPRITES = 512;

/** One key per distinct look: everything L.Canvas's _fillStroke reads, the radius and the pixel ratio. */
export function spriteKey(o: SpriteStyle, radius: number, scale: number): string {
  return [
    radius,
    scale,
    o.fill ? 1 : 0,
    o.fillColor ?? '',
    o.fillOpacity,
    o.fillRule ?? '',
    o.stroke ? 1 : 0,
    o.color,
    o.weight,
    o.opacity,
    o.lineCap,
    o.lineJoin,
    o._dashArray ? o._dashArray.join(',') : '',
  ].join('|');
}

/**
 * Draw one marker look the way L.Canvas draws a circle marker (same arc, fill, dash and stroke calls, so the same
 * pixels), centred in a canvas of `scale` device pixels per CSS pixel.
 */
export function drawSprite(o: SpriteStyle, radius: number, scale: number, doc: Document = document): Sprite {
  const stroke = !!o.stroke && o.weight !== 0;
  const reach = radius + (stroke ? (o.weight ?? 1) / 2 : 0) + 1; // +1: anti-aliased edge
  const size = Math.ceil(2 * reach);
  const half = size / 2;
  const image = doc.createElement('canvas');
  image.width = Math.ceil(size * scale);
  image.height = image.width;
  const ctx = image.getContext('2d');
  if (!ctx) throw new Error('canvas 2d context unavailable');
  ctx.scale(scale, scale);
  ctx.beginPath();
  ctx.arc(half, half, radius, 0, Math.PI * 2, false);
  if (o.fill) {
    ctx.globalAlpha = o.fillOpacity ?? 1;
    ctx.fillStyle = o.fillColor || o.color || '';
    // Leaflet passes the option straight to the canvas ('nonzero' | 'evenodd'; its SVG-only 'inherit' is not one).
    ctx.fill((o.fillRule || 'evenodd') as CanvasFillRule);
  }
  if (stroke) {
    ctx.setLineDash(o._dashArray ?? []);
    ctx.globalAlpha = o.opacity ?? 1;
    ctx.lineWidth = o.weight ?? 1;
    ctx.strokeStyle = o.color ?? '';
    if (o.lineCap) ctx.lineCap = o.lineCap as CanvasLineCap;
    if (o.lineJoin) ctx.lineJoin = o.lineJoin as CanvasLineJoin;
    ctx.stroke();
  }
  return { image, size, half };
}

/** The parts of Leaflet 1.9's canvas renderer and circle marker this renderer uses (not in its type definitions). */
interface CanvasInternals {
  _map: L.Map & { _animatingZoom?: boolean };
  _onMouseMove(e: Event): void;
  _onClick(e: Event): void;
  _handleMouseOut(e: Event): void;
  _container: HTMLCanvasElement;
  _ctx: CanvasRenderingContext2D;
  _bounds?: L.Bounds;
  _zoom?: number;
  _layers: Record<string, { _update(): void }>;
  _drawing: boolean;
  _redrawBounds: L.Bounds | null;
  _redrawRequest?: number | null;
  _postponeUpdatePaths?: boolean;
  _redraw(): void;
  fire(type: string): void;
}
interface CircleInternals {
  _point: L.Point;
  _radius: number;
  _radiusY?: number;
  _empty(): boolean;
  options: L.CircleMarkerOptions & SpriteStyle;
}

const canvasProto = L.Canvas.prototype as unknown as {
  _updateCircle(layer: unknown): void;
  _updatePaths(): void;
  _destroyContainer(): void;
  _updateDashArray(layer: unknown): void;
  _initPath(layer: unknown): void;
};
const rendererUpdate = (L.Renderer.prototype as unknown as { _update(): void })._update;

/**
 * The rectangles (layer pixels) a pan uncovers: the new bounds minus the old ones, for bounds of one size moved by
 * `shift` = old min − new min. Two strips at most (the corner they share is drawn twice, harmlessly).
 */
export function uncovered(bounds: L.Bounds, shift: L.Point): L.Bounds[] {
  const { min, max } = bounds as Required<L.Bounds>;
  const out: L.Bounds[] = [];
  if (shift.x > 0) out.push(L.bounds([min.x, min.y], [min.x + shift.x, max.y]));
  if (shift.x < 0) out.push(L.bounds([max.x + shift.x, min.y], [max.x, max.y]));
  if (shift.y > 0) out.push(L.bounds([min.x, min.y], [max.x, min.y + shift.y]));
  if (shift.y < 0) out.push(L.bounds([min.x, max.y + shift.y], [max.x, max.y]));
  return out;
}

export class PointCanvas extends L.Canvas {
  private sprites = new Map<string, Sprite>();
  /** The map's pixel origin when the canvas was last drawn: layer pixels mean the same place only while it holds. */
  private origin: L.Point | null = null;
  /** Set by _update when the canvas content was moved, for _updatePaths to redraw only what the pan uncovered. */
  private moved: L.Point | null = null;
  /** The hidden canvas the next pan copies into; it and the shown one (_container) trade places at each pan. */
  private spare: HTMLCanvasElement | null = null;
  /** Counters read by tests and the benchmark: markers stamped from sprites, full redraws, pans redrawn by strips. */
  stats = { stamped: 0, fullRedraws: 0, shiftedRedraws: 0 };

  /** Leaflet calls this at every moveend (and at add and view reset): place the canvas over the new bounds. */
  _update(): void {
    const self = this as unknown as CanvasInternals;
    const map = self._map;
    if (map._animatingZoom && self._bounds) return;
    const before = self._bounds;
    const zoomBefore = self._zoom;
    rendererUpdate.call(this); // the new _bounds, _center and _zoom (Leaflet's own computation)
    const b = self._bounds!;
    const size = b.getSize();
    const m = L.Browser.retina ? 2 : 1; // Leaflet draws at twice the size on retina screens (L.Canvas._update)
    const container = self._container;
    const origin = map.getPixelOrigin();
    const shift = before ? before.min!.subtract(b.min!) : null;
    const canMove =
      !!before &&
      !!shift &&
      zoomBefore === self._zoom &&
      !!this.origin &&
      this.origin.equals(origin) &&
      !self._postponeUpdatePaths &&
      before.getSize().equals(size) &&
      container.width === m * size.x &&
      container.height === m * size.y &&
      Math.abs(shift.x) < size.x &&
      Math.abs(shift.y) < size.y;
    this.origin = origin;
    if (canMove) {
      this.showMoved(shift!, b, m);
      this.moved = shift;
    } else {
      // Leaflet's way: resizing the canvas clears it (and resets its transform); everything is redrawn.
      L.DomUtil.setPosition(container, b.min!);
      container.width = m * size.x;
      container.height = m * size.y;
      container.style.width = `${size.x}px`;
      container.style.height = `${size.y}px`;
      this.moved = null;
    }
    // Layer pixels → canvas pixels, as L.Canvas sets it.
    self._ctx.setTransform(m, 0, 0, m, 0, 0);
    self._ctx.translate(-b.min!.x, -b.min!.y);
    self.fire('update'); // → _updatePaths
  }

  /**
   * Copy the shown canvas, moved by `shift` (layer pixels), into the hidden one, place that over `bounds` and show it
   * instead; from then on Leaflet draws into it (_container and _ctx are swapped).
   */
  private showMoved(shift: L.Point, bounds: L.Bounds, m: number): void {
    const self = this as unknown as CanvasInternals;
    const shown = self._container;
    const next = this.spareFor(shown);
    const ctx = next.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
    ctx.clearRect(0, 0, next.width, next.height);
    ctx.drawImage(shown, shift.x * m, shift.y * m);
    L.DomUtil.setPosition(next, bounds.min!);
    next.className = shown.className; // keeps the hover cursor class
    next.style.visibility = '';
    shown.style.visibility = 'hidden';
    this.spare = shown;
    self._container = next;
    self._ctx = ctx; // its layer-pixel transform is set by _update, as for a redrawn canvas
  }

  /** The hidden canvas, made on first use like Leaflet makes its own (same mouse handlers), sized as `like`. */
  private spareFor(like: HTMLCanvasElement): HTMLCanvasElement {
    const self = this as unknown as CanvasInternals;
    let c = this.spare;
    if (!c) {
      c = document.createElement('canvas');
      L.DomEvent.on(c, 'mousemove', self._onMouseMove, this);
      L.DomEvent.on(c, 'click dblclick mousedown mouseup contextmenu', self._onClick, this);
      L.DomEvent.on(c, 'mouseout', self._handleMouseOut, this);
      (c as unknown as Record<string, boolean>)._leaflet_disable_events = true;
      c.style.visibility = 'hidden';
      this.spare = c;
    }
    if (c.parentNode !== like.parentNode) like.after(c);
    if (c.width !== like.width || c.height !== like.height) {
      c.width = like.width;
      c.height = like.height;
    }
    c.style.width = like.style.width;
    c.style.height = like.style.height;
    return c;
  }

  /**
   * Chromium spends a few frames on the first copy between two canvases (it allocates the hidden canvas's memory).
   * Pay that once the first paths have been drawn, in the first idle moment after (the officer has not started a pan
   * yet), not at the end of the officer's first pan — nor in the frames that first draw the map (issue 17 item 4: a
   * commit of a canvas twice the map's size, 14 ms). (Showing each canvas the first time still costs a few frames,
   * once each; warming that up too would cost more at the map's opening than it saves later: map-render.bench.ts.)
   */
  private warmSpare(): void {
    const self = this as unknown as CanvasInternals;
    if (!self._map || !self._container) return;
    const spare = this.spareFor(self._container);
    const ctx = spare.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(self._container, 0, 0);
  }

  /** Leaflet removes the shown canvas when the renderer leaves the map; the hidden one goes with it. */
  _destroyContainer(): void {
    canvasProto._destroyContainer.call(this);
    if (this.spare) {
      L.DomEvent.off(this.spare);
      this.spare.remove();
      this.spare = null;
    }
  }

  private warmAsked = false;

  /** Leaflet calls this when a path joins the renderer: the first one asks for the hidden canvas to be warmed. */
  _initPath(layer: L.Path): void {
    canvasProto._initPath.call(this, layer);
    if (this.warmAsked) return;
    this.warmAsked = true;
    // after the animation frame that draws it, when the page is idle
    requestAnimationFrame(() => whenIdle(() => this.warmSpare()));
  }

  /** After _update: every path re-clips to the new bounds; then a full redraw, or only the uncovered strips. */
  _updatePaths(): void {
    const self = this as unknown as CanvasInternals;
    const shift = this.moved;
    this.moved = null;
    if (self._postponeUpdatePaths || !shift) {
      this.stats.fullRedraws++;
      canvasProto._updatePaths.call(this);
      return;
    }
    // A partial redraw Leaflet had queued (a feature changed) is done now, with the strips.
    const queued = self._redrawBounds;
    if (self._redrawRequest) {
      L.Util.cancelAnimFrame(self._redrawRequest);
      self._redrawRequest = null;
    }
    self._redrawBounds = null;
    for (const id in self._layers) self._layers[id]!._update();
    const rects = uncovered(self._bounds!, shift);
    if (queued) rects.push(queued);
    for (const r of rects) {
      self._redrawBounds = r;
      self._redraw(); // clears and clips to _redrawBounds, draws what intersects it, then resets it to null
    }
    this.stats.shiftedRedraws++;
  }

  /**
   * Leaflet parses a path's dashArray here when the path joins the renderer and at every setStyle. A dashed line or
   * area is also taken off Leaflet's clipping: the dash pattern starts wherever the clipped path starts, and clipping
   * follows the canvas bounds, so after a pan the dashes would shift — and this renderer keeps the part of the old
   * picture the pan leaves in view, where old and new dashes would meet in a seam. Unclipped, the pattern starts at
   * the first vertex every time. (Circles and markers are never clipped.)
   */
  _updateDashArray(layer: L.Path): void {
    canvasProto._updateDashArray.call(this, layer);
    const o = layer.options as L.PolylineOptions & SpriteStyle;
    if (layer instanceof L.Polyline && o._dashArray && o._dashArray.length) o.noClip = true;
  }

  /** Called by Leaflet for every CircleMarker (and Circle) in the redraw bounds while drawing. */
  _updateCircle(layer: L.CircleMarker): void {
    const self = this as unknown as CanvasInternals;
    const c = layer as unknown as CircleInternals;
    if (!self._drawing || c._empty()) return;
    const r = Math.max(Math.round(c._radius), 1);
    const elliptic = c._radiusY !== undefined && Math.max(Math.round(c._radiusY), 1) !== r;
    if (layer instanceof L.Circle || elliptic || r > MAX_SPRITE_RADIUS) {
      canvasProto._updateCircle.call(this, layer);
      return;
    }
    const scale = L.Browser.retina ? 2 : 1;
    const sprite = this.spriteFor(c.options, r, scale);
    const ctx = self._ctx;
    ctx.globalAlpha = 1;
    stampAt(ctx, sprite, scale, c._point.x, c._point.y);
    this.stats.stamped++;
  }

  private spriteFor(o: SpriteStyle, r: number, scale: number): Sprite {
    const key = spriteKey(o, r, scale);
    let sprite = this.sprites.get(key);
    if (!sprite) {
      if (this.sprites.size >= MAX_SPRITES) this.sprites.clear();
      sprite = drawSprite(o, r, scale);
      this.sprites.set(key, sprite);
    }
    return sprite;
  }

  /**
   * For many markers of one look (pointSet.ts), while drawing: a function that stamps the look at a layer point exactly
   * as _updateCircle does for a CircleMarker there, with the sprite looked up once; or null where _updateCircle would
   * take Leaflet's arc (a marker too large for a sprite). The caller culls, as Leaflet does for its layers.
   */
  stamper(look: { _radius: number; options: L.PathOptions }): ((x: number, y: number) => void) | null {
    const self = this as unknown as CanvasInternals;
    const r = Math.max(Math.round(look._radius), 1);
    if (!self._drawing || r > MAX_SPRITE_RADIUS) return null;
    const scale = L.Browser.retina ? 2 : 1;
    const sprite = this.spriteFor(look.options as SpriteStyle, r, scale);
    const ctx = self._ctx;
    ctx.globalAlpha = 1;
    return (x, y) => {
      stampAt(ctx, sprite, scale, x, y);
      this.stats.stamped++;
    };
  }
}

/** One marker from its sprite, centred on a layer point, snapped to whole device pixels (a fractional offset would
 *  resample the image and blur the rim). */
function stampAt(ctx: CanvasRenderingContext2D, sprite: Sprite, scale: number, px: number, py: number): void {
  const x = Math.round((px - sprite.half) * scale) / scale;
  const y = Math.round((py - sprite.half) * scale) / scale;
  ctx.drawImage(sprite.image, x, y, sprite.size, sprite.size);
}

/** The renderer for the map's features: Leaflet's canvas options (padding, tolerance, pane). */
export function pointCanvas(options?: L.RendererOptions & { tolerance?: number }): PointCanvas {
  return new PointCanvas(options);
}
