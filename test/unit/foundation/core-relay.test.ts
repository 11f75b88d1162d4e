// The relay between Electron's main process and the core in its utilityProcess (electron/main/relay.ts ↔
// electron/core/host.ts), tested WITHOUT the Electron binary: the utility process is played by a Node STAND-IN, a
// child process (child_process.fork, structured-clone IPC) running the same host code over its channel instead of a
// MessagePort. Real SQLite file.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change, JobProgress } from '../../../shared/api';
import { relayCore, type RelayedCore } from '../../../electron/main/relay';
import { ROOT, tmpDir } from '../../helpers/tmp';
import { createSessionKeeper } from '../../../electron/main/sessionKeeper';
import type { WireContext } from '../../../electron/core/handlers/types';

/** Sign the first administrator in through the relay; the session then travels with every call, as main.ts does it. */
async function signIn(core: RelayedCore): Promise<void> {
  const r = await core.invoke('auth.setup', { login: 'admin', name: '值班管理员', password: 'duty-room-2026' }, ctx);
  ctx = { actor: 'desk-1', transport: 'electron', session: r.session.token! };
}

let ctx: WireContext = { actor: 'desk-1', transport: 'electron' };
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill();
});

/** The stand-in utility process on `dbPath`, and the relay to it as main.ts builds it. */
function standIn(dbPath: string): { child: ChildProcess; core: RelayedCore } {
  const child = fork(path.join(ROOT, 'test/helpers/core-host-standin.mjs'), [dbPath], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  children.push(child);
  const core = relayCore({ post: (m) => child.send(m as never), onMessage: (l) => child.on('message', l) });
  child.on('exit', (code, signal) => core.failAll(`exit ${code ?? signal}`));
  return { child, core };
}

function geojson(n: number): string {
  const features = Array.from({ length: n }, (_, i) => ({ type: 'Feature', properties: { name: `水源${i}` }, geometry: { type: 'Point', coordinates: [112 + i / 1e5, 37.6] } }));
  return Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })).toString('base64');
}

describe('core relay to a Node stand-in for the utilityProcess', () => {
  it('relays commands and answers, refusals with their error body, and the change stream', async () => {
    const { core } = standIn(path.join(tmpDir(), 'db.sqlite'));
    await core.ready;
    // Before anyone signs in, a write is refused and nothing is written.
    await expect(core.invoke('incidents.open', { planId: 'vaccine', title: 'x' }, { actor: 'desk-1', transport: 'electron' })).rejects.toMatchObject({ body: { code: 'unauthenticated' } });
    await signIn(core);
    const changes: Change[] = [];
    core.onChange((c) => changes.push(c));
    const opened = await core.invoke('incidents.open', { planId: 'vaccine', title: '接种后群体不良反应' }, ctx);
    const list = await core.invoke('incidents.list', {}, ctx);
    expect(list.incidents.map((i) => [i.id, i.title])).toEqual([[opened.id, '接种后群体不良反应']]);
    // The actor on the record is the signed-in person, whatever the window claimed.
    expect(JSON.parse(list.incidents[0]!.openedBy)).toMatchObject({ name: '值班管理员', roles: ['admin', 'duty-leader'] });
    await expect(core.invoke('incidents.note', { incidentId: opened.id, text: '' }, ctx)).rejects.toMatchObject({ body: { code: 'invalid-input', field: 'text' } });
    await expect(core.invokeUnknown('no.such', {}, ctx)).rejects.toMatchObject({ body: { code: 'unknown-command' } });
    await expect.poll(() => changes.map((c) => [c.command, c.id])).toEqual([['incidents.open', opened.id]]);
  });

  it('a 20,000-feature import in the stand-in leaves this (the main) process free: p99 event-loop delay < 50 ms', async () => {
    const { core } = standIn(path.join(tmpDir(), 'db.sqlite'));
    await core.ready;
    await signIn(core);
    const body = { fileName: 'w.geojson', contentBase64: geojson(20_000), layer: 'water' };
    const progress: JobProgress[] = [];
    core.onProgress((p) => progress.push(p));
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    const t0 = performance.now();
    const r = await core.invoke('map.import.commit', body, ctx, 'job-7');
    const ms = performance.now() - t0;
    h.disable();
    expect(r.imported).toBe(20_000);
    // its progress, every 1,000 features, tagged with the caller's job id
    expect(progress.map((p) => [p.job, p.command, p.done, p.total])).toEqual(Array.from({ length: 20 }, (_, i) => ['job-7', 'map.import.commit', (i + 1) * 1000, 20_000]));
    console.log(JSON.stringify({ importMs: Math.round(ms), mainLoopDelayMaxMs: Math.round(h.max / 1e6), p99Ms: Math.round(h.percentile(99) / 1e6) }));
    expect(ms).toBeGreaterThan(500); // a job long enough to matter
    // Inline, the same import would hold this loop for its whole length (seconds). Here the loop only pays for sending
    // the 2.6 MB request over the channel; on a shared 2-core machine single ticks can still be late, hence p99.
    expect(h.percentile(99) / 1e6).toBeLessThan(50);
    expect(h.max / 1e6).toBeLessThan(ms / 4);
  });

  it('a database it cannot open is reported (ready rejects with the reason), and a dead core fails pending commands', async () => {
    const bad = path.join(tmpDir(), 'corrupt.sqlite');
    fs.writeFileSync(bad, 'this is not a database '.repeat(200));
    const { core: broken } = standIn(bad);
    await expect(broken.ready).rejects.toMatchObject({ body: { code: 'storage' } });

    const { child, core } = standIn(path.join(tmpDir(), 'db.sqlite'));
    await core.ready;
    const pending = core.invoke('log.verify', {}, ctx);
    child.kill('SIGKILL');
    await expect(pending).rejects.toMatchObject({ body: { code: 'internal', messageEn: expect.stringContaining('the core process ended') } });
    await expect(core.invoke('system.health', {}, ctx)).rejects.toMatchObject({ body: { code: 'internal' } });
  });
});

describe('the desktop window\'s session keeper (main.ts) over the relay', () => {
  it('keeps the token in the main process: the page gets the sign-in without it, later calls act as that person, sign-out forgets it', async () => {
    const { core } = standIn(path.join(tmpDir(), 'db.sqlite'));
    await core.ready;
    const win = createSessionKeeper((n, i, c, j) => core.invoke(n, i, c, j));
    const setup = (await win.invoke('auth.setup', { login: 'admin', name: '值班管理员', password: 'duty-room-2026' })) as { session: Record<string, unknown> };
    expect(Object.keys(setup.session)).toEqual(['expiresAt']);
    const st = (await win.invoke('auth.status', {})) as { person: { name: string } | null };
    expect(st.person?.name).toBe('值班管理员');
    await win.invoke('incidents.open', { planId: 'vaccine', title: '窗口登记' });
    await win.invoke('auth.signOut', {});
    expect(((await win.invoke('auth.status', {})) as { person: unknown }).person).toBeNull();
    await expect(win.invoke('incidents.open', { planId: 'vaccine', title: '退出后' })).rejects.toMatchObject({ body: { code: 'unauthenticated' } });
  });
});
