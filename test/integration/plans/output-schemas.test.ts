// The two richest answers, `console.incident` (the incident page) and `incidents.get` (the folded state), validate their
// CONTENT against their output schemas (shared/api/views.ts), for incidents of every built-in plan at several stages,
// through a real core on a SQLite file. The schemas equal the engine's types (checked by the compiler, `tsc -p test`),
// and a damaged answer fails them (so the check can fail).
import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { commands } from '../../../shared/api';
import { type incidentStateSchema, type incidentViewSchema } from '../../../shared/api/views';
import type { IncidentState, IncidentView } from '../../../shared/engine';
import { ManualClock } from '../../../electron/core/clock';
import { createCore } from '../../../electron/core/core';
import { tmpDir } from '../../helpers/tmp';

const ctx = { actor: 'office', transport: 'test' as const };

describe('output schemas of console.incident and incidents.get', () => {
  it('describe exactly the engine types', () => {
    expectTypeOf<z.infer<typeof incidentStateSchema>>().toEqualTypeOf<IncidentState>();
    expectTypeOf<z.infer<typeof incidentViewSchema>>().toEqualTypeOf<IncidentView>();
  });

  it('parse the answers for every built-in plan (reported, acted on, closed), and refuse a damaged one', async () => {
    const dir = tmpDir('ercon-schemas-');
    const clock = new ManualClock('2026-11-23T02:00:00.000Z');
    const core = createCore({ dbPath: path.join(dir, 'c.sqlite'), clock });
    try {
      const vaccine = await core.invoke('console.report', { planId: 'vaccine', title: '疫苗', payload: { source: '电话', summary: 's', facts: { clusteredRareAE: 4, suspectedQualityRelated: true, involvesForeigners: true } } }, ctx);
      await core.invoke('console.act', { incidentId: vaccine.id, type: 'assessed', payload: { level: 'IV', by: 'amr' } }, ctx);
      await core.invoke('console.act', { incidentId: vaccine.id, type: 'response-started', payload: { level: 'IV', by: 'county-gov', approvedBy: 'county-gov' } }, ctx);
      const drug = await core.invoke('console.report', { planId: 'drug', title: '药品', payload: { source: '电话', summary: 's' } }, ctx);
      const oldFire = await core.invoke(
        'console.report',
        { planId: 'forest-fire', title: '旧火', receivedAt: '2025-12-31T16:30:00Z', payload: { source: 's', summary: 's', incidentStartedAt: '2025-12-31T15:50:00Z', facts: { burnedForestHa: 5, burningHours: 30 } } },
        ctx,
      );
      const fire = await core.invoke('console.report', { planId: 'forest-fire', title: '新火', payload: { source: 's', summary: 's', incidentStartedAt: '2026-11-22T01:00:00Z', facts: { burnedForestHa: 0.05 } } }, ctx);
      await core.invoke('console.act', { incidentId: fire.id, type: 'transition', payload: { transition: 'firstAttack' } }, ctx);
      const grass = await core.invoke('console.report', { planId: 'grassland-fire', title: '草原', payload: { source: 's', summary: 's', facts: { damagedGrasslandHa: 12 } } }, ctx);
      await core.invoke('console.act', { incidentId: grass.id, type: 'dismissed', payload: { by: 'office', reason: '核实为烧荒已报批' } }, ctx);

      const views = [];
      for (const id of [vaccine.id, drug.id, oldFire.id, fire.id, grass.id]) {
        const page = await core.invoke('console.incident', { id }, ctx);
        const parsedPage = commands['console.incident'].output.safeParse(page);
        expect(parsedPage.success, `${id}: ${parsedPage.success ? '' : parsedPage.error.message}`).toBe(true);
        const got = await core.invoke('incidents.get', { id }, ctx);
        const parsedState = commands['incidents.get'].output.safeParse(got);
        expect(parsedState.success, `${id}: ${parsedState.success ? '' : parsedState.error.message}`).toBe(true);
        views.push(page.view);
      }
      // The answers are rich, not empty: a tag, a plan warning, a flag from a timer, a prompt-less 2026 fire, a terminal one.
      expect(views[0]!.tags).toEqual([{ id: 'foreigners', text: '涉外' }]);
      expect(views[0]!.warnings.map((w) => w.id)).toContain('notify-united-front');
      expect(views[2]!.flags.map((f) => f.clause)).toContain('32(5)');
      expect(views[3]!.grade.counted).toBe(false);
      expect(views[4]!.state.state).toBe('closed');

      // A damaged answer is refused: a state field of the wrong type, an unknown key, a missing view part.
      const page = await core.invoke('console.incident', { id: vaccine.id }, ctx);
      const bad1 = { ...page, view: { ...page.view, state: { ...page.view.state, level: 'V' } } };
      const bad2 = { ...page, view: { ...page.view, state: { ...page.view.state, involvesForeigners: true } } };
      const { tags: _tags, ...bad3view } = page.view;
      for (const bad of [bad1, bad2, { ...page, view: bad3view }]) expect(commands['console.incident'].output.safeParse(bad).success).toBe(false);
    } finally {
      core.close();
    }
  });
});
