/** Titles broken between words only (GB/T 9704-2012 7.3.1: 回行时要做到词意完整), in balanced lines. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TITLE_CELLS, textCells, titleLines } from '../../../shared/reports/layout';

const boundaries = (t: string) => new Set([...new Intl.Segmenter('zh-CN', { granularity: 'word' }).segment(t)].map((s) => s.index));

describe('titleLines', () => {
  it('a 2号 title line holds 20 characters in the 156 mm 版心', () => expect(TITLE_CELLS).toBe(20));
  it('the vaccine report title: 疫苗 stays whole (it was broken as 疫 / 苗)', () => {
    const t = '关于某乡镇卫生院接种点疑似疫苗群体不良反应事件的首次报告';
    expect(titleLines(t, 20)).toEqual(['关于某乡镇卫生院接种点疑似疫苗', '群体不良反应事件的首次报告']);
  });
  it('a title of 20 characters is one line; of 21, two', () => {
    expect(titleLines('关于卦山北坡森林火灾扑救情况的进展报告告', 20)).toHaveLength(1);
    expect(titleLines('关于卦山北坡森林火灾扑救情况的进展报告告知', 20)).toHaveLength(2);
  });
  it('a closing mark never begins a line', () => {
    for (const l of titleLines('关于某乡镇卫生院接种点疑似疫苗群体不良反应事件的首次报告（更正）', 20)) expect(l[0]).not.toBe('）');
  });
  it('property: lines join to the title, fit the line, and every break is a word boundary', () => {
    const vocab = ['关于', '交城县', '卫生院', '疫苗', '接种', '群体', '不良反应', '事件', '的', '首次', '报告', '森林', '火灾', '扑救', '情况', '进展', '卦山', '北坡', '（更正）'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocab), { minLength: 1, maxLength: 30 }), fc.integer({ min: 8, max: 24 }), (ws, max) => {
        const t = ws.join('');
        const lines = titleLines(t, max);
        if (lines.join('') !== t) return false;
        if (lines.some((l) => textCells(l) > max)) return false;
        const b = boundaries(t);
        let at = 0;
        for (const l of lines.slice(0, -1)) {
          at += l.length;
          if (!b.has(at)) return false;
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });
});
