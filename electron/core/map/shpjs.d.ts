// shpjs ships no type declarations. What we use: parse a zipped shapefile (bytes) into GeoJSON (WGS84, reprojected
// with the .prj when there is one). A zip with several .shp files gives an array of FeatureCollections.
declare module 'shpjs' {
  import type { FeatureCollection } from 'geojson';
  type ShpResult = FeatureCollection & { fileName?: string };
  export default function shp(input: ArrayBuffer | Uint8Array | Buffer | string): Promise<ShpResult | ShpResult[]>;
}
