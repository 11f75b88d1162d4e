import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const MAIN = fileURLToPath(new URL('./src/main.tsx', import.meta.url));

type Graph = { getModuleInfo(id: string): { importedIds: readonly string[]; dynamicallyImportedIds: readonly string[] } | null };
let first: Set<string> | null = null;
/** The modules src/main.tsx imports statically, directly or not (its dynamic import of ./start.tsx not followed). */
function firstScript(ctx: Graph): Set<string> {
  if (first) return first;
  const seen = new Set<string>();
  const todo = [MAIN];
  while (todo.length) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const info = ctx.getModuleInfo(id);
    // (Rolldown's importedIds lists the dynamic imports too)
    if (info) todo.push(...info.importedIds.filter((d) => !info.dynamicallyImportedIds.includes(d)));
  }
  return (first = seen);
}

/**
 * `<link rel="modulepreload">` for src/start.tsx's chunk and everything it imports, so that the browser fetches and
 * compiles the rest of the UI while the first script runs and sends its requests, instead of after (main.tsx); and a
 * `<link rel="stylesheet">` for their CSS: Vite's loader of a dynamic import fetches the chunk's CSS only when the
 * import runs and waits for it, which put one more round trip (20–30 ms here) between the board's answer and its draw.
 */
function preloadStart(): Plugin {
  return {
    name: 'ercon-preload-start',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const start = chunks.find((c) => /[\\/]src[\\/]start\.tsx$/.test(c.facadeModuleId ?? ''));
        if (!start) return html;
        const files = new Set<string>();
        const add = (file: string) => {
          if (files.has(file)) return;
          files.add(file);
          for (const i of chunks.find((c) => c.fileName === file)?.imports ?? []) add(i);
        };
        add(start.fileName);
        const css = new Set([...files].flatMap((f) => [...(chunks.find((c) => c.fileName === f)?.viteMetadata?.importedCss ?? [])]));
        // (a file the page already names is left as it is)
        const links = (rel: string, of: Iterable<string>) =>
          [...of].filter((f) => !html.includes(`/${f}"`)).map((f) => ({ tag: 'link', attrs: { rel, crossorigin: true, href: `/${f}` }, injectTo: 'head' as const }));
        return [...links('stylesheet', css), ...links('modulepreload', files)];
      },
    },
  };
}

// The UI is served by the Electron shell (app://console/) and by the serve shell (http://127.0.0.1:PORT/), both with
// a strict CSP: no inline scripts, so the build must not inline any (modulePreload polyfill off).
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), preloadStart()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        // The first script (src/main.tsx and what it imports statically) in a chunk of its own, so that it waits for
        // nothing else; zod in another, the plans and their engine in a third (the board draws without them). Left to itself, Rolldown put the modules the first
        // script shares with the screens into one common chunk with the plans and zod, and the first script waited
        // for all of it (test/bench/startup.bench.ts).
        codeSplitting: {
          groups: [
            { debugName: 'first', name: (id, ctx) => (firstScript(ctx).has(id) ? 'first' : null) },
            { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/ },
            // (not what they import: eventLabels.ts, the names the board's search hits use, stays with the board)
            { name: 'engine', test: (id) => /[\\/]shared[\\/](engine|plans)[\\/]/.test(id) && !id.endsWith('eventLabels.ts'), includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
});
