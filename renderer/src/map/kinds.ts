import { LAYER_INFO, type LayerName } from '../../../shared/geo/layers';
import type { Locale } from '../i18n';

/** English names of the usual kinds (the Chinese ones are the plan's words, in shared/geo/layers.ts). */
const KIND_EN: Record<string, string> = {
  'control-zone': 'control zone',
  reserve: 'nature reserve (boundary)',
  fixed: 'fixed checkpoint',
  temporary: 'temporary checkpoint',
  pool: 'storage pool',
  cellar: 'rain cellar',
  reservoir: 'reservoir',
  river: 'river intake',
  'county-professional': 'county professional team',
  'township-semi-professional': 'township semi-professional team',
  'quick-response': 'quick-response team',
  village: 'village team',
  enterprise: 'enterprise semi-professional team',
  tower: 'lookout tower',
  'fire-road': 'fire road',
  'voice-post': 'voice warning post',
};

export function kindLabel(layer: LayerName, kind: string | null, locale: Locale): string {
  if (!kind) return '';
  if (locale === 'en') return KIND_EN[kind] ?? kind;
  return LAYER_INFO[layer]?.kinds[kind] ?? kind;
}

export function kindOptions(layer: LayerName, locale: Locale): { value: string; label: string }[] {
  return Object.keys(LAYER_INFO[layer].kinds).map((k) => ({ value: k, label: kindLabel(layer, k, locale) }));
}
