import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusal } from '../../helpers/refusal';
import { createCore } from '../../../electron/core/core';
import { tmpDir } from '../../helpers/tmp';

// A browser's call as the shell passes it, by a signed-in administrator (the data folder is theirs).
const http = { actor: 'browser', transport: 'http' as const, person: { id: 1, login: 'admin', name: '管理员', roles: ['admin' as const], phone: '', active: true } };
const cli = { actor: 'officer', transport: 'cli' as const };


describe('log.backup and tiles.add accept only the console\'s own folders from a client', () => {
  it('log.backup {dest}: outside the owned folders refused (absolute, relative escaping, symlink out); a name lands in backups/', async () => {
    const dir = tmpDir();
    const outside = tmpDir();
    const core = createCore({ dbPath: path.join(dir, 'console.sqlite'), open: { backups: false } });
    for (const dest of [path.join(outside, 'copy.sqlite'), '../copy.sqlite', '../../etc/x.sqlite', `../${'x'.repeat(4000)}`]) {
      const b = await refusal(core.invoke('log.backup', { dest: dest.slice(0, 4096) }, http));
      expect(b).toMatchObject({ code: 'forbidden', field: 'dest', rule: 'owned-folder' });
      expect(b.message.length).toBeLessThan(400); // a huge input is not echoed
    }
    expect(fs.readdirSync(outside)).toEqual([]);
    // Inside backups/ but a name no file system takes: a 400 with a short message, not a 500.
    const long = await refusal(core.invoke('log.backup', { dest: 'x'.repeat(4000) }, http));
    expect(long).toMatchObject({ code: 'invalid-input', rule: 'ENAMETOOLONG' });
    expect(long.messageEn.length).toBeLessThan(400);
    fs.mkdirSync(path.join(dir, 'backups'), { recursive: true });
    fs.symlinkSync(outside, path.join(dir, 'backups', 'link'));
    expect((await refusal(core.invoke('log.backup', { dest: 'link/copy.sqlite' }, http))).rule).toBe('owned-folder');
    expect(fs.readdirSync(outside)).toEqual([]);
    // A relative name is taken inside backups/, never in the working directory.
    const ok = await core.invoke('log.backup', { dest: 'by-hand.sqlite' }, http);
    expect(ok.path).toBe(path.join(dir, 'backups', 'by-hand.sqlite'));
    // A folder the person picked in a dialog is allowed; the CLI's person is trusted with their own paths.
    core.allowPickedFolder(outside);
    expect((await core.invoke('log.backup', { dest: path.join(outside, 'picked.sqlite') }, http)).path).toBe(path.join(outside, 'picked.sqlite'));
    const cliDest = path.join(tmpDir(), 'cli.sqlite');
    expect((await core.invoke('log.backup', { dest: cliDest }, cli)).path).toBe(cliDest);
    core.close();
  });

  it('tiles.add {file}: a path outside gets the same answer whether the file exists or not', async () => {
    const dir = tmpDir();
    const core = createCore({ dbPath: path.join(dir, 'console.sqlite'), open: { backups: false } });
    const existing = await refusal(core.invoke('tiles.add', { file: '/etc/passwd', name: 'x' }, http));
    const missing = await refusal(core.invoke('tiles.add', { file: '/etc/no-such-file-here', name: 'x' }, http));
    expect(existing).toMatchObject({ code: 'forbidden', field: 'file', rule: 'owned-folder' });
    expect({ ...missing, message: '', messageEn: '' }).toEqual({ ...existing, message: '', messageEn: '' });
    // Inside imports/: the file is looked at (and here it is not an MBTiles: a different, honest refusal).
    fs.mkdirSync(path.join(dir, 'imports'));
    fs.writeFileSync(path.join(dir, 'imports', 'bad.mbtiles'), 'not sqlite');
    const inside = await refusal(core.invoke('tiles.add', { file: 'bad.mbtiles', name: 'x' }, http));
    expect(inside.rule).not.toBe('owned-folder');
    core.close();
  });
});
