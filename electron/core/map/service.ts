import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Polygon, MultiPolygon } from 'geojson';
import { AppError } from '../../../shared/api/errors';
import { isAreal, isLayerName, type LayerName } from '../../../shared/geo';
import { bandOutside } from '../../../shared/geo/buffer';
import { sampleLayers } from './assets';
import { refusalOf, type ImportPlan } from './import';
import { DUPLICATE_RADIUS_M, findDuplicates, type DuplicateHit } from './importMatch';
import { applyFeatureChange, getFeature, type ChangeMeta, type FeatureRecord } from './store';

export type OnDuplicate = 'ask' | 'skip' | 'update';

/**
 * Write an import plan: every importable feature through applyFeatureChange (so each has its `add` event), all in one
 * transaction with one batch id; refused (nothing written) when the plan has errors and `skipInvalid` is not set.
 * Features already in the layer (importMatch.ts) are skipped or update the stored feature, as the officer chose;
 * with `ask` (the default) a plan holding any is refused, nothing written, so a re-import never doubles a layer.
 */
export function commitImport(
  db: Database,
  plan: ImportPlan,
  meta: ChangeMeta,
  opts: { skipInvalid?: boolean; onDuplicate?: OnDuplicate; progress?(done: number, total: number): void } = {},
): { imported: number; skipped: number; updated: number; duplicates: number; batch: string; ids: number[] } {
  const refusal = refusalOf(plan, !!opts.skipInvalid);
  if (refusal) throw refusal;
  const onDuplicate = opts.onDuplicate ?? 'ask';
  const batch = meta.batch ?? `import-${randomUUID()}`;
  const reason = meta.reason ?? `导入 ${plan.fileName}（${plan.format}，${plan.datum === 'gcj02' ? 'GCJ-02 已转换为 WGS84' : 'WGS84/CGCS2000'}）`;
  let updated = 0;
  let dupCount = 0;
  const ids = db.transaction(() => {
    const dups = new Map(findDuplicates(db, plan).map((d) => [d.index, d]));
    dupCount = dups.size;
    if (dups.size && onDuplicate === 'ask') throw duplicatesRefusal([...dups.values()]);
    const out: number[] = [];
    const total = plan.candidates.length;
    let done = 0;
    for (const c of plan.candidates) {
      // Every 1,000 features (and the last): how far the import is, for the progress bar.
      if (++done % 1000 === 0 || done === total) opts.progress?.(done, total);
      if (!c.ok || !c.geometry) continue;
      const props = { ...c.properties };
      delete props.name;
      delete props.kind;
      const dup = dups.get(c.index);
      if (dup && onDuplicate === 'skip') continue;
      if (dup) {
        const old = getFeature(db, dup.existingId);
        applyFeatureChange(db, { op: 'update', id: dup.existingId, patch: { name: c.name, kind: c.kind, properties: { ...(old?.properties ?? {}), ...props }, geometry: c.geometry } }, { ...meta, batch, reason: `${reason}：更新已有要素` });
        updated++;
        out.push(dup.existingId);
        continue;
      }
      const rec = applyFeatureChange(db, { op: 'add', draft: { layer: plan.layer, name: c.name, kind: c.kind, properties: props, geometry: c.geometry } }, { ...meta, batch, reason });
      out.push(rec!.id);
    }
    return out;
  }).immediate();
  return { imported: ids.length - updated, skipped: plan.candidates.length - ids.length, updated, duplicates: dupCount, batch, ids };
}

function duplicatesRefusal(d: DuplicateHit[]): AppError {
  const first = d[0]!;
  const how = first.by === 'source-id' ? '同一来源编号' : `同名且相距 ${first.distanceM} 米`;
  const howEn = first.by === 'source-id' ? 'the same source id' : `the same name, ${first.distanceM} m apart`;
  return new AppError({
    code: 'invalid-input',
    message: `文件中 ${d.length} 个要素已在图层中（例如第 ${first.index + 1} 个“${first.name}”与已有的“${first.existingName}”：${how}，${DUPLICATE_RADIUS_M} 米内视为同一处）；请选择跳过这些要素或用文件更新已有要素。未写入任何内容。`,
    messageEn: `${d.length} feature(s) of the file are already in the layer (e.g. #${first.index + 1} "${first.name}" and the stored "${first.existingName}": ${howEn}); choose to skip them or to update the stored ones. Nothing was written.`,
    field: 'onDuplicate',
    rule: 'duplicate-features',
  });
}

export const SAMPLE_SET = 'jiaocheng-sample-1';

/**
 * Seed the 交城县 sample layers, on request only (`map seed-samples`). Each feature keeps `sample: true` and
 * `approximate: true`; the 庞泉沟 control zone is derived as the 1 km band outside the sample reserve boundary
 * (交政发〔2024〕7号 3(1)), with `derivedFrom` naming the reserve. Refused as a conflict when the samples are already
 * there, so running it twice never doubles them.
 */
export function seedSamples(db: Database, meta: ChangeMeta): { added: number; byLayer: Partial<Record<LayerName, number>>; batch: string } {
  const existing = db.prepare("SELECT COUNT(*) AS n FROM map_features WHERE json_extract(properties, '$.sampleSet') = ?").get(SAMPLE_SET) as { n: number };
  if (existing.n > 0) {
    throw new AppError({
      code: 'conflict',
      message: `示例数据已经导入过（${existing.n} 个要素），没有重复导入`,
      messageEn: `the sample data is already there (${existing.n} features); nothing was added`,
      rule: 'samples-once',
    });
  }
  const fc = sampleLayers();
  const batch = `seed-${SAMPLE_SET}-${randomUUID()}`;
  const byLayer: Partial<Record<LayerName, number>> = {};
  const m = { ...meta, batch, reason: '导入示例数据（近似位置，仅供演示）' };
  const added = db.transaction(() => {
    let n = 0;
    const add = (layer: LayerName, name: string, kind: string | null, properties: Record<string, unknown>, geometry: FeatureRecord['geometry']) => {
      const rec = applyFeatureChange(db, { op: 'add', draft: { layer, name, kind, properties, geometry } }, m)!;
      byLayer[layer] = (byLayer[layer] ?? 0) + 1;
      n++;
      return rec;
    };
    for (const f of fc.features) {
      const { layer, name, kind, derive, ...props } = (f.properties ?? {}) as Record<string, unknown> & { derive?: { bandOutsideM: number; name: string; kind: string } };
      if (!isLayerName(layer) || typeof name !== 'string' || !f.geometry) throw new Error(`bad sample feature ${String(name)}`);
      const rec = add(layer, name, typeof kind === 'string' ? kind : null, props, f.geometry);
      if (derive && isAreal(f.geometry)) {
        const band = bandOutside(f.geometry as Polygon | MultiPolygon, derive.bandOutsideM);
        add('zones', derive.name, derive.kind, { ...props, derivedFrom: rec.id, derivation: `buffer ${derive.bandOutsideM} m outside the reserve boundary, reserve excluded` }, band);
      }
    }
    return n;
  }).immediate();
  return { added, byLayer, batch };
}
