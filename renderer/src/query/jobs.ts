/**
 * Long jobs this workstation started (an import, a report file, a backup…) and how far each is, from the serve
 * shell's `progress` events (electron/serve/jobs.ts). A job shows (JobProgressBar) once its first progress event
 * arrives, and goes when its request answers.
 */
import { create } from 'zustand';
import type { JobProgress } from '../../../shared/api';

interface JobsState {
  running: Record<string, JobProgress>;
}

export const useJobs = create<JobsState>(() => ({ running: {} }));

/** Job ids of this workstation's requests still waiting for their answer. */
const mine = new Set<string>();

export function jobStarted(id: string): void {
  mine.add(id);
}

export function jobEnded(id: string): void {
  mine.delete(id);
  if (useJobs.getState().running[id]) {
    useJobs.setState((s) => {
      const { [id]: _gone, ...rest } = s.running;
      return { running: rest };
    });
  }
}

/** A progress event from the stream: shown only when it is one of this workstation's own jobs. */
export function jobProgressed(p: JobProgress): void {
  if (!mine.has(p.job)) return;
  useJobs.setState((s) => ({ running: { ...s.running, [p.job]: p } }));
}
