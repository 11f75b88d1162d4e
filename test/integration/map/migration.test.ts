import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database';
import { migrations } from '../../../electron/core/db/migrations';
import { near } from '../../../electron/core/map/query';
import { LAYER_NO } from '../../../electron/core/map/rtree';
import { tempDir } from './helpers';

describe('migrations 33 (layer dimension of the R*Tree) and 34 (a slot per layer) on a database written with 30–32', () => {
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

    const at33 = openDatabase(file, { migrations: migrations.filter((m) => m.id <= 33) });
    try {
      const rows = at33.prepare('SELECT min_layer, max_layer FROM map_features_rtree ORDER BY id').all() as { min_layer: number; max_layer: number }[];
      expect(rows).toEqual([
        { min_layer: LAYER_NO.water, max_layer: LAYER_NO.water },
        { min_layer: LAYER_NO.teams, max_layer: LAYER_NO.teams },
      ]);
    } finally {
      at33.close();
    }

    // …and migration 34 gives each layer its slot [n, n + 1]; the searches still tell the layers apart.
    const db = openDatabase(file);
    try {
      const rows = db.prepare('SELECT min_layer, max_layer FROM map_features_rtree ORDER BY id').all() as { min_layer: number; max_layer: number }[];
      expect(rows).toEqual([
        { min_layer: LAYER_NO.water, max_layer: LAYER_NO.water + 1 },
        { min_layer: LAYER_NO.teams, max_layer: LAYER_NO.teams + 1 },
      ]);
      expect(near(db, [112.15, 37.58], 'water', { withinM: 100 }).map((h) => h.name)).toEqual(['旧水源']);
      expect(near(db, [112.15, 37.58], 'water', { withinM: 5000 }).map((h) => h.name)).toEqual(['旧水源']);
      expect(near(db, [112.15, 37.58], 'teams', { withinM: 5000 }).map((h) => h.name)).toEqual(['旧队伍']);
      expect(near(db, [112.15, 37.58], 'teams', { withinM: 100 })).toEqual([]);
      // neighbouring layer numbers (water 3, teams 4, towers 5, checkpoints 2) never leak into each other
      expect(near(db, [112.15, 37.58], 'towers', { withinM: 5000 })).toEqual([]);
      expect(near(db, [112.15, 37.58], 'checkpoints', { withinM: 5000 })).toEqual([]);
      // features written after the upgrade go through migration 34's triggers
      const ins = db.prepare(
        `INSERT INTO map_features (layer, name, geometry, geom_type, lng, lat, min_lng, min_lat, max_lng, max_lat, created_at, created_by, updated_at, updated_by)
         VALUES ('towers', '新瞭望台', ?, 'Point', 112.151, 37.581, 112.151, 37.581, 112.151, 37.581, 't', 'x', 't', 'x')`,
      );
      ins.run(JSON.stringify({ type: 'Point', coordinates: [112.151, 37.581] }));
      expect(near(db, [112.15, 37.58], 'towers', { withinM: 5000 }).map((h) => h.name)).toEqual(['新瞭望台']);
      expect(near(db, [112.15, 37.58], 'teams', { withinM: 5000 }).map((h) => h.name)).toEqual(['旧队伍']);
      const t = db.prepare("SELECT r.min_layer, r.max_layer FROM map_features_rtree r JOIN map_features f ON f.id = r.id WHERE f.name = '新瞭望台'").get();
      expect(t).toEqual({ min_layer: LAYER_NO.towers, max_layer: LAYER_NO.towers + 1 });
    } finally {
      db.close();
    }
  });
});
