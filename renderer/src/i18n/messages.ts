import { en as baseEn } from './en';
import { zhCN as baseZh } from './zh-CN';
import { en as reportsEn, zh as reportsZh } from '../reports/messages';
import { en as mapEn, zh as mapZh } from '../map/messages';
import { en as incidentsEn, zh as incidentsZh } from '../incidents/messages';
import { en as fireEn, zh as fireZh } from '../fire/messages';
import { en as peopleEn, zh as peopleZh } from '../people/messages';
import { en as dutyEn, zh as dutyZh } from '../duty/messages';
import { en as handoverEn, zh as handoverZh } from '../handover/messages';
import { en as contactsEn, zh as contactsZh } from '../contacts/messages';

/**
 * Every UI string, by area. Each area keeps its dictionaries beside its screens (`renderer/src/<area>/messages.ts`
 * exporting `zh` (as const) and `en: Record<keyof typeof zh, string>`) and adds ONE spread to each table here.
 */
export const zhMessages = {
  ...baseZh,
  ...reportsZh,
  ...mapZh,
  ...incidentsZh,
  ...fireZh,
  ...peopleZh,
  ...dutyZh,
  ...handoverZh,
  ...contactsZh,
};

export const enMessages: Record<keyof typeof zhMessages, string> = {
  ...baseEn,
  ...reportsEn,
  ...mapEn,
  ...incidentsEn,
  ...fireEn,
  ...peopleEn,
  ...dutyEn,
  ...handoverEn,
  ...contactsEn,
};

export type MessageKey = keyof typeof zhMessages;
