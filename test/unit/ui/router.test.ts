// The console's addresses (renderer/src/router/routes.ts): every screen and object has one, and reading an address
// back gives the same screen.
import { describe, expect, it } from 'vitest';
import { focusOf, pathOf, routeOf } from '../../../renderer/src/router/routes';

describe('routes', () => {
  it.each([
    ['incidents', null, '', '/incidents'],
    ['incidents', 'INC-20261201-0001', '', '/incidents/INC-20261201-0001'],
    ['incident-new', null, '', '/incident-new'],
    ['fire', 'posture', '', '/fire/posture'],
    ['fire', 'new', '', '/fire/new'],
    ['fire', 'fire/INC-7', '', '/fires/INC-7'],
    ['map', null, 'focus=111.5,37.5,14', '/map?focus=111.5,37.5,14'],
    ['reports', 'INC 1/2', '', '/reports/INC%201/2'],
    ['status', null, '', '/status'],
  ] as const)('%s %s ↔ %s', (view, param, search, path) => {
    expect(pathOf(view, param, search)).toBe(path);
    const [p, q = ''] = path.split('?');
    expect(routeOf(p!, q)).toEqual({ view, param, search });
  });

  it('the old #/incident/<id> still opens its incident; an empty or badly encoded path is the start screen', () => {
    expect(routeOf('/incident/INC-1')).toEqual({ view: 'incidents', param: 'INC-1', search: '' });
    expect(routeOf('/')).toEqual({ view: '', param: null, search: '' });
    expect(routeOf('/incidents/%E0%A4%A')).toEqual({ view: '', param: null, search: '' });
  });

  it('a map focus is a point in range, with an optional zoom 0–22; anything else is no focus', () => {
    expect(focusOf('focus=111.5,37.5')).toEqual({ lng: 111.5, lat: 37.5 });
    expect(focusOf('focus=180,90,22')).toEqual({ lng: 180, lat: 90, zoom: 22 });
    expect(focusOf('focus=180.1,37')).toBeNull();
    expect(focusOf('focus=111,-90.1')).toBeNull();
    expect(focusOf('focus=111,37,23')).toEqual({ lng: 111, lat: 37 });
    expect(focusOf('focus=abc,37')).toBeNull();
    expect(focusOf('')).toBeNull();
  });
});
