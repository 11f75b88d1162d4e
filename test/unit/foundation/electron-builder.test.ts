// electron-builder.yml is validated against electron-builder's own JSON schema (shipped in app-builder-lib), and the
// settings ARCHITECTURE.md asks for are checked by name. Packaging itself cannot run here (it downloads Electron).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/tmp';

const require = createRequire(import.meta.url);
const schema = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
interface BuilderConfig {
  win: { target: { target: string }[] };
  linux: { target: string[] };
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  extraMetadata: { main: string };
  files: string[];
}
const config = yaml.load(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

function validate(c: unknown) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const ok = ajv.validate(schema, c);
  return { ok, errors: ajv.errorsText(ajv.errors) };
}

describe('electron-builder.yml', () => {
  it('is valid against app-builder-lib/scheme.json', () => {
    const r = validate(config);
    expect(r.errors).toBe('No errors');
    expect(r.ok).toBe(true);
  });

  it('the schema check can fail (a misspelt key is refused)', () => {
    expect(validate({ ...config, asarUnpak: ['x'] }).ok).toBe(false);
  });

  it('packs Windows NSIS + portable and Linux AppImage + deb', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis', 'portable']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('asar on, better-sqlite3 unpacked and rebuilt for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.npmRebuild).toBe(true);
  });

  it('sets the fuses: no RunAsNode, no NODE_OPTIONS, no inspect, asar only, asar integrity', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('ships the bundled shell the package points at', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(config.extraMetadata.main).toBe(pkg.main);
    expect(config.files).toContain('dist/electron/**');
  });
});
