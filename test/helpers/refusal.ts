import { AppError, type AppErrorBody } from '../../shared/api/errors';

/** The error body a command that must fail failed with; fails the test when it did not fail with an AppError. */
export async function refusal(p: Promise<unknown>): Promise<AppErrorBody> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.body;
    throw new Error(`expected an AppError, got ${String(e)}`);
  }
  throw new Error('expected a refusal');
}
