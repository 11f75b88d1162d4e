import { describe, expect, it } from 'vitest';
import type { MapFeature } from '../../../../shared/api/map';
import { draftFromFeature, editableVertices, newDraft, propertiesOf, textToVertices, verticesToText, withVertices } from '../../../../renderer/src/map/draft';

const feature = (over: Partial<MapFeature>): MapFeature => ({
  id: 7,
  layer: 'water',
  name: '卦山一号蓄水池（示例）',
  kind: 'pool',
  properties: { capacityM3: 200, sample: true, approximate: true, sampleSet: 'jiaocheng-sample-1', source: 'x' },
  geometry: { type: 'Point', coordinates: [112.15, 37.58] },
  lng: 112.15,
  lat: 37.58,
  bbox: [112.15, 37.58, 112.15, 37.58],
  version: 3,
  createdAt: '',
  createdBy: '',
  updatedAt: '',
  updatedBy: '',
  ...over,
});

describe('the feature form model', () => {
  it('keeps properties it does not edit, and turns numbers back into numbers', () => {
    const d = draftFromFeature(feature({}));
    expect(d.fields).toEqual({ capacityM3: '200' });
    expect(d.approximate).toBe(true);
    const { properties, problems } = propertiesOf({ ...d, fields: { capacityM3: '250', note: ' 冬季结冰 ' } });
    expect(problems).toEqual([]);
    expect(properties).toEqual({ sampleSet: 'jiaocheng-sample-1', source: 'x', capacityM3: 250, note: '冬季结冰', approximate: true });
  });

  it('unticking approximate on a sample marks it no longer a sample', () => {
    const d = draftFromFeature(feature({}));
    expect(propertiesOf({ ...d, approximate: false }).properties).toMatchObject({ sample: false });
    expect(propertiesOf({ ...d, approximate: false }).properties.approximate).toBeUndefined();
  });

  it('names a non-number in a number field', () => {
    const d = newDraft('teams', { type: 'Point', coordinates: [112, 37] });
    expect(propertiesOf({ ...d, fields: { size: '二十' } }).problems).toEqual([{ field: 'size', key: 'map.feature.badNumber' }]);
    expect(propertiesOf({ ...d, fields: { size: '20', tier: '3' } }).properties).toEqual({ size: 20, tier: 3 });
  });

  it('edits the outer ring of a polygon without its closing vertex, and closes it again', () => {
    const g = { type: 'Polygon' as const, coordinates: [[[1, 1], [2, 1], [2, 2], [1, 1]], [[1.2, 1.1], [1.5, 1.1], [1.5, 1.4], [1.2, 1.1]]] };
    const vs = editableVertices(g)!;
    expect(vs).toEqual([[1, 1], [2, 1], [2, 2]]);
    const moved = withVertices(g, [[1, 1], [2, 1], [2, 3]]);
    expect(moved).toEqual({ type: 'Polygon', coordinates: [[[1, 1], [2, 1], [2, 3], [1, 1]], g.coordinates[1]] });
    expect(editableVertices({ type: 'MultiPolygon', coordinates: [] })).toBeNull();
  });

  it('reads "lng,lat" lines (comma, Chinese comma, space, 度分秒) and names the bad line', () => {
    expect(textToVertices('112.1,37.5\n\n112.2，37.6\n112°18′0″ 37°42′0″')).toEqual({ vertices: [[112.1, 37.5], [112.2, 37.6], [112.3, 37.7]] });
    expect(textToVertices('112.1,37.5\n112.2')).toEqual({ problem: { field: 'coords', key: 'map.feature.badCoords', params: { line: 2 } } });
    expect(textToVertices('200,37')).toMatchObject({ problem: { params: { line: 1 } } });
    const text = verticesToText([[112.1, 37.5], [112.123456789, 37.6]]);
    expect(text).toBe('112.100000,37.500000\n112.123457,37.600000');
  });
});
