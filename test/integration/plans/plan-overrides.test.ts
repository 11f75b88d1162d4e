// The office corrects a plan's numbers without a code change (issue 3; the drug plan's table is only partly verified,
// DOMAIN §5.1): an edited copy in <data folder>/plans/ is validated and put in force at start-up, under a NEW version,
// while incidents pinned to the built-in version keep it. Real core, real SQLite file in a temp folder.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/core';
import { drugPlan } from '../../../shared/plans';
import { tmpDir } from '../../helpers/tmp';

const ctx = { actor: 'office', transport: 'test' as const };

/** The built-in drug plan as the office would export it (`ercon plan show drug --json`), with IV's rare-AE bound moved 10 → 8. */
function editedDrugPlan(version: string): unknown {
  const plan = JSON.parse(JSON.stringify(drugPlan)) as { version: string; criteria: Array<{ id: string; range?: { gte?: number } }> };
  plan.version = version;
  plan.criteria.find((c) => c.id === 'IV-rare')!.range!.gte = 8;
  return plan;
}

function setup(files: Record<string, string>) {
  const dir = tmpDir('ercon-plans-');
  fs.mkdirSync(path.join(dir, 'plans'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'plans', name), text);
  return createCore({ dbPath: path.join(dir, 'console.sqlite') });
}

describe('office-edited plans in the data folder', () => {
  it('puts a corrected drug plan in force under its new version; the built-in version stays for pinned incidents', async () => {
    const core = setup({ 'drug.json': JSON.stringify(editedDrugPlan('2024.1-县办修订1')) });
    try {
      // 8 clustered rare AE: not graded by the built-in table (10–19 → IV), IV by the edited one; 7 stays below both.
      expect((await core.invoke('plans.grade', { plan: 'drug', facts: { clusteredRareAE: 8 } }, ctx)).level).toBe('IV');
      expect((await core.invoke('plans.grade', { plan: 'drug', facts: { clusteredRareAE: 7 } }, ctx)).level).toBeNull();
      expect((await core.invoke('plans.grade', { plan: 'drug', version: drugPlan.version, facts: { clusteredRareAE: 8 } }, ctx)).level).toBeNull();
      // Every version is listed with its dates; the edited one (same effectiveFrom, loaded after the built-in one) is in force.
      const listed = (await core.invoke('plans.list', {}, ctx)).filter((p) => p.id === 'drug');
      expect(listed.map((p) => [p.version, p.builtIn, p.inForceNow, p.effectiveFrom])).toEqual([
        [drugPlan.version, true, false, '2024-06-15'],
        ['2024.1-县办修订1', false, true, '2024-06-15'],
      ]);
      const health = await core.invoke('system.health', {}, ctx);
      expect(health.planOverrides.loaded).toEqual([expect.objectContaining({ id: 'drug', version: '2024.1-县办修订1' })]);
      expect(health.planOverrides.refused).toEqual([]);
    } finally {
      core.close();
    }
    // The registry belongs to the core: nothing leaks into the next core of this process.
    const plain = createCore({ dbPath: path.join(tmpDir(), 'c.sqlite') });
    try {
      expect((await plain.invoke('plans.grade', { plan: 'drug', facts: { clusteredRareAE: 8 } }, ctx)).level).toBeNull();
    } finally {
      plain.close();
    }
  });

  it('refuses, with the reason, an edit that keeps the built-in version, a plan that breaks the schema, and bad JSON — and still starts', async () => {
    const broken = editedDrugPlan('2024.1-bad') as { criteria: Array<{ fact: string }> };
    broken.criteria[0]!.fact = 'noSuchFact';
    const core = setup({
      'a-same-version.json': JSON.stringify(editedDrugPlan(drugPlan.version)),
      'b-broken.json': JSON.stringify(broken),
      'c-not-json.json': '{ oops',
      'notes.txt': 'ignored: not a .json file',
    });
    try {
      const { refused, loaded } = (await core.invoke('system.health', {}, ctx)).planOverrides;
      expect(loaded).toEqual([]);
      expect(refused.map((r) => path.basename(r.file))).toEqual(['a-same-version.json', 'b-broken.json', 'c-not-json.json']);
      expect(refused[0]!.message).toContain('新的版本号');
      expect(refused[1]!.messageEn).toMatch(/noSuchFact/);
      expect(refused[2]!.message).toContain('JSON');
      // The built-in plan is in force: 8 is still below IV.
      expect((await core.invoke('plans.grade', { plan: 'drug', facts: { clusteredRareAE: 8 } }, ctx)).level).toBeNull();
      expect((await core.invoke('plans.grade', { plan: 'drug', facts: { clusteredRareAE: 10 } }, ctx)).level).toBe('IV');
    } finally {
      core.close();
    }
  });
});
