import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database';
import { migrations } from '../../../electron/core/db/migrations';
import { near } from '../../../electron/core/map/query';
import { LAYER_NO } from '../../../electron/core/map/rtree';
import { tempDir } from './helpers';

describe('migration 33 (layer dimension of the R*Tree) on a database written with migrations 30–32', () => {
  it('carries every existing feature into the new index; nearest search works after the upgrade', () => {
    const file = path.join(tempDir('mig'), 'console.sqlite');
    const old = openDatabase(file, { migrations: migrations.filter((m) => m.id < 33) });
    const ins = old.prepare(
      `INSERT INTO map_features (layer, name, geometry, geom_type, lng, lat, min_lng, min_lat, max_lng, max_lat, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, 'Point', ?, ?, ?, ?, ?, ?, 't', 'x', 't', 'x')`,
    );
    for (const [layer, name, lng, lat] of [
      ['water', '旧水源', 112.15, 37.58],
      ['teams', '旧队伍', 112.16, 37.59],
    ] as const) {
      ins.run(layer, name, JSON.stringify({ type: 'Point', coordinates: [lng, lat] }), lng, lat, lng, lat, lng, lat);
    }
    expect((old.prepare('SELECT layer FROM map_features_rtree ORDER BY id').all() as { layer: string }[]).map((r) => r.layer)).toEqual(['water', 'teams']);
    old.close();

    const db = openDatabase(file);
    try {
      const rows = db.prepare('SELECT min_layer, max_layer FROM map_features_rtree ORDER BY id').all() as { min_layer: number; max_layer: number }[];
      expect(rows).toEqual([
        { min_layer: LAYER_NO.water, max_layer: LAYER_NO.water },
        { min_layer: LAYER_NO.teams, max_layer: LAYER_NO.teams },
      ]);
      expect(near(db, [112.15, 37.58], 'water', { withinM: 100 }).map((h) => h.name)).toEqual(['旧水源']);
      expect(near(db, [112.15, 37.58], 'teams', { withinM: 100 })).toEqual([]);
    } finally {
      db.close();
    }
  });
});
