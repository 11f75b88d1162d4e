// @vitest-environment jsdom
// The long-job progress bar: only this workstation's own jobs, without a count until the job reports its size, with
// it after, gone when the request answers.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { JobProgress } from '../../../renderer/src/components/JobProgress';
import { jobEnded, jobProgressed, jobStarted } from '../../../renderer/src/query/jobs';

afterEach(cleanup);

describe('JobProgress', () => {
  it('shows own jobs only: indeterminate at start, then done / total, and nothing once answered', () => {
    render(<JobProgress />);
    expect(screen.queryByTestId('job-progress')).toBeNull();
    // another workstation's job: not shown here
    act(() => jobProgressed({ kind: 'progress', job: 'theirs', command: 'map.import.commit', done: 1000, total: 5000 }));
    expect(screen.queryByTestId('job-progress')).toBeNull();

    jobStarted('mine');
    act(() => jobProgressed({ kind: 'progress', job: 'mine', command: 'log.verify', done: 0, total: 0 }));
    const bar = () => screen.getByTestId('job-progress');
    expect(bar().textContent).toBe('正在校验日志…');
    expect(bar().querySelector('progress')!.hasAttribute('value')).toBe(false);

    act(() => jobProgressed({ kind: 'progress', job: 'mine', command: 'map.import.commit', done: 3000, total: 100000 }));
    expect(bar().textContent).toBe('正在导入地图要素：3,000 / 100,000');
    const p = bar().querySelector('progress')!;
    expect([p.getAttribute('value'), p.getAttribute('max')]).toEqual(['3000', '100000']);

    act(() => jobEnded('mine'));
    expect(screen.queryByTestId('job-progress')).toBeNull();
    // a late event of an answered job does not bring the bar back
    act(() => jobProgressed({ kind: 'progress', job: 'mine', command: 'map.import.commit', done: 100000, total: 100000 }));
    expect(screen.queryByTestId('job-progress')).toBeNull();
  });
});
