// The core's change stream: one Change after every committed write, none after a refused write or a read; served by
// the serve shell as server-sent events on GET /api/events behind the token (real SQLite file, real HTTP server).
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../../shared/api';
import { createCore, type Core } from '../../../electron/core/core';
import { startServer, type RunningServer } from '../../../electron/serve/server';
import { readEvents } from '../../helpers/sse';
import { tmpDir } from '../../helpers/tmp';
import { httpCtx, signedIn } from '../../helpers/people';

let ctx = httpCtx('');
let core: Core | null = null;
let srv: RunningServer | null = null;

afterEach(async () => {
  await srv?.close();
  core?.close();
  srv = null;
  core = null;
});

async function openCore(): Promise<Core> {
  core = createCore({ dbPath: path.join(tmpDir(), 'db.sqlite') });
  // Changes through a shell are made by a signed-in person.
  ctx = httpCtx((await signedIn(core)).session);
  return core;
}

describe('core change feed', () => {
  it('emits one change per committed write with its topic and id; none for reads or refused writes', async () => {
    const c = await openCore();
    const seen: Change[] = [];
    const off = c.onChange((x) => seen.push(x));
    const opened = await c.invoke('incidents.open', { planId: 'vaccine', title: '接种后不良反应' }, ctx);
    await c.invoke('console.board', { status: 'open' }, ctx);
    await c.invoke('incidents.note', { incidentId: opened.id, text: '电话核实' }, ctx);
    // refused: no such incident — nothing written, nothing emitted
    await expect(c.invoke('incidents.note', { incidentId: 'INC-nope', text: 'x' }, ctx)).rejects.toMatchObject({ body: { code: 'not-found' } });
    await c.invoke('map.seedSamples', {}, ctx);
    off();
    await c.invoke('incidents.note', { incidentId: opened.id, text: 'after unsubscribe' }, ctx);
    expect(seen.map((x) => [x.command, x.topic, x.id])).toEqual([
      ['incidents.open', 'incidents', opened.id],
      ['incidents.note', 'incidents', opened.id],
      ['map.seedSamples', 'map', null],
    ]);
    // increasing by one: nothing in between was missed (the account's own setup came before)
    expect(seen.map((x) => x.seq - seen[0]!.seq)).toEqual([0, 1, 2]);
  });

  it('a listener that throws neither fails the write nor stops the other listeners', async () => {
    const c = await openCore();
    const seen: string[] = [];
    c.onChange(() => {
      throw new Error('broken connection');
    });
    c.onChange((x) => seen.push(x.command));
    const r = await c.invoke('incidents.open', { planId: 'drug', title: '药品不良事件' }, ctx);
    expect(r.id).toBeTruthy();
    expect(seen).toEqual(['incidents.open']);
  });
});

describe('GET /api/events (serve shell)', () => {
  it('refuses a request without the token (401) and streams changes as server-sent events with it', async () => {
    const c = await openCore();
    srv = await startServer({ core: c, token: 'test-token-0123456789abcdef' });
    const base = `http://127.0.0.1:${srv.port}/api/events`;
    const denied = readEvents(base, 1);
    expect(await denied.ready).toBe(401);

    const stream = readEvents(`${base}?token=${srv.token}`, 2);
    expect(await stream.ready).toBe(200);
    const opened = await c.invoke('incidents.open', { planId: 'vaccine', title: '疑似预防接种异常反应' }, ctx);
    await c.invoke('fire.danger.record', { date: '2026-03-01', official: { level: 4, source: '县气象局' } }, ctx);
    const events = await stream.events;
    expect(events.map((e) => [e.topic, e.command, e.id])).toEqual([
      ['incidents', 'incidents.open', opened.id],
      ['fire', 'fire.danger.record', null],
    ]);
  });
});
