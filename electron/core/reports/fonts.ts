/**
 * The CJK fonts reports are drawn with. GB/T 9704-2012 asks for 仿宋 (正文, 5.2.3), 小标宋 (标题, 发文机关标志) and
 * 黑体 (密级, 一级标题). The body is a 仿宋 face in this order:
 *  1. the system's 仿宋: Windows simfang.ttf (仿宋 / 仿宋_GB2312), else a FandolFang installed by TeX Live;
 *  2. the open-licence 仿宋 shipped with the app: assets/fonts/FandolFang-Regular.otf (Fandol fonts, GPL v3 with the
 *     font exception, from Debian's texlive-lang-chinese; see assets/fonts/README.md);
 *  3. only if neither is there, a 宋 face (Noto Serif CJK SC / 宋体), and the PDF says so in its font list.
 * FandolFang covers GB 2312 (6,763 hanzi); a character it lacks is drawn from `fallback` (Noto Serif CJK SC, or 宋体),
 * so a rare name never prints as an empty box. 小标宋 / 黑体: Noto Serif CJK SC Bold / Noto Sans CJK SC Bold on Linux
 * (Debian fonts-noto-cjk), 黑体 simhei.ttf on Windows. `ERCON_CJK_FONT_DIR` adds a folder to look in first. A .ttc
 * collection is read by the PostScript name of its Simplified Chinese face. No CJK font → a clear error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { geoAssetsDir } from '../map/assets';

export interface FontFace {
  file: string;
  /** PostScript name inside a .ttc collection; undefined for a single .ttf/.otf. */
  postscript?: string;
  /** The family name a .docx should ask Word for. */
  family: string;
  /** The GB/T 9704 style the face is: 仿宋 for the body when one was found. */
  style?: 'fangsong' | 'song' | 'hei';
}

export interface CjkFonts {
  /** 正文 (仿宋-style). */
  body: FontFace;
  /** 标题, 发文机关标志 (小标宋-style: bold serif). */
  title: FontFace;
  /** 密级, headings (黑体-style). */
  heading: FontFace;
  /** For characters the body face lacks (FandolFang has GB 2312 only); null when the body face is the only one. */
  fallback: FontFace | null;
  /** 楷体 for the 签发人's name (GB/T 9704 7.2.6: 3号楷体), when the machine has one; else the body face is used. */
  kai: FontFace | null;
}

interface Candidate {
  names: string[];
  postscript?: string;
  family: string;
  style?: FontFace['style'];
}

const LINUX_DIRS = [
  '/usr/share/fonts/opentype/noto',
  '/usr/share/fonts/noto-cjk',
  '/usr/share/fonts/google-noto-cjk',
  '/usr/share/fonts/opentype/noto-cjk',
  '/usr/share/fonts/truetype/noto',
  '/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol',
  '/usr/share/fonts/opentype/fandol',
];
const WINDOWS_DIRS = [path.join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts')];

/** The folder of fonts shipped with the app: assets/fonts, beside the map data (ERCON_ASSETS_DIR moves both). */
export function fontAssetsDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(path.dirname(geoAssetsDir(env)), 'fonts');
}

export const SHIPPED_FANGSONG = 'FandolFang-Regular.otf';

