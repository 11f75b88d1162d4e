import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded on first use. Importing it costs every start of the console about 120 ms on this machine
 * (test/bench/startup.bench.ts), and only the XLSX imports and exports need it.
 */
export async function excel(): Promise<typeof ExcelJS> {
  const m = (await import('exceljs')) as typeof ExcelJS & { default?: typeof ExcelJS };
  return m.default ?? m;
}
