import type { BoardRow } from '../../../shared/api/console';
import { api } from '../api/client';
import { useMapOverlays } from '../map/store';
import { useUi } from '../store';
import { decodePlace, type FirePoint } from './location';

export const FIRE_VIEW = 'fire';

export interface FireRow {
  row: BoardRow;
  place: string;
  point: FirePoint | null;
  startedAt: string | null;
}

/** Forest-fire incidents (open by default) with where and when each started, from their `reported` events. */
export async function loadFires(status: 'open' | 'closed' | 'all' = 'open'): Promise<FireRow[]> {
  const board = await api().invoke('console.board', { status });
  const rows = board.incidents.filter((r) => r.screen === 'fire');
  return Promise.all(
    rows.map(async (row) => {
      const inc = await api().invoke('console.incident', { id: row.id });
      const rep = inc.events.find((e) => e.type === 'reported');
      const p = (rep?.payload ?? {}) as { place?: string; incidentStartedAt?: string };
      const { name, point } = decodePlace(p.place);
      return { row, place: name, point, startedAt: p.incidentStartedAt ?? rep?.occurredAt ?? null };
    }),
  );
}

/** Put the open fires on the map (renderer/src/map draws what useMapOverlays holds). */
export async function publishFireMarks(): Promise<void> {
  try {
    const fires = await loadFires('open');
    useMapOverlays.getState().setFires(
      fires.filter((f) => f.point).map((f) => ({ id: f.row.id, name: f.row.title, lng: f.point!.lng, lat: f.point!.lat, detail: `${f.row.stateLabel}${f.row.factsLevel ? ` · ${f.row.factsLevel}级` : ''}` })),
    );
  } catch {
    /* the map still works without the fires; the fire screen shows the error */
  }
}

let installed = false;
/** Whenever the map or the fire screen is shown, refresh the fires it draws. */
export function installFireMarks(): void {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  useUi.subscribe((s, prev) => {
    if (s.view !== prev.view && (s.view === 'map' || s.view === FIRE_VIEW)) void publishFireMarks();
  });
}