const FANGSONG: Candidate[] = [
  { names: ['simfang.ttf', 'SIMFANG.TTF'], family: 'FangSong', style: 'fangsong' },
  { names: [SHIPPED_FANGSONG], family: 'FandolFang', style: 'fangsong' },
];
const SONG: Candidate[] = [
  { names: ['NotoSerifCJK-Regular.ttc'], postscript: 'NotoSerifCJKsc-Regular', family: 'Noto Serif CJK SC', style: 'song' },
  { names: ['NotoSerifSC-Regular.otf'], family: 'Noto Serif SC', style: 'song' },
  { names: ['simsun.ttc'], postscript: 'SimSun', family: 'SimSun', style: 'song' },
];
const TITLE: Candidate[] = [
  { names: ['NotoSerifCJK-Bold.ttc'], postscript: 'NotoSerifCJKsc-Bold', family: 'Noto Serif CJK SC' },
  { names: ['NotoSerifSC-Bold.otf'], family: 'Noto Serif SC' },
  { names: ['simhei.ttf'], family: 'SimHei' },
  { names: ['simsun.ttc'], postscript: 'SimSun', family: 'SimSun' },
];
const KAI: Candidate[] = [
  { names: ['simkai.ttf', 'SIMKAI.TTF'], family: 'KaiTi' },
  { names: ['FandolKai-Regular.otf'], family: 'FandolKai' },
];
const HEADING: Candidate[] = [
  { names: ['simhei.ttf'], family: 'SimHei' },
  { names: ['NotoSansCJK-Bold.ttc'], postscript: 'NotoSansCJKsc-Bold', family: 'Noto Sans CJK SC' },
  { names: ['NotoSansCJK-Regular.ttc'], postscript: 'NotoSansCJKsc-Regular', family: 'Noto Sans CJK SC' },
  { names: ['NotoSerifCJK-Bold.ttc'], postscript: 'NotoSerifCJKsc-Bold', family: 'Noto Serif CJK SC' },
];

function dirs(): string[] {
  const extra = process.env.ERCON_CJK_FONT_DIR ? [process.env.ERCON_CJK_FONT_DIR] : [];
  return [...extra, ...(process.platform === 'win32' ? WINDOWS_DIRS : LINUX_DIRS)];
}

function find(cands: Candidate[], ds: string[]): FontFace | null {
  for (const c of cands)
    for (const d of ds)
      for (const n of c.names) {
        const f = path.join(d, n);
        if (fs.existsSync(f)) return { file: f, ...(c.postscript ? { postscript: c.postscript } : {}), family: c.family, ...(c.style ? { style: c.style } : {}) };
      }
  return null;
}

export function noCjkFontError(looked: string[]): AppError {
  return new AppError({
    code: 'not-found',
    message: `未找到中文字体，无法生成报告文件（已查找：${looked.join('；')}）。Linux 请安装 fonts-noto-cjk；Windows 请确认 C:\\Windows\\Fonts 下有 simfang.ttf（仿宋）或 simsun.ttc（宋体）；也可设置 ERCON_CJK_FONT_DIR 指向字体目录`,
    messageEn: `no CJK font found, cannot render the report (looked in: ${looked.join('; ')}). Install fonts-noto-cjk on Linux; on Windows check C:\\Windows\\Fonts has simfang.ttf or simsun.ttc; or set ERCON_CJK_FONT_DIR`,
    field: 'font',
    rule: 'cjk-font',
  });
}

/**
 * The fonts to draw a report with; AppError `not-found` naming where it looked when there is no CJK font at all.
 * `shippedDir` is where the app's own 仿宋 lies (searched after the system folders, so the system's 仿宋 wins).
 */
export function findCjkFonts(searchDirs: string[] = dirs(), shippedDir: string | null = fontAssetsDir()): CjkFonts {
  const all = shippedDir ? [...searchDirs, shippedDir] : searchDirs;
  const song = find(SONG, searchDirs);
  const body = find(FANGSONG, all) ?? song;
  if (!body) throw noCjkFontError(all);
  const title = find(TITLE, searchDirs) ?? body;
  const heading = find(HEADING, searchDirs) ?? title;
  return { body, title, heading, fallback: song && song.file !== body.file ? song : null, kai: find(KAI, searchDirs) };
}

const cache = new Map<string, Buffer>();
/** Font files are large (a Noto CJK collection is ~25 MB): read each once per process. */
export function fontBytes(f: FontFace): Buffer {
  let b = cache.get(f.file);
  if (!b) {
    b = fs.readFileSync(f.file);
    cache.set(f.file, b);
  }
  return b;
}
