import type { Geometry } from 'geojson';

/**
 * The map's layers, their Chinese names in the words of 交政发〔2024〕7号, and the geometry each holds.
 * Permits (野外用火审批, 3(2)) and fires are records of the forest-fire area and are drawn from there, not stored here.
 */
export const LAYERS = ['zones', 'checkpoints', 'water', 'teams', 'towers', 'roads', 'posts'] as const;
export type LayerName = (typeof LAYERS)[number];
export type GeometryKind = 'point' | 'line' | 'area';

export interface LayerInfo {
  zh: string;
  en: string;
  geometry: GeometryKind;
  /** The clause of 交政发〔2024〕7号 the layer serves. */
  clause: string;
  /** Usual values of `kind` with their labels (not a closed list: an import may bring others). */
  kinds: Record<string, string>;
}

export const LAYER_INFO: Record<LayerName, LayerInfo> = {
  zones: {
    zh: '森林高火险重点管控区',
    en: 'high fire-risk control zones',
    geometry: 'area',
    clause: '3(1)',
    kinds: { 'control-zone': '重点管控区', reserve: '自然保护区（辖区边界）' },
  },
  checkpoints: {
    zh: '检查站和卡口',
    en: 'checkpoints',
    geometry: 'point',
    clause: '4(2)',
    kinds: { fixed: '固定检查站', temporary: '临时卡口' },
  },
  water: {
    zh: '森林防火水源地',
    en: 'water sources',
    geometry: 'point',
    clause: '5(2)',
    kinds: { pool: '蓄水池', cellar: '集雨窖', reservoir: '水库', river: '河道取水点' },
  },
  teams: {
    zh: '防灭火队伍',
    en: 'fire-fighting teams',
    geometry: 'point',
    clause: '6(5)',
    kinds: {
      'county-professional': '县森林消防专业队',
      'township-semi-professional': '乡镇半专业灭火队',
      'quick-response': '快速反应应急队伍',
      village: '村群众灭火队伍',
      enterprise: '企业半专业灭火队伍',
    },
  },
  towers: { zh: '瞭望台', en: 'lookout towers', geometry: 'point', clause: '5(2)', kinds: { tower: '瞭望台' } },
  roads: { zh: '防火通道', en: 'fire roads', geometry: 'line', clause: '5(2)', kinds: { 'fire-road': '防火通道' } },
  posts: {
    zh: '语音警示宣传柱',
    en: 'voice warning posts',
    geometry: 'point',
    clause: '6(2)',
    kinds: { 'voice-post': '语音警示宣传柱' },
  },
};

export function isLayerName(x: unknown): x is LayerName {
  return typeof x === 'string' && (LAYERS as readonly string[]).includes(x);
}

export function geometryKind(g: Geometry): GeometryKind | null {
  switch (g.type) {
    case 'Point':
    case 'MultiPoint':
      return 'point';
    case 'LineString':
    case 'MultiLineString':
      return 'line';
    case 'Polygon':
    case 'MultiPolygon':
      return 'area';
    default:
      return null;
  }
}

/** Point layers take a single Point; lines and areas take single or multi geometries. */
export function fitsLayer(g: Geometry, layer: LayerName): boolean {
  const want = LAYER_INFO[layer].geometry;
  if (want === 'point') return g.type === 'Point';
  return geometryKind(g) === want;
}

/** 5(2): water sources are planned at a 3 km water-taking radius (按照3公里取水半径规划设置). */
export const WATER_RADIUS_M = 3000;
/** 5(2): fire roads so that the professional team works within a 3 km walking radius (徒步3公里半径作业圈). */
export const FIRE_ROAD_RADIUS_M = 3000;
