// shpjs ships no type declarations. What we use: parse a zipped shapefile (bytes) into GeoJSON (WGS84, reprojected
// with the .prj when there is one, through proj4). A zip with several .shp files gives an array of FeatureCollections.
// And its parts: parseShp (.shp bytes + .prj text → geometries), parseDbf (.dbf bytes + .cpg text → rows), combine.
declare module 'shpjs' {
  import type { FeatureCollection, Geometry } from 'geojson';
  type ShpResult = FeatureCollection & { fileName?: string };
  export default function shp(input: ArrayBuffer | Uint8Array | Buffer | string): Promise<ShpResult | ShpResult[]>;
  export function parseShp(shp: ArrayBuffer | Uint8Array | Buffer, prj?: string): Geometry[];
  export function parseDbf(dbf: ArrayBuffer | Uint8Array | Buffer, cpg?: string): Array<Record<string, unknown>>;
  export function combine(parts: [Geometry[], Array<Record<string, unknown>> | undefined]): FeatureCollection;
}
