// @vitest-environment jsdom
// useT (renderer/src/i18n): the same translator between renders until the locale changes, so effects that list `t`
// (the map's drawing of its 10,000 points and the county boundaries) run again for a new language only, not at every
// render of their screen.
import { act, cleanup, render } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useLocale, useT } from '../../../renderer/src/i18n';

afterEach(() => {
  cleanup();
  act(() => useLocale.getState().setLocale('zh-CN'));
});

describe('useT', () => {
  it('keeps its identity across renders, and changes with the locale', () => {
    const seen: Array<ReturnType<typeof useT>> = [];
    let bump: () => void = () => {};
    function Probe() {
      const t = useT();
      const [n, setN] = useState(0);
      bump = () => setN(n + 1);
      seen.push(t);
      return <span>{t('nav.map')}</span>;
    }
    const r = render(<Probe />);
    act(() => bump());
    act(() => bump());
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(1);
    expect(r.container.textContent).toBe('地图');
    act(() => useLocale.getState().setLocale('en'));
    expect(seen.at(-1)).not.toBe(seen[0]);
    expect(r.container.textContent).toBe('Map');
    act(() => bump());
    expect(seen.at(-1)).toBe(seen.at(-2));
  });
});
