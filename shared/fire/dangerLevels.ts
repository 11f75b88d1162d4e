/**
 * The five forest fire danger levels and their colours (QX/T 77-2007 森林火险气象等级), apart from the rating's checks
 * in ./danger.ts: the board's posture card shows them without loading zod (test/bench/startup.bench.ts).
 */
export type DangerLevel = 1 | 2 | 3 | 4 | 5;

export interface DangerLevelInfo {
  level: DangerLevel;
  name: string;
  colour: 'green' | 'blue' | 'yellow' | 'orange' | 'red';
  colourZh: string;
  meaning: string;
}

// QX/T 77-2007
export const DANGER_LEVELS: Readonly<Record<DangerLevel, DangerLevelInfo>> = {
  1: { level: 1, name: '低火险', colour: 'green', colourZh: '绿色', meaning: '林内可燃物不易燃烧' },
  2: { level: 2, name: '较低火险', colour: 'blue', colourZh: '蓝色', meaning: '林内可燃物较难燃烧' },
  3: { level: 3, name: '较高火险', colour: 'yellow', colourZh: '黄色', meaning: '挂黄旗；林内可燃物较易燃烧' },
  4: { level: 4, name: '高火险', colour: 'orange', colourZh: '橙色', meaning: '挂橙旗；林内可燃物容易燃烧，林区严格控制用火' },
  5: { level: 5, name: '极高火险', colour: 'red', colourZh: '红色', meaning: '挂红旗；林内可燃物极易燃烧，林区一切野外用火严禁' },
};
