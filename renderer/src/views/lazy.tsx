import { lazy, type ComponentType } from 'react';

/**
 * A component whose code is loaded on first use (`load`, once; tried again after a failure). Until it has loaded it
 * renders through React.lazy (the nearest Suspense shows its fallback); once loaded, also when `load` was called ahead
 * by a preload, it renders the component directly. React.lazy alone suspends on every first render, and React 19
 * holds a boundary's content back for up to 300 ms after a fallback (its suspense throttling): opening the map,
 * already preloaded, took 365 ms instead of 117 (test/bench/map-app.bench.ts).
 */
export function lazyComponent<P extends object, K extends string>(importer: () => Promise<Record<K, ComponentType<P>>>, name: K): { Component: ComponentType<P>; load: () => Promise<ComponentType<P>> } {
  let loading: Promise<ComponentType<P>> | null = null;
  let loaded: ComponentType<P> | null = null;
  const load = () =>
    (loading ??= importer().then(
      (m) => (loaded = m[name]),
      (e: unknown) => {
        loading = null;
        throw e;
      },
    ));
  const Lazy = lazy(() => load().then((c) => ({ default: c })));
  function Component(props: P) {
    const C = loaded;
    return C ? <C {...props} /> : <Lazy {...props} />;
  }
  Component.displayName = `Lazy(${name})`;
  return { Component, load };
}
