import { create } from 'zustand';

/**
 * Which screen is shown, and an optional parameter (e.g. the incident id). Screens are registered in
 * views/registry.tsx; the first one is the start screen.
 */
interface UiState {
  view: string;
  param: string | null;
  go(view: string, param?: string | null): void;
}

export const useUi = create<UiState>((set) => ({
  view: '',
  param: null,
  go: (view, param = null) => set({ view, param }),
}));
