import { LEVEL_IDS, type LevelId } from './schema';

/** Rank of a level: IV = 1 … I = 4; no level = 0. */
export function levelRank(level: LevelId | null | undefined): number {
  return level ? 4 - LEVEL_IDS.indexOf(level) : 0;
}
export function levelFromRank(rank: number): LevelId | null {
  return rank <= 0 ? null : (LEVEL_IDS[4 - Math.min(rank, 4)] as LevelId);
}
