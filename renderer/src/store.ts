import { createHashHistory, createMemoryHistory, type RouterHistory } from '@tanstack/history';
import { create } from 'zustand';
import { pathOf, routeOf } from './router/routes';

/**
 * Which screen is shown, and an optional parameter (e.g. the incident id). Screens are registered in
 * views/registry.tsx; the first one is the start screen.
 *
 * The address is the truth: the screen lives in the URL's hash (renderer/src/router/routes.ts), kept by TanStack's
 * hash history (@tanstack/history, the history layer of TanStack Router), so the back button, a reload and a deep link
 * (a bookmark, a notification) show the same screen. `go` pushes a new entry; this store follows the history.
 */
interface UiState {
  view: string;
  param: string | null;
  /** The address's query (e.g. `focus=111.5,37.5` on the map), without `?`. */
  search: string;
  go(view: string, param?: string | null, search?: string): void;
  /** The same as go, replacing the current history entry (a screen that hands over to another, so back skips it). */
  redirect(view: string, param?: string | null, search?: string): void;
  /** Show an address as it is (a hash path such as `/incidents/<id>`). */
  open(path: string): void;
}

export const history: RouterHistory = typeof window === 'undefined' ? createMemoryHistory({ initialEntries: ['/'] }) : createHashHistory();

/** The current route; the serve shell's `?token=` (taken out of the address by api/client.ts) is never part of it. */
function here() {
  const q = new URLSearchParams(history.location.search);
  q.delete('token');
  return routeOf(history.location.pathname, q.toString());
}

export const useUi = create<UiState>((set) => {
  history.subscribe(() => set(here()));
  return {
    ...here(),
    go: (view, param = null, search = '') => {
      const to = pathOf(view, param, search);
      if (to !== `${history.location.pathname}${history.location.search}`) history.push(to);
    },
    redirect: (view, param = null, search = '') => history.replace(pathOf(view, param, search)),
    open: (path) => history.push(path.startsWith('/') ? path : `/${path}`),
  };
});
