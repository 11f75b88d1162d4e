/**
 * The console's addresses (hash history, so they work on app://console/ and behind the serve shell alike):
 *
 *   #/incidents                the board            #/incidents/<id>        one incident
 *   #/incident-new             接报登记             #/fires/<id>            one fire (森林防火)
 *   #/fire[/<section>]         森林防火 section     #/fire/new              reporting a fire
 *   #/map[?focus=<lng>,<lat>[,<zoom>]]  the map, optionally centred on a point
 *   #/reports[/<id>]           reports of an incident
 *   #/status                   系统状态
 *
 * A screen is a registered view id (views/registry.tsx) and an optional parameter; `pathOf` and `routeOf` turn one
 * into the other and back. The old `#/incident/<id>` (before this router) still opens its incident.
 */

export interface Route {
  view: string;
  param: string | null;
  /** The query after `?` (e.g. `focus=111.5,37.5`), without the `?`; '' when none. */
  search: string;
}

const enc = (s: string) => s.split('/').map(encodeURIComponent).join('/');

function dec(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** The hash path of a screen, e.g. ('fire', 'fire/F-1') → '/fires/F-1'. */
export function pathOf(view: string, param: string | null = null, search = ''): string {
  const q = search ? `?${search.replace(/^\?/, '')}` : '';
  if (view === 'fire' && param?.startsWith('fire/')) return `/fires/${encodeURIComponent(param.slice(5))}${q}`;
  return `/${encodeURIComponent(view)}${param ? `/${enc(param)}` : ''}${q}`;
}

/** The screen of a hash path; an empty path is the start screen (view ''). */
export function routeOf(pathname: string, search = ''): Route {
  const s = search.replace(/^\?/, '');
  const parts = pathname.replace(/^\/+|\/+$/g, '').split('/').filter(Boolean).map(dec);
  if (parts.some((p) => p === null)) return { view: '', param: null, search: '' };
  const [head, ...rest] = parts as string[];
  if (!head) return { view: '', param: null, search: s };
  if (head === 'fires' && rest.length === 1) return { view: 'fire', param: `fire/${rest[0]}`, search: s };
  if (head === 'incident' && rest.length === 1) return { view: 'incidents', param: rest[0]!, search: s };
  return { view: head, param: rest.length ? rest.join('/') : null, search: s };
}

/** A map focus from `focus=<lng>,<lat>[,<zoom>]`; null when absent or not a point in range. */
export function focusOf(search: string): { lng: number; lat: number; zoom?: number } | null {
  const raw = new URLSearchParams(search).get('focus');
  if (!raw) return null;
  const [lng, lat, zoom] = raw.split(',').map(Number);
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng!) > 180 || Math.abs(lat!) > 90) return null;
  return { lng: lng!, lat: lat!, ...(zoom !== undefined && Number.isFinite(zoom) && zoom >= 0 && zoom <= 22 ? { zoom } : {}) };
}
