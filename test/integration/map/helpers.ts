import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../../electron/core/db/database';
import type { ChangeMeta } from '../../../electron/core/map/store';

export const ROOT = path.resolve(__dirname, '../../..');
export const FIX = path.join(ROOT, 'test/fixtures/map');

export function tempDir(tag = 'map'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ercon-${tag}-`));
}

/** A real SQLite file in a fresh temp folder, with every migration applied. */
export function tempDb(tag = 'map'): { db: Database; file: string; dir: string } {
  const dir = tempDir(tag);
  const file = path.join(dir, 'console.sqlite');
  return { db: openDatabase(file), file, dir };
}

export const meta = (actor = '值班员甲', at = '2026-11-20T02:00:00.000Z'): ChangeMeta => ({ actor, transport: 'test', at: new Date(at) });

export const count = (db: Database, sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
