import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../../shared/api';
import { parseDatum } from '../../../shared/geo';
import type { CliEnv } from '../env';

function invalid(field: string, rule: string, zh: string, en: string): AppError {
  return new AppError({ code: 'invalid-input', message: zh, messageEn: en, field, rule });
}

/** A number option, strictly: "112.15" yes, "112.15abc", "" or "NaN" no (exit 2 naming the option). */
export function numberOpt(v: string | undefined, field: string): number | undefined {
  if (v === undefined) return undefined;
  const t = v.trim();
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) {
    throw invalid(field, 'number', `选项 --${field}：“${v}”不是数字`, `option --${field}: "${v}" is not a number`);
  }
  return Number(t);
}

function intOpt(v: string | undefined, field: string): number | undefined {
  const n = numberOpt(v, field);
  if (n !== undefined && !Number.isInteger(n)) throw invalid(field, 'integer', `选项 --${field}：须为整数`, `option --${field}: must be an integer`);
  return n;
}

function datumOpt(v: string | undefined): 'wgs84' | 'gcj02' {
  if (v === undefined) return 'wgs84';
  const d = parseDatum(v);
  if (!d) throw invalid('datum', 'enum', `选项 --datum：“${v}”不是 wgs84（=CGCS2000）或 gcj02`, `option --datum: "${v}" is not wgs84 (=CGCS2000) or gcj02`);
  return d;
}

function readFileArg(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw invalid('file', 'readable-file', `无法读取文件 ${file}（${(e as Error).message}）`, `cannot read ${file} (${(e as Error).message})`);
  }
}

export function registerMap(program: Command, env: CliEnv): void {
  const map = program.command('map').description('map layers: import, nearest features, zones / 地图图层：导入、最近要素、管控区');

  map
    .command('import <file>')
    .description('import GeoJSON/KML/KMZ/GPX/zipped Shapefile/CSV into a layer; prints {"imported":N} / 导入图层数据')
    .requiredOption('--layer <name>', 'zones, checkpoints, water, teams, towers, roads, posts')
    .option('--datum <datum>', 'wgs84 (= CGCS2000) or gcj02 (高德/腾讯); converted to WGS84', 'wgs84')
    .option('--format <format>', 'geojson, kml, kmz, gpx, shapefile, csv (default: from the file)')
    .option('--preview', 'only report counts and problems; write nothing / 只预览，不写入')
    .option('--skip-invalid', 'import the valid features and skip those with errors / 跳过有错误的要素')
    .option('--on-duplicate <what>', 'features already in the layer (same source id, or same name within 5 m): skip or update; without it a re-import is refused / 已有要素：跳过或更新')
    .action(async (file: string, o: { layer: string; datum?: string; format?: string; preview?: boolean; skipInvalid?: boolean; onDuplicate?: string }) => {
      const bytes = readFileArg(file);
      const input = {
        fileName: path.basename(file),
        contentBase64: Buffer.from(bytes).toString('base64'),
        layer: o.layer,
        datum: datumOpt(o.datum),
        ...(o.format ? { format: o.format } : {}),
      };
      const core = env.openCore();
      if (o.preview) {
        env.printJson(await core.invokeUnknown('map.import.preview', input, env.ctx));
        return;
      }
      const r = (await core.invokeUnknown('map.import.commit', { ...input, skipInvalid: !!o.skipInvalid, ...(o.onDuplicate ? { onDuplicate: o.onDuplicate } : {}) }, env.ctx)) as { imported: number; skipped: number; updated: number };
      env.printJson({ imported: r.imported, ...(o.skipInvalid || o.onDuplicate ? { skipped: r.skipped } : {}), ...(o.onDuplicate === 'update' ? { updated: r.updated } : {}) });
    });

  map
    .command('near')
    .description('features of a layer nearest to a point, sorted by distance in metres / 距离最近的要素')
    .requiredOption('--lng <x>', 'longitude, WGS84 degrees')
    .requiredOption('--lat <y>', 'latitude, WGS84 degrees')
    .requiredOption('--layer <name>', 'zones, checkpoints, water, teams, towers, roads, posts')
    .option('--within <metres>', 'only features within this great-circle distance')
    .option('--limit <n>', 'at most this many (default 10)')
    .action(async (o: { lng: string; lat: string; layer: string; within?: string; limit?: string }) => {
      const withinM = numberOpt(o.within, 'within');
      const limit = intOpt(o.limit, 'limit');
      const hits = (await env.openCore().invokeUnknown(
        'map.near',
        { lng: numberOpt(o.lng, 'lng'), lat: numberOpt(o.lat, 'lat'), layer: o.layer, ...(withinM !== undefined ? { withinM } : {}), ...(limit !== undefined ? { limit } : {}) },
        env.ctx,
      )) as Array<{ id: number; name: string; distanceM: number; lng: number; lat: number }>;
      env.printJson(hits.map((h) => ({ id: h.id, name: h.name, distanceM: h.distanceM, lng: h.lng, lat: h.lat })));
    });

  map
    .command('zones')
    .description('the control zones containing a point / 该点所在的管控区')
    .requiredOption('--lng <x>', 'longitude, WGS84 degrees')
    .requiredOption('--lat <y>', 'latitude, WGS84 degrees')
    .action(async (o: { lng: string; lat: string }) => {
      env.printJson(await env.openCore().invokeUnknown('map.zones', { lng: numberOpt(o.lng, 'lng'), lat: numberOpt(o.lat, 'lat') }, env.ctx));
    });

  map
    .command('point')
    .description('zones, water within 3 km, nearest checkpoints/teams/towers/fire road for a point / 某点综合信息')
    .requiredOption('--lng <x>', 'longitude, WGS84 degrees')
    .requiredOption('--lat <y>', 'latitude, WGS84 degrees')
    .action(async (o: { lng: string; lat: string }) => {
      env.printJson(await env.openCore().invokeUnknown('map.pointInfo', { lng: numberOpt(o.lng, 'lng'), lat: numberOpt(o.lat, 'lat') }, env.ctx));
    });

  map
    .command('layers')
    .description('layers and feature counts / 图层与要素数')
    .action(async () => {
      env.printJson(await env.openCore().invokeUnknown('map.layers', {}, env.ctx));
    });

  map
    .command('seed-samples')
    .description('add the 交城县 sample layers (示例, approximate positions) / 导入示例图层')
    .action(async () => {
      env.printJson(await env.openCore().invokeUnknown('map.seedSamples', {}, env.ctx));
    });

  map
    .command('export')
    .description('export layers as GeoJSON or KML / 导出图层')
    .option('--layer <names>', 'comma-separated layers (default: all)')
    .option('--format <format>', 'geojson or kml', 'geojson')
    .option('--datum <datum>', 'wgs84 or gcj02', 'wgs84')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (o: { layer?: string; format: string; datum?: string; out?: string }) => {
      const layers = o.layer ? o.layer.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
      const r = (await env.openCore().invokeUnknown('map.export', { ...(layers ? { layers } : {}), format: o.format, datum: datumOpt(o.datum) }, env.ctx)) as {
        text: string;
        count: number;
        fileName: string;
      };
      if (o.out) {
        fs.writeFileSync(o.out, r.text);
        env.printJson({ exported: r.count, file: o.out });
      } else env.printText(r.text);
    });
}
