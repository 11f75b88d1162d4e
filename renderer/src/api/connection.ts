import { create } from 'zustand';

/**
 * Whether the console can reach its core (issue 12 item 3: "a stopped server leaves the UI looking live"). Over HTTP
 * the change stream is the witness: it is open while the serve shell answers (a keep-alive every 25 s), and errors at
 * once when the shell stops or the network drops; a failed command says the same. In Electron the core is in the
 * same application (IPC), so it is always reachable.
 */
export type ConnectionState = 'connecting' | 'online' | 'offline';

interface Connection {
  state: ConnectionState;
  /** Since when (ms) in this state. */
  since: number;
  set(state: ConnectionState): void;
}

export const useConnection = create<Connection>((set, get) => ({
  state: 'connecting',
  since: Date.now(),
  set: (state) => {
    if (get().state !== state) set({ state, since: Date.now() });
  },
}));

export function setConnection(state: ConnectionState): void {
  useConnection.getState().set(state);
}
