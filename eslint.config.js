// Lint config. Besides the usual TypeScript rules, it enforces the layering of ARCHITECTURE.md:
//   renderer → shared ← electron/core ← electron/{main,serve,cli}
// (renderer never imports electron/*; shared imports nothing of Node, the DOM or Electron; core never imports electron).
// A DOM type in node code or a Node type in shared code is caught by the per-layer tsconfigs (npm run typecheck).
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodePackages = ['better-sqlite3', 'commander', 'tsx', 'exceljs', 'jszip', 'shpjs', 'papaparse', 'docx', '@xmldom/xmldom', '@tmcw/togeojson'];
const uiPackages = ['react', 'react-dom', 'react-dom/client', 'zustand', 'leaflet', 'react-leaflet'];

/** no-restricted-imports options: exact names plus path patterns. */
function restrict(names, patterns, message) {
  return [
    'error',
    {
      paths: names.map((name) => ({ name, message })),
      patterns: patterns.map((group) => ({ group: [group], message })),
    },
  ];
}

/**
 * Inside shared/, an allowlist (the way VS Code's code-layering rule names what each layer may import): `base` (errors,
 * Beijing time) at the bottom; `calendar` and `geo` on base; `engine` on base; `plans` on engine; the domain modules
 * `fire` and `reports` on engine, calendar, geo and base — never on a specific plan; `duty` (the duty log) on base; `api`
 * on all of them.
 */
const SHARED_LAYERS = {
  base: [],
  calendar: ['base'],
  geo: ['base'],
  engine: ['base'],
  plans: ['base', 'engine'],
  fire: ['base', 'engine', 'calendar', 'geo'],
  reports: ['base', 'engine', 'calendar'],
  duty: ['base'],
  api: ['base', 'engine', 'calendar', 'geo', 'plans', 'fire', 'reports', 'duty'],
};

function sharedLayer(folder, allowed) {
  const denied = Object.keys(SHARED_LAYERS).filter((f) => f !== folder && !allowed.includes(f));
  return {
    files: [`shared/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': restrict(
        [...nodeBuiltins, 'electron', ...nodePackages, ...uiPackages],
        [
          '**/electron/**',
          '**/renderer/**',
          '../electron*',
          '../../electron*',
          '../renderer*',
          '../../renderer*',
          ...denied.flatMap((d) => [`../${d}`, `../${d}/**`]),
        ],
        `layering: shared/${folder} may import only ${allowed.length ? allowed.map((a) => `shared/${a}`).join(', ') : 'nothing else in shared/'} — and no Node, DOM, Electron or UI (ARCHITECTURE.md)`,
      ),
    },
  };
}

export const layering = [
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [...nodeBuiltins, 'electron', ...nodePackages, ...uiPackages],
        ['**/electron/**', '**/renderer/**', '../electron*', '../../electron*', '../renderer*', '../../renderer*'],
        'layering: shared/ is pure TypeScript — no Node, DOM, Electron, UI, or other layers (ARCHITECTURE.md)',
      ),
    },
  },
  ...Object.entries(SHARED_LAYERS).map(([folder, allowed]) => sharedLayer(folder, allowed)),
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(
        [...nodeBuiltins, 'electron', ...nodePackages],
        ['**/electron/**', '**/electron'],
        'layering: renderer/ talks to the core only through the api client — no electron/*, Node or Electron imports',
      ),
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron', ...uiPackages],
        ['**/electron/main/**', '**/electron/serve/**', '**/electron/cli/**', '**/main/**', '**/serve/**', '**/cli/**', '**/renderer/**'],
        'layering: electron/core never imports electron, the shells or the UI',
      ),
    },
  },
  {
    files: ['electron/serve/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(['electron', ...uiPackages], ['**/renderer/**', '**/electron/main/**', '../main/**'], 'layering: the serve shell and the CLI use the core, never Electron or the UI'),
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(uiPackages, ['**/renderer/**', '**/electron/serve/**', '**/electron/cli/**', '../serve/**', '../cli/**'], 'layering: the Electron shell uses the core, never the UI sources or the other shells'),
    },
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-output/**', 'assets/**', '**/*.d.ts', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  { files: ['renderer/src/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  // The rules of hooks and the React Compiler's checks (eslint-plugin-react-hooks' recommended set) on the UI and
  // its tests: a hook called conditionally, a missing effect dependency or a state update during render fails lint.
  { files: ['renderer/src/**/*.{ts,tsx}', 'test/**/*.tsx'], ...reactHooks.configs.flat.recommended },
  ...layering,
);
