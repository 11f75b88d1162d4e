// @vitest-environment jsdom
// Work only a map needs (the open fires' marks) waits for the first map on screen instead of competing with the board
// at start-up (issue 17): deferred until then, run once, and at once for anything registered later.
import { describe, expect, it } from 'vitest';
import { mapShown, whenMapShown } from '../../../../renderer/src/map/store';

describe('whenMapShown', () => {
  it('defers until a map is shown, runs each once, then runs new ones at once', () => {
    const ran: string[] = [];
    whenMapShown(() => ran.push('fires'));
    expect(ran).toEqual([]);
    mapShown();
    mapShown();
    expect(ran).toEqual(['fires']);
    whenMapShown(() => ran.push('later'));
    expect(ran).toEqual(['fires', 'later']);
  });
});
