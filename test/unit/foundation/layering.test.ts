// The layering rule must fail the build on a wrong import. These cases lint real source text at real paths of the
// tree with the project's own ESLint config.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/tmp';

const eslint = new ESLint({ cwd: ROOT });

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: `${ROOT}/${file}` });
  return (r?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint: renderer → shared ← electron/core ← electron/{main,serve,cli}', () => {
  it.each([
    ['renderer/src/Bad.tsx', "import { createCore } from '../../electron/core/core';\nexport const x = createCore;\n"],
    ['renderer/src/Bad.tsx', "import fs from 'node:fs';\nexport const x = fs;\n"],
    ['renderer/src/Bad.tsx', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['shared/engine/bad.ts', "import fs from 'fs';\nexport const x = fs;\n"],
    ['shared/engine/bad.ts', "import path from 'node:path';\nexport const x = path;\n"],
    ['shared/engine/bad.ts', "import { openDatabase } from '../../electron/core/db/database';\nexport const x = openDatabase;\n"],
    ['shared/engine/bad.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n"],
    ['shared/engine/bad.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
    ['electron/core/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['electron/core/bad.ts', "import { startServer } from '../serve/server';\nexport const x = startServer;\n"],
    ['electron/serve/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['electron/cli/bad.ts', "import { App } from '../../renderer/src/App';\nexport const x = App;\n"],
    // inside shared/: an allowlist (base ← engine ← plans; domain modules never import a specific plan; api on top)
    ['shared/engine/bad.ts', "import { commands } from '../api';\nexport const x = commands;\n"],
    ['shared/engine/bad.ts', "import { AppError } from '../api/errors';\nexport const x = AppError;\n"],
    ['shared/engine/bad.ts', "import { vaccinePlan } from '../plans/vaccine';\nexport const x = vaccinePlan;\n"],
    ['shared/fire/bad.ts', "import { forestFirePlan } from '../plans/forest-fire';\nexport const x = forestFirePlan;\n"],
    ['shared/reports/bad.ts', "import { builtInPlans } from '../plans';\nexport const x = builtInPlans;\n"],
    ['shared/base/bad.ts', "import { grade } from '../engine/grade';\nexport const x = grade;\n"],
    ['shared/calendar/bad.ts', "import { grade } from '../engine';\nexport const x = grade;\n"],
  ])('%s: refuses %j', async (file, code) => {
    expect((await layeringErrors(file, code)).length).toBeGreaterThan(0);
  });

  it.each([
    ['renderer/src/Ok.tsx', "import { commands } from '../../shared/api';\nexport const x = commands;\n"],
    ['electron/core/ok.ts', "import fs from 'node:fs';\nimport { commands } from '../../shared/api';\nexport const x = [fs, commands];\n"],
    ['electron/main/ok.ts', "import { app } from 'electron';\nimport { createCore } from '../core/core';\nexport const x = [app, createCore];\n"],
    ['shared/engine/ok.ts', "import { z } from 'zod';\nexport const x = z;\n"],
    ['shared/engine/ok.ts', "import { AppError } from '../base/errors';\nexport const x = AppError;\n"],
    ['shared/plans/ok.ts', "import { loadPlan } from '../engine/plan';\nexport const x = loadPlan;\n"],
    ['shared/fire/ok.ts', "import { grade } from '../engine/grade';\nimport { shanghaiDate } from '../calendar/date';\nexport const x = [grade, shanghaiDate];\n"],
    ['shared/api/ok.ts', "import { builtInPlans } from '../plans';\nexport const x = builtInPlans;\n"],
  ])('%s: allows %j', async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });
});
