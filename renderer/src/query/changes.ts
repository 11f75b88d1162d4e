/**
 * Turns the core's change stream into query invalidations (./client.ts), and the shell's "show this address" requests
 * (a clicked desktop notification in Electron) into navigation. Installed once at start-up (main.tsx).
 */
import type { QueryClient } from '@tanstack/react-query';
import { topicOf } from '../../../shared/api/changes';
import { api, onWrite } from '../api/client';
import { useUi } from '../store';
import { invalidateTopic, invalidateWhere, queryClient } from './client';
import { jobProgressed } from './jobs';

/** `since`: the changes count of the start answer the page came with (shared/api/startAnswer.ts), if it did. */
export function installChangeStream(client: QueryClient = queryClient, opts: { since?: number } = {}): () => void {
  const offs = [
    // A write on this workstation: refresh at once, without waiting for the stream's echo.
    onWrite((name) => void invalidateTopic(topicOf(name), client)),
    api().subscribe((c) => {
      // After a (re)connection anything may have changed meanwhile; otherwise only what the change touched.
      if (c !== 'resync' && 'kind' in c) return jobProgressed(c);
      if (c === 'resync') void invalidateWhere(client, () => true);
      else void invalidateTopic(c.topic, client);
      if (c === 'resync' || c.topic === 'map') reloadMapData();
    }, opts),
    api().onOpen((path) => useUi.getState().open(path)),
  ];
  return () => offs.forEach((off) => off());
}

/**
 * The map's layers live in their own store (renderer/src/map/store.ts: up to 100,000 features, read in one go, not
 * through queries), loaded with the map's code: it registers here what a map change does to it (`onMapChange`), so
 * that the start screen's code does not carry the map's.
 */
const mapListeners = new Set<() => void>();
export function onMapChange(fn: () => void): () => void {
  mapListeners.add(fn);
  return () => mapListeners.delete(fn);
}
function reloadMapData(): void {
  for (const fn of mapListeners) fn();
}
