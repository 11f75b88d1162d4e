export * from './date';
export * from './lunar';
export * from './fireSeason';
