import { describe, expect, it } from 'vitest';
import { BAOBAO_KINDS, LEDGER_COLUMNS, validateLedgerRecords } from '../../../shared/fire/ledgers';

const H = (t: 'baobao' | 'graves') => LEDGER_COLUMNS[t].map((c) => c.header);

describe('八包 ledger (4(1))', () => {
  it('has the eight kinds in the order of the text', () => {
    expect(BAOBAO_KINDS.map((k) => k.label)).toEqual(['县包乡', '乡包村', '村干部包牛羊工', '党员包坟地', '护林员包山头', '业主工头包民工', '家长包学生', '监护人和村两委包智障人员']);
  });
  it('accepts good rows (kinds by their Chinese label)', () => {
    const r = validateLedgerRecords('baobao', H('baobao'), [
      { 包保类型: '县包乡', 包保责任人: '王县长', 包保对象: '西社镇', 乡镇: '西社镇' },
      { 包保类型: '监护人和村两委包智障人员', 包保责任人: '赵某（监护人）', 第二责任人: '村委 钱某', 包保对象: '孙某', 乡镇: '水峪贯镇', 村: '某村' },
    ]);
    expect(r.ok).toBe(true);
    expect(r.rows[1]).toMatchObject({ kind: 'guardian-disabled', secondResponsible: '村委 钱某' });
  });
  it('reports every problem per row and returns no rows', () => {
    const r = validateLedgerRecords('baobao', H('baobao'), [
      { 包保类型: '县包乡', 包保责任人: '王', 包保对象: 'x', 乡镇: 'y' },
      { 包保类型: '县包村', 包保责任人: '王', 包保对象: 'x', 乡镇: 'y' },
      { 包保类型: '监护人和村两委包智障人员', 包保责任人: '赵', 包保对象: '孙', 乡镇: 'y' },
      { 包保类型: '乡包村', 包保对象: 'x', 乡镇: 'y' },
    ]);
    expect(r.ok).toBe(false);
    expect(r.rows).toEqual([]);
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [3, '包保类型'],
      [4, '第二责任人'],
      [5, '包保责任人'],
    ]);
  });
  it('refuses a file with a missing required column or an unknown column', () => {
    expect(validateLedgerRecords('baobao', ['包保类型', '包保责任人', '乡镇'], []).problems[0]).toMatchObject({ row: 1, column: '包保对象' });
    expect(validateLedgerRecords('baobao', [...H('baobao'), '身份证号'], []).problems[0]).toMatchObject({ row: 1, column: '身份证号' });
  });
});

describe('grave / central-altar register (3(1))', () => {
  it('needs number, location, risk grade; a grave needs its owner; numbers unique in the file', () => {
    const r = validateLedgerRecords('graves', H('graves'), [
      { 编号: 'G-001', 类别: '坟头', 乡镇: '西社镇', 位置: '某山坡', 坟主: '张', 火险等级: '高', 经度: '112.1', 纬度: '37.5' },
      { 编号: 'A-001', 类别: '集中祭坛', 乡镇: '西社镇', 位置: '村口', 火险等级: '低' },
      { 编号: 'G-001', 类别: '坟头', 乡镇: '西社镇', 位置: 'x', 坟主: '李', 火险等级: '中' },
      { 编号: 'G-002', 类别: '坟头', 乡镇: '西社镇', 位置: 'x', 火险等级: '中' },
      { 编号: 'G-003', 类别: '坟头', 乡镇: '西社镇', 位置: 'x', 坟主: '王', 火险等级: '很高', 经度: 'abc' },
      { 编号: 'G-004', 类别: '坟头', 乡镇: '西社镇', 位置: 'x', 坟主: '王', 火险等级: '低', 经度: '112' },
    ]);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => `${p.row}:${p.column}`)).toEqual(['4:编号', '5:坟主', '6:经度', '6:火险等级', '7:纬度']);
  });
  it('converts numbers and labels', () => {
    const r = validateLedgerRecords('graves', H('graves'), [{ 编号: 'G-1', 类别: '坟头', 乡镇: 'a', 位置: 'b', 坟主: 'c', 火险等级: '中', 经度: 112.25, 纬度: '37.5' }]);
    expect(r.ok && r.rows[0]).toMatchObject({ kind: 'grave', riskGrade: 'medium', lng: 112.25, lat: 37.5 });
  });
});
