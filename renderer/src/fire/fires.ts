import { QueryObserver } from '@tanstack/react-query';
import type { BoardRow } from '../../../shared/api/console';
import type { CommandOutput } from '../../../shared/api';
import { useMapOverlays } from '../map/store';
import { commandQuery, queryClient, useCommand } from '../query/client';
import { decodePlace, type FirePoint } from './location';

export const FIRE_VIEW = 'fire';

export interface FireRow {
  row: BoardRow;
  place: string;
  point: FirePoint | null;
  startedAt: string | null;
}

/** Each fire with where and when it started, from its `reported` event (`console.fires`: one request for all). */
function fireRows(out: CommandOutput<'console.fires'>): FireRow[] {
  return out.fires.map(({ row, reported }) => {
    const p = (reported?.payload ?? {}) as { place?: string; incidentStartedAt?: string };
    const { name, point } = decodePlace(p.place);
    return { row, place: name, point, startedAt: p.incidentStartedAt ?? reported?.occurredAt ?? null };
  });
}

/** Forest-fire incidents (open by default), kept current by the change stream. */
export function useFires(status: 'open' | 'closed' | 'all' = 'open') {
  const q = useCommand('console.fires', { status });
  return { ...q, rows: q.data ? fireRows(q.data) : null };
}

/** Put the open fires on the map (renderer/src/map draws what useMapOverlays holds). */
function publish(out: CommandOutput<'console.fires'>): void {
  useMapOverlays.getState().setFires(
    fireRows(out)
      .filter((f) => f.point)
      .map((f) => ({ id: f.row.id, name: f.row.title, lng: f.point!.lng, lat: f.point!.lat, detail: `${f.row.stateLabel}${f.row.factsLevel ? ` · ${f.row.factsLevel}级` : ''}` })),
  );
}

let installed = false;
/**
 * The open fires on the map, always current: one observer of the `console.fires` query, which the change stream
 * refreshes after every write (the map still works without the fires; the fire screen shows errors). Installed when
 * a map is first shown (fire/index.ts), not at start-up.
 */
export function installFireMarks(): void {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  const observer = new QueryObserver(queryClient, commandQuery('console.fires', { status: 'open' }));
  observer.subscribe((r) => {
    if (r.data) publish(r.data);
  });
  // Installed when a map is first shown: the fire screen may have read the fires already (a subscription tells only
  // of what changes from now on), so what the cache holds is drawn at once.
  const now = observer.getCurrentResult();
  if (now.data) publish(now.data);
}
