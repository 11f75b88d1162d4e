// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SearchBox } from '../../../../renderer/src/map/SearchBox';
import type { SearchItem } from '../../../../renderer/src/map/search';
import { useLocale } from '../../../../renderer/src/i18n';

const items: SearchItem[] = [
  { key: 'a', name: '卦山一号蓄水池（示例）', group: '水源', lng: 112.15, lat: 37.58, featureId: 1 },
  { key: 'b', name: '卦山集雨窖（示例）', group: '水源', lng: 112.16, lat: 37.59, featureId: 2 },
  { key: 'c', name: '石壁瞭望台（示例）', group: '瞭望台', lng: 112.08, lat: 37.64, featureId: 3 },
];

afterEach(cleanup);

describe('search by name, by keyboard', () => {
  it('type, ↓, Enter chooses the second match; the list is an ARIA listbox', () => {
    useLocale.getState().setLocale('zh-CN');
    const onChoose = vi.fn();
    render(<SearchBox items={items} onChoose={onChoose} />);
    const box = screen.getByRole('combobox', { name: '按名称搜索' });
    fireEvent.change(box, { target: { value: '卦山' } });
    const options = screen.getAllByRole('option');
    // shorter name first: 卦山集雨窖 (9 chars) before 卦山一号蓄水池 (11)
    expect(options.map((o) => o.textContent)).toEqual(['卦山集雨窖（示例） 水源', '卦山一号蓄水池（示例） 水源']);
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(box.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[1]!.id);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onChoose).toHaveBeenCalledTimes(1);
    expect(onChoose.mock.calls[0]![0]).toMatchObject({ key: 'a', featureId: 1 });
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('says when nothing matches, and Enter then chooses nothing', () => {
    const onChoose = vi.fn();
    render(<SearchBox items={items} onChoose={onChoose} />);
    const box = screen.getByRole('combobox');
    fireEvent.change(box, { target: { value: '庞泉沟' } });
    expect(screen.getByRole('listbox').textContent).toContain('没有找到“庞泉沟”');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onChoose).not.toHaveBeenCalled();
  });

  it('items given as a function are asked for only once something is typed (the map builds 10,000 of them)', () => {
    const get = vi.fn(() => items);
    render(<SearchBox items={get} onChoose={vi.fn()} />);
    const box = screen.getByRole('combobox');
    fireEvent.focus(box);
    expect(get).not.toHaveBeenCalled();
    fireEvent.change(box, { target: { value: '瞭望' } });
    expect(get).toHaveBeenCalled();
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['石壁瞭望台（示例） 瞭望台']);
  });
});
