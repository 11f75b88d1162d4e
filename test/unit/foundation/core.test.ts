import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api';
import { ManualClock } from '../../../electron/core/clock';
import { createCore } from '../../../electron/core/core';
import { openDatabase, schemaVersion } from '../../../electron/core/db/database';
import { migrations } from '../../../electron/core/db/migrations';
import { userDataDir } from '../../../electron/core/paths';
import { tmpDir } from '../../helpers/tmp';

const ctx = { actor: 'tester', transport: 'test' as const };

describe('core', () => {
  it('answers a command through its schema with the injected clock', async () => {
    const dbPath = path.join(tmpDir(), 'c.sqlite');
    const core = createCore({ dbPath, clock: new ManualClock('2026-11-23T16:00:00Z') });
    try {
      const h = await core.invoke('system.health', {}, ctx);
      expect(h).toMatchObject({ ok: true, app: '应急值守台', dbPath, now: '2026-11-23T16:00:00.000Z', timeZone: 'Asia/Shanghai' });
      expect(h.schemaVersion).toBe(Math.max(...migrations.map((m) => m.id)));
      expect(await core.invoke('system.echo', { text: '值班测试' }, ctx)).toEqual({ text: '值班测试', length: 4 });
    } finally {
      core.close();
    }
  });

  it('refuses bad input naming the field, and unknown commands', async () => {
    const core = createCore({ dbPath: path.join(tmpDir(), 'c.sqlite') });
    try {
      const bad = await core.invokeUnknown('system.echo', { text: 7 }, ctx).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(AppError);
      expect((bad as AppError).body).toMatchObject({ code: 'invalid-input', field: 'text', rule: 'invalid_type' });
      const extra = await core.invokeUnknown('system.echo', { text: 'a', x: 1 }, ctx).catch((e: unknown) => e);
      expect((extra as AppError).body).toMatchObject({ code: 'invalid-input', field: 'x', rule: 'unrecognized_keys' });
      const unk = await core.invokeUnknown('__proto__', {}, ctx).catch((e: unknown) => e);
      expect((unk as AppError).body.code).toBe('unknown-command');
    } finally {
      core.close();
    }
  });
});

describe('database', () => {
  it('opens with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const db = openDatabase(path.join(tmpDir(), 'd.sqlite'));
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    } finally {
      db.close();
    }
  });

  it('refuses a database written by a newer version, and leaves its bytes untouched', () => {
    const file = path.join(tmpDir(), 'newer.sqlite');
    openDatabase(file).close();
    const raw = new BetterSqlite3(file);
    raw.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (9999, ?, ?)').run('from the future', '2030-01-01T00:00:00Z');
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = fs.readFileSync(file);
    let err: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).body.code).toBe('storage');
    expect((err as AppError).body.message).toContain('更新版本');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('applies pending migrations in order, each once, calling the backup hook for an existing database', () => {
    const file = path.join(tmpDir(), 'm.sqlite');
    const first = [{ id: 1, name: 'a', up: (d: BetterSqlite3.Database) => d.exec('CREATE TABLE a (x INTEGER) STRICT') }];
    openDatabase(file, { migrations: first }).close();
    const seen: number[][] = [];
    const second = [...first, { id: 2, name: 'b', up: (d: BetterSqlite3.Database) => d.exec('CREATE TABLE b (y INTEGER) STRICT') }];
    const db = openDatabase(file, { migrations: second, beforeMigrate: (_d, pending) => seen.push(pending.map((m) => m.id)) });
    try {
      expect(seen).toEqual([[2]]);
      expect(schemaVersion(db)).toBe(2);
    } finally {
      db.close();
    }
  });

  it('rolls back a failing migration: nothing of it is kept', () => {
    const file = path.join(tmpDir(), 'f.sqlite');
    const bad = [
      {
        id: 1,
        name: 'half',
        up: (d: BetterSqlite3.Database) => {
          d.exec('CREATE TABLE half (x INTEGER) STRICT');
          throw new Error('boom');
        },
      },
    ];
    expect(() => openDatabase(file, { migrations: bad })).toThrow('boom');
    const raw = new BetterSqlite3(file);
    expect(raw.prepare("SELECT count(*) n FROM sqlite_master WHERE name='half'").get()).toEqual({ n: 0 });
    raw.close();
  });
});

describe('per-user data folder', () => {
  it('follows each platform\'s convention', () => {
    expect(userDataDir({ HOME: '/home/duty' }, 'linux')).toBe('/home/duty/.local/share/duty-console');
    expect(userDataDir({ HOME: '/home/duty', XDG_DATA_HOME: '/data' }, 'linux')).toBe('/data/duty-console');
    expect(userDataDir({ APPDATA: 'C:\\Users\\duty\\AppData\\Roaming', HOME: 'C:\\Users\\duty' }, 'win32')).toContain('duty-console');
    expect(userDataDir({ HOME: '/Users/duty' }, 'darwin')).toBe('/Users/duty/Library/Application Support/duty-console');
    expect(userDataDir({ ERCON_DATA_DIR: '/srv/ercon' }, 'linux')).toBe('/srv/ercon');
  });
});
