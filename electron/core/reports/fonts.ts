/**
 * The CJK fonts reports are drawn with. GB/T 9704 asks for 仿宋 (正文), 小标宋 (标题, 发文机关标志) and 黑体
 * (密级, 一级标题); the console uses what the machine has:
 *  - Linux: Noto Serif CJK SC (Debian fonts-noto-cjk) for 仿宋/小标宋 (Regular/Bold), Noto Sans CJK SC Bold for 黑体;
 *  - Windows: 仿宋 simfang.ttf, 宋体 simsun.ttc, 黑体 simhei.ttf from C:\Windows\Fonts.
 * `ERCON_CJK_FONT_DIR` adds a folder to look in first. A .ttc collection is read by the PostScript name of its
 * Simplified Chinese face. No CJK font → a clear error (never a PDF of empty boxes).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';

export interface FontFace {
  file: string;
  /** PostScript name inside a .ttc collection; undefined for a single .ttf/.otf. */
  postscript?: string;
  /** The family name a .docx should ask Word for. */
  family: string;
}

export interface CjkFonts {
  /** 正文 (仿宋-style). */
  body: FontFace;
  /** 标题, 发文机关标志 (小标宋-style: bold serif). */
  title: FontFace;
  /** 密级, headings (黑体-style). */
  heading: FontFace;
}

interface Candidate {
  names: string[];
  postscript?: string;
  family: string;
}

const LINUX_DIRS = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-cjk', '/usr/share/fonts/opentype/noto-cjk', '/usr/share/fonts/truetype/noto'];
const WINDOWS_DIRS = [path.join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts')];

const BODY: Candidate[] = [
  { names: ['simfang.ttf'], family: 'FangSong' },
  { names: ['NotoSerifCJK-Regular.ttc'], postscript: 'NotoSerifCJKsc-Regular', family: 'Noto Serif CJK SC' },
  { names: ['NotoSerifSC-Regular.otf'], family: 'Noto Serif SC' },
  { names: ['simsun.ttc'], postscript: 'SimSun', family: 'SimSun' },
];
const TITLE: Candidate[] = [
  { names: ['NotoSerifCJK-Bold.ttc'], postscript: 'NotoSerifCJKsc-Bold', family: 'Noto Serif CJK SC' },
  { names: ['NotoSerifSC-Bold.otf'], family: 'Noto Serif SC' },
  { names: ['simhei.ttf'], family: 'SimHei' },
  { names: ['simsun.ttc'], postscript: 'SimSun', family: 'SimSun' },
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
        if (fs.existsSync(f)) return { file: f, ...(c.postscript ? { postscript: c.postscript } : {}), family: c.family };
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

/** The fonts to draw a report with; AppError `not-found` naming where it looked when there is no CJK font at all. */
export function findCjkFonts(searchDirs: string[] = dirs()): CjkFonts {
  const body = find(BODY, searchDirs);
  if (!body) throw noCjkFontError(searchDirs);
  const title = find(TITLE, searchDirs) ?? body;
  const heading = find(HEADING, searchDirs) ?? title;
  return { body, title, heading };
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
