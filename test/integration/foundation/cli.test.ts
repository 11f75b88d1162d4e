import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tmpDir } from '../../helpers/tmp';

function ercon(args: string[]) {
  const r = spawnSync('npm', ['run', '-s', 'ercon', '--', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ercon', () => {
  it('npm run -s ercon -- --help works and lists its commands', () => {
    const r = ercon(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: ercon/);
    expect(r.stdout).toContain('应急值守台');
  });

  it('is the package bin', async () => {
    const pkg = (await import('../../../package.json', { with: { type: 'json' } })).default as { bin: Record<string, string> };
    expect(pkg.bin.ercon).toBe('electron/cli/ercon.mjs');
  });

  it('health opens the --db file and prints one JSON line', () => {
    const db = path.join(tmpDir(), 'x.sqlite');
    const r = ercon(['--db', db, 'health']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ ok: true, dbPath: db });
  });

  it('an unknown command exits 2 with nothing on stdout', () => {
    const r = ercon(['no-such-command']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("unknown command 'no-such-command'");
  });
});
