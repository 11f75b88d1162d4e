/**
 * The in-app alarm's sound (issue 12 item 3: reminders that work without the browser's notification permission):
 * three tones through WebAudio, higher when overdue. Browsers start an AudioContext suspended until the page has had
 * a click or a key; `primeAlarmSound` resumes a blocked one at the next, and `soundAlarm` says truthfully whether it could
 * play ('blocked' until then), so the banner can say so instead of pretending.
 */
export type SoundResult = 'played' | 'blocked' | 'unsupported';

let ctx: AudioContext | null = null;

function context(): AudioContext | null {
  if (typeof window === 'undefined' || typeof window.AudioContext === 'undefined') return null;
  try {
    ctx ??= new window.AudioContext();
  } catch {
    return null;
  }
  return ctx;
}

/**
 * Resume a blocked alarm's audio at the page's next click or key (the browser's autoplay rule). Returns the remover.
 * Until an alarm has tried to sound there is nothing to resume, and the AudioContext is not made at the first key:
 * making one starts the browser's audio service (40–150 ms measured in Chromium without a GPU), and the first key is
 * often Alt+digit, whose screen would wait for it (issue 17 item 4: the map screen). An AudioContext made after the
 * page's first click or key starts running (the page's activation is kept), so an alarm after it plays at once.
 */
export function primeAlarmSound(onReady?: () => void): () => void {
  const on = () => {
    if (!ctx || ctx.state === 'running') return;
    void ctx.resume().then(() => onReady?.());
  };
  window.addEventListener('pointerdown', on, true);
  window.addEventListener('keydown', on, true);
  return () => {
    window.removeEventListener('pointerdown', on, true);
    window.removeEventListener('keydown', on, true);
  };
}

export function soundAlarm(overdue: boolean): SoundResult {
  const c = context();
  if (!c) return 'unsupported';
  if (c.state !== 'running') {
    void c.resume();
    return 'blocked';
  }
  const t0 = c.currentTime + 0.02;
  for (let i = 0; i < 3; i++) {
    const osc = c.createOscillator();
    const gain = c.createGain();
    osc.type = 'square';
    osc.frequency.value = overdue ? 880 : 660;
    gain.gain.value = 0.15;
    osc.connect(gain).connect(c.destination);
    osc.start(t0 + i * 0.35);
    osc.stop(t0 + i * 0.35 + 0.2);
  }
  return 'played';
}
