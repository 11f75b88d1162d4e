/**
 * Turns the core's change stream into query invalidations (./client.ts), and the shell's "show this address" requests
 * (a clicked desktop notification in Electron) into navigation. Installed once at start-up (main.tsx).
 */
import type { QueryClient } from '@tanstack/react-query';
import { topicOf } from '../../../shared/api/changes';
import { api, onWrite } from '../api/client';
import { useMapData } from '../map/store';
import { useUi } from '../store';
import { invalidateTopic, invalidateWhere, queryClient } from './client';
import { jobProgressed } from './jobs';

export function installChangeStream(client: QueryClient = queryClient): () => void {
  const offs = [
    // A write on this workstation: refresh at once, without waiting for the stream's echo.
    onWrite((name) => void invalidateTopic(topicOf(name), client)),
    api().subscribe((c) => {
      // After a (re)connection anything may have changed meanwhile; otherwise only what the change touched.
      if (c !== 'resync' && 'kind' in c) return jobProgressed(c);
      if (c === 'resync') void invalidateWhere(client, () => true);
      else void invalidateTopic(c.topic, client);
      if (c === 'resync' || c.topic === 'map') reloadMapData();
    }),
    api().onOpen((path) => useUi.getState().open(path)),
  ];
  return () => offs.forEach((off) => off());
}

/**
 * The map's layers live in their own store (renderer/src/map/store.ts: up to 100,000 features, read in one go, not
 * through queries). A map change reloads it when it has been loaded, once per burst of changes and not while a reload
 * (e.g. the one the editing workstation started itself) is running.
 */
let mapTimer: ReturnType<typeof setTimeout> | null = null;
function reloadMapData(): void {
  if (mapTimer) return;
  mapTimer = setTimeout(() => {
    mapTimer = null;
    const m = useMapData.getState();
    if (m.status !== 'idle' && m.status !== 'loading') void m.reload();
  }, 300);
}
