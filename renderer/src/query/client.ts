/**
 * Server state through TanStack Query (@tanstack/react-query). Every read command of the contract has ONE query
 * definition, `commandQuery(name, input)`: its key is `[name, input]` and its function the command itself through the
 * api client. Every write (a `mutates` command, whichever screen sends it) invalidates what it changes, twice over:
 *  - at once on this workstation, when the write answers (`invalidateTopic` from api/client's write hook), and
 *  - on every workstation, when the core's change stream says so (./changes.ts).
 * There is no polling: a query refetches only when invalidated (or when a screen that shows it mounts and it is stale).
 */
import { QueryClient, queryOptions, type Query, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import type { ChangeTopic, CommandInput, CommandName, CommandOutput } from '../../../shared/api';
import { api } from '../api/client';
import { toShanghaiInput, useNow } from '../incidents/util';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Fresh until a change says otherwise: the change stream is what keeps screens current.
      staleTime: Infinity,
      // A failed read is shown as the error at once (the core's AppError says why); the next change retries it.
      retry: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
  },
});

/** The one query definition of command `name` with `input`. */
export function commandQuery<N extends CommandName>(name: N, input: CommandInput<N>) {
  return queryOptions<CommandOutput<N>>({
    queryKey: [name, input] as const,
    queryFn: () => api().invoke(name, input),
  });
}

/** Read a command; `enabled: false` (or input null) skips it. */
/**
 * Whether the start screen has been painted: main.tsx clears it as the console starts, start.tsx sets it two frames
 * after the board has been drawn with its answer (or its failure), or after 2 s at the latest. Until then the header's,
 * the banners' and the cards' questions wait (`afterStart`), so that on a 2-core machine the core and the window spend
 * the first moments on the board alone (test/bench/startup.bench.ts). Set outside a start (a component rendered on its own, as in the unit tests).
 */
export const useStarted = create<{ started: boolean }>(() => ({ started: true }));

export function useCommand<N extends CommandName>(name: N, input: CommandInput<N> | null, opts: Pick<UseQueryOptions<CommandOutput<N>>, 'enabled' | 'placeholderData'> & { afterStart?: boolean } = {}) {
  const started = useStarted((s) => s.started);
  const { afterStart, ...rest } = opts;
  return useQuery({ ...commandQuery(name, (input ?? {}) as CommandInput<N>), ...rest, enabled: input !== null && opts.enabled !== false && (!afterStart || started) });
}

/**
 * Read `q` again when the page's clock passes the earliest of `instants` still ahead of its answer: the instants at
 * which the core's answer turns by itself, with nothing written (a deadline falls due, a 24-hour timer elapses).
 * A one-off per instant, driven by the clock; not a poll.
 */
export function useRefetchAt(q: { dataUpdatedAt: number; refetch: () => unknown }, instants: ReadonlyArray<string | null | undefined>): void {
  const now = useNow(1000);
  let next = Infinity;
  for (const s of instants) {
    const t = s ? Date.parse(s) : NaN;
    if (t > q.dataUpdatedAt && t < next) next = t;
  }
  const due = q.dataUpdatedAt > 0 && now >= next;
  const { refetch } = q;
  useEffect(() => {
    if (due) void refetch();
  }, [due, refetch]);
}

/**
 * Which reads a change of each topic can affect, by command-name prefix. Fires are incidents (the forest-fire plan),
 * so an incident change also refreshes the fire screens; permits and fires are drawn on the map; place answers on the
 * fire screens read the map layers.
 */
const READS_OF: Record<ChangeTopic, readonly string[]> = {
  incidents: ['console.', 'incidents.', 'reports.', 'log.', 'fire.', 'map.events', 'handover.draft', 'rounds.'],
  fire: ['fire.', 'console.', 'map.'],
  map: ['map.', 'tiles.', 'fire.'],
  people: ['people.', 'auth.', 'roster.', 'contacts.'],
  // A duty-log entry turned into an incident is on the board too.
  duty: ['duty.', 'handover.', 'roster.', 'rounds.', 'console.', 'incidents.'],
};

export function readsOf(topic: ChangeTopic): (name: string) => boolean {
  return (name) => READS_OF[topic].some((p) => name.startsWith(p));
}

/** Refetch the shown queries a change of `topic` may affect (others are marked stale and refetch when shown). */
export function invalidateTopic(topic: ChangeTopic, client: QueryClient = queryClient): Promise<void> {
  const affects = readsOf(topic);
  return invalidateWhere(client, (q) => affects(String(q.queryKey[0])));
}

/**
 * Invalidate the queries `match` selects, so that each shown one reads again AFTER the change. TanStack Query's
 * `invalidateQueries` cancels a refetch in flight only when the query already has data; a FIRST load in flight (a
 * screen just opened, or a new key) is reused as it is, and it may have read the core before the change: the change
 * would be lost until the next one. Such loads are cancelled first, so the invalidation starts them anew.
 */
export async function invalidateWhere(client: QueryClient, match: (q: Query) => boolean): Promise<void> {
  await client.cancelQueries({ predicate: (q) => match(q) && q.state.data === undefined && q.state.fetchStatus === 'fetching' });
  await client.invalidateQueries({ predicate: match });
}

/**
 * Refetch command `name` when the Beijing date turns (the clock, checked every minute): for answers that depend on
 * "today" rather than on any write (the fire posture, the fire-season calendar).
 */
export function useDayRefresh(name: CommandName): void {
  const client = useQueryClient();
  const day = toShanghaiInput(useNow(60_000)).slice(0, 10);
  const seen = useRef(day);
  useEffect(() => {
    if (seen.current === day) return;
    seen.current = day;
    void client.invalidateQueries({ queryKey: [name] });
  }, [day, name, client]);
}
