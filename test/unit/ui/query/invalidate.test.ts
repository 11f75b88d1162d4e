// A change that arrives while a screen's FIRST load is in flight must not be lost: the load may have read the core
// before the change. TanStack Query reuses such a load on invalidate (it cancels only refetches of queries with
// data); invalidateTopic cancels it first, so the screen reads again after the change.
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { invalidateTopic } from '../../../../renderer/src/query/client';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A "core" whose board read takes `ms`, answering what was there when the read began. */
function setup(ms = 40) {
  const db = { incidents: ['20261201-001'] };
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  const obs = new QueryObserver<string[]>(client, {
    queryKey: ['console.board', {}],
    queryFn: async () => {
      const seen = [...db.incidents];
      await sleep(ms);
      return seen;
    },
  });
  const seen: Array<string[] | undefined> = [];
  const off = obs.subscribe((r) => seen.push(r.data));
  return { db, client, obs, off, seen };
}

async function settle(obs: QueryObserver<string[]>) {
  for (let i = 0; i < 50 && obs.getCurrentResult().fetchStatus !== 'idle'; i++) await sleep(20);
  return obs.getCurrentResult();
}

describe('invalidateTopic', () => {
  it('a change during the first load: the board shows the new incident (a plain invalidate would not)', async () => {
    // What TanStack does by itself: the in-flight first load is reused and the new incident is missing.
    const plain = setup();
    await sleep(5);
    plain.db.incidents.push('20261201-002');
    await plain.client.invalidateQueries({ predicate: () => true });
    expect((await settle(plain.obs)).data).toEqual(['20261201-001']);
    plain.off();

    const t = setup();
    await sleep(5);
    t.db.incidents.push('20261201-002');
    await invalidateTopic('incidents', t.client);
    const r = await settle(t.obs);
    expect(r.data).toEqual(['20261201-001', '20261201-002']);
    expect(r.status).toBe('success');
    // the cancelled first load is not shown as an error
    expect(r.error).toBeNull();
    t.off();
  });

  it('a change after the load: one refetch with the new data; a query of another topic is left alone', async () => {
    const t = setup(1);
    expect((await settle(t.obs)).data).toEqual(['20261201-001']);
    t.db.incidents.push('20261201-002');
    await invalidateTopic('map', t.client);
    expect((await settle(t.obs)).data).toEqual(['20261201-001']);
    await invalidateTopic('incidents', t.client);
    expect((await settle(t.obs)).data).toEqual(['20261201-001', '20261201-002']);
    t.off();
  });
});
