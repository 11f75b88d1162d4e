import L from 'leaflet';
import type { Geometry, Position } from 'geojson';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useMap } from 'react-leaflet';
import { editableVertices, minVertices, withVertices } from './draft';

/**
 * The map side of editing (our own minimal vertex editor; see the report for why not a plugin): a draggable square
 * handle for a point, draggable square vertex handles for a polygon's outer ring or a line, small round handles in
 * the middle of each edge that insert a vertex when clicked, Alt+click on a vertex removes it. Handles are
 * L.divIcon markers — plain divs styled from map.css, no images, no inline style attributes (CSP). Nothing is saved
 * here: changes go to the form, and the form's Save sends them to the core (which records the event).
 */
export function EditLayer({ geometry, onGeometry, drawing }: { geometry: Geometry; onGeometry: (g: Geometry) => void; drawing: boolean }) {
  const map = useMap();
  const group = useMemo(() => L.layerGroup(), []);
  const cb = useRef(onGeometry);
  useLayoutEffect(() => {
    cb.current = onGeometry;
  });
  useEffect(() => {
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, group]);

  useEffect(() => {
    group.clearLayers();
    if (geometry.type === 'Point') {
      const [lng, lat] = geometry.coordinates as [number, number];
      const m = L.marker([lat, lng], { draggable: true, keyboard: false, icon: L.divIcon({ className: 'map-handle map-handle-point', iconSize: [18, 18] }), zIndexOffset: 1000 });
      m.on('dragend', () => {
        const p = m.getLatLng();
        cb.current({ type: 'Point', coordinates: [p.lng, p.lat] });
      });
      group.addLayer(m);
      return;
    }
    const vs = editableVertices(geometry);
    if (!vs) return;
    const closed = geometry.type === 'Polygon';
    const latlngs = () => vs.map((p) => L.latLng(p[1]!, p[0]!));
    const shape = closed
      ? L.polygon(latlngs(), { color: '#0d47a1', weight: 2, dashArray: '5 4', fillColor: '#64b5f6', fillOpacity: 0.15, interactive: false })
      : L.polyline(latlngs(), { color: '#0d47a1', weight: 3, dashArray: '5 4', interactive: false });
    group.addLayer(shape);
    const commit = (next: Position[]) => cb.current(withVertices(geometry, next));
    vs.forEach((p, i) => {
      const m = L.marker([p[1]!, p[0]!], { draggable: true, keyboard: false, icon: L.divIcon({ className: 'map-handle', iconSize: [12, 12] }), zIndexOffset: 1000 });
      m.on('drag', () => {
        const ll = m.getLatLng();
        vs[i] = [ll.lng, ll.lat];
        shape.setLatLngs(latlngs());
      });
      m.on('dragend', () => commit([...vs]));
      m.on('click', (e) => {
        const ev = (e as L.LeafletMouseEvent).originalEvent;
        L.DomEvent.stop(ev);
        if (ev.altKey && vs.length > minVertices(geometry)) commit(vs.filter((_, j) => j !== i));
      });
      group.addLayer(m);
    });
    if (drawing) return;
    const edges = closed ? vs.length : vs.length - 1;
    for (let i = 0; i < edges; i++) {
      const a = vs[i]!;
      const b = vs[(i + 1) % vs.length]!;
      const mid: Position = [(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2];
      const m = L.marker([mid[1]!, mid[0]!], { keyboard: false, icon: L.divIcon({ className: 'map-handle map-handle-mid', iconSize: [10, 10] }), zIndexOffset: 900 });
      m.on('click', (e) => {
        L.DomEvent.stop((e as L.LeafletMouseEvent).originalEvent);
        commit([...vs.slice(0, i + 1), mid, ...vs.slice(i + 1)]);
      });
      group.addLayer(m);
    }
  }, [geometry, group, drawing]);
  return null;
}
