// @vitest-environment jsdom
// The alarm's sound (renderer/src/incidents/alarm.ts) and the browser's autoplay rule: no AudioContext is made at the
// page's first key (making one starts the browser's audio service, 40–150 ms the key's screen would wait for, issue 17
// item 4); an alarm that tried to sound before any click or key says 'blocked' and plays at the next one. The
// AudioContext here is a STAND-IN (jsdom has none) that starts suspended before the page's first key or click, as
// Chromium's does, and counts how often it is made; the real browser: test/e2e/reminders.e2e.test.ts.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Module from '../../../../renderer/src/incidents/alarm';

let made = 0;
let activated = false;
class StandInAudioContext {
  state: 'suspended' | 'running' = activated ? 'running' : 'suspended';
  currentTime = 0;
  destination = {};
  constructor() {
    made++;
  }
  resume(): Promise<void> {
    if (activated) this.state = 'running';
    return Promise.resolve();
  }
  createOscillator() {
    return { type: '', frequency: { value: 0 }, connect: (n: unknown) => n, start() {}, stop() {} };
  }
  createGain() {
    return { gain: { value: 0 }, connect: (n: unknown) => n };
  }
}

let alarm: typeof Module;
beforeAll(async () => {
  (window as unknown as { AudioContext: unknown }).AudioContext = StandInAudioContext;
  // the page's activation comes with its first key or click, before any listener of the page sees it
  window.addEventListener('keydown', () => (activated = true), true);
  window.addEventListener('pointerdown', () => (activated = true), true);
  alarm = await import('../../../../renderer/src/incidents/alarm');
});

describe('the alarm sound and the first key', () => {
  it('makes no AudioContext at the first key while nothing rings; an alarm after it plays at once', async () => {
    const readied: string[] = [];
    const off = alarm.primeAlarmSound(() => readied.push('ready'));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '3', altKey: true }));
    // nor just after it
    await new Promise((r) => setTimeout(r, 20));
    expect(made).toBe(0);
    expect(alarm.soundAlarm(true)).toBe('played');
    expect(made).toBe(1);
    expect(readied).toEqual([]);
    off();
  });

  it('an alarm before any key or click says blocked, and plays at the next one', async () => {
    vi.resetModules();
    activated = false;
    made = 0;
    const fresh = await import('../../../../renderer/src/incidents/alarm');
    const readied: string[] = [];
    const off = fresh.primeAlarmSound(() => readied.push(fresh.soundAlarm(true)));
    expect(fresh.soundAlarm(true)).toBe('blocked');
    window.dispatchEvent(new Event('pointerdown'));
    await vi.waitFor(() => expect(readied).toEqual(['played']));
    expect(made).toBe(1);
    off();
  });
});
