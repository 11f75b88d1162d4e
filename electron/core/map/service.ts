import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Geometry, Polygon, MultiPolygon } from 'geojson';
import { AppError } from '../../../shared/api/errors';
import { isAreal, isLayerName, type LayerName } from '../../../shared/geo';
import { bandOutside } from '../../../shared/geo/buffer';
import { sampleLayers } from './assets';
import { refusalOf, type ImportPlan } from './import';
import { DUPLICATE_RADIUS_M, findDuplicates, type DuplicateHit } from './importMatch';
import { beginStaging, dropStaged, IMPORT_CHUNK, pauseBetweenChunks, publishStaged, stageChunk, sweepStaleImports } from './importStaging';
import { applyFeatureChange, getFeature, type ChangeMeta, type FeatureDraft, type FeatureRecord } from './store';

export type OnDuplicate = 'ask' | 'skip' | 'update';

/**
 * Write an import plan: every importable feature with its `add` event, under one batch id, as ONE all-or-nothing
 * write that commits in chunks (importStaging.ts): the features are validated and staged IMPORT_CHUNK at a time, each
 * chunk its own short transaction with a pause after it, so other writers get the lock while a long file goes in; one
 * final transaction then copies them into the map. Nobody sees any of it before that commit; a failure (or a kill)
 * before it leaves the map, its events and the seal chain as they were. Refused (nothing written) when the plan has
 * errors and `skipInvalid` is not set.
 * Features already in the layer (importMatch.ts, judged against the layer as it is when the import starts, and again
 * in the final transaction if the layer changed meanwhile) are skipped or update the stored feature, as the officer
 * chose; the updates are made in the final transaction, on the stored feature as it is then. With `ask` (the default) a plan holding any is refused, nothing written, so a
 * re-import never doubles a layer.
 */
export async function commitImport(
  db: Database,
  plan: ImportPlan,
  meta: ChangeMeta,
  opts: { skipInvalid?: boolean; onDuplicate?: OnDuplicate; progress?(done: number, total: number): void; chunkSize?: number } = {},
): Promise<{ imported: number; skipped: number; updated: number; duplicates: number; batch: string; ids: number[] }> {
  const refusal = refusalOf(plan, !!opts.skipInvalid);
  if (refusal) throw refusal;
  const onDuplicate = opts.onDuplicate ?? 'ask';
  const batch = meta.batch ?? `import-${randomUUID()}`;
  const reason = meta.reason ?? `导入 ${plan.fileName}（${plan.format}，${plan.datum === 'gcj02' ? 'GCJ-02 已转换为 WGS84' : 'WGS84/CGCS2000'}）`;
  const m: ChangeMeta = { ...meta, batch, reason };
  sweepStaleImports(db);
  // The last map change before the duplicates are judged: the final transaction looks again only if the layer changed
  // after it (another import of the same file running at the same time, a feature added meanwhile).
  const judgedAt = (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM map_events').get() as { n: number }).n;
  const dups = new Map(findDuplicates(db, plan).map((d) => [d.index, d]));
  if (dups.size && onDuplicate === 'ask') throw duplicatesRefusal([...dups.values()]);
  const chunk = Math.max(1, opts.chunkSize ?? IMPORT_CHUNK);
  const total = plan.candidates.length;
  const importId = randomUUID();
  // What each written feature of the file becomes, in file order: a new one (its number in the import, > 0) or the
  // stored one it updates (its id, as -id).
  const order: number[] = [];
  const updates: Array<{ id: number; patch: { name: string; kind: string | null; props: Record<string, unknown>; geometry: Geometry } }> = [];
  let pending: FeatureDraft[] = [];
  let added = 0;
  const stage = async (done: number) => {
    stageChunk(db, importId, added - pending.length + 1, pending, m);
    pending = [];
    if (done < total) {
      opts.progress?.(done, total);
      await pauseBetweenChunks();
    }
  };
  beginStaging(db, importId, meta.at);
  try {
    let done = 0;
    for (const c of plan.candidates) {
      done++;
      if (!c.ok || !c.geometry) continue;
      const props = { ...c.properties };
      delete props.name;
      delete props.kind;
      const dup = dups.get(c.index);
      if (dup && onDuplicate === 'skip') continue;
      if (dup) {
        updates.push({ id: dup.existingId, patch: { name: c.name, kind: c.kind, props, geometry: c.geometry } });
        order.push(-dup.existingId);
        continue;
      }
      pending.push({ layer: plan.layer, name: c.name, kind: c.kind, properties: props, geometry: c.geometry });
      order.push(++added);
      if (pending.length === chunk) await stage(done);
    }
    if (pending.length) await stage(total);
    const base = db.transaction(() => {
      refuseLateDuplicates(db, plan, judgedAt, dups, onDuplicate);
      const published = publishStaged(db, importId, m);
      for (const u of updates) {
        const old = getFeature(db, u.id);
        const { name, kind, props, geometry } = u.patch;
        applyFeatureChange(db, { op: 'update', id: u.id, patch: { name, kind, properties: { ...(old?.properties ?? {}), ...props }, geometry } }, { ...m, reason: `${reason}：更新已有要素` });
      }
      return published.base;
    })();
    opts.progress?.(total, total);
    const ids = order.map((n) => (n > 0 ? base + n : -n));
    return { imported: added, skipped: total - ids.length, updated: updates.length, duplicates: dups.size, batch, ids };
  } finally {
    // Best effort: what a failure here leaves (the database went away) is removed by the next sweep.
    await dropStaged(db, importId).catch(() => undefined);
  }
}

/**
 * In the final transaction: when the layer changed after the duplicates were judged, judge them again (the layer as it
 * is now, under the write lock) and refuse, nothing written, if features of the file have come to be in the layer
 * meanwhile: the officer's choice (or the refusal to double a layer) was made without them.
 */
function refuseLateDuplicates(db: Database, plan: ImportPlan, judgedAt: number, known: ReadonlyMap<number, DuplicateHit>, onDuplicate: OnDuplicate): void {
  if (!db.prepare('SELECT 1 FROM map_events WHERE seq > ? AND layer = ? LIMIT 1').get(judgedAt, plan.layer)) return;
  const late = findDuplicates(db, plan).filter((d) => !known.has(d.index));
  if (!late.length) return;
  if (onDuplicate === 'ask') throw duplicatesRefusal(late);
  throw new AppError({
    code: 'conflict',
    message: `导入期间图层已有变动：文件中又有 ${late.length} 个要素已在图层中（例如第 ${late[0]!.index + 1} 个“${late[0]!.name}”），未写入任何内容。请重新预览后再导入。`,
    messageEn: `the layer changed during the import: ${late.length} more feature(s) of the file are now in it (e.g. #${late[0]!.index + 1} "${late[0]!.name}"). Nothing was written; preview and import again.`,
    field: 'onDuplicate',
    rule: 'layer-changed-during-import',
  });
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
