import { create } from 'zustand';

/** The console's views. Each issue that adds a screen adds its view here and in the navigation. */
export type View = 'status';

interface UiState {
  view: View;
  go(view: View): void;
}

export const useUi = create<UiState>((set) => ({
  view: 'status',
  go: (view) => set({ view }),
}));
