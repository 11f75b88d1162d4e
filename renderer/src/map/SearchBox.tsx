import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useT } from '../i18n';
import { searchItems, type SearchItem } from './search';

/**
 * Type a name, ↑/↓ to choose, Enter to fly there (ARIA combobox with a listbox). `items` may be a function: it is
 * called only once something is typed (the map builds its 10,000 items when they are first searched).
 */
export function SearchBox({ items, onChoose }: { items: readonly SearchItem[] | (() => readonly SearchItem[]); onChoose: (item: SearchItem) => void }) {
  const t = useT();
  const id = useId();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const hits = useMemo(() => (q.trim() ? searchItems(typeof items === 'function' ? items() : items, q) : []), [items, q]);

  function choose(item: SearchItem | undefined) {
    if (!item) return;
    onChoose(item);
    setQ(item.name);
    setOpen(false);
  }

  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (hits.length ? (a + 1) % hits.length : 0));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (hits.length ? (a - 1 + hits.length) % hits.length : 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(hits[active] ?? hits[0]);
    } else if (e.key === 'Escape') {
      if (open) e.stopPropagation();
      setOpen(false);
    }
  }

  const showList = open && q.trim() !== '';
  return (
    <div className="map-search">
      <label htmlFor={`${id}-in`} className="sr-only">
        {t('map.search')}
      </label>
      <input
        id={`${id}-in`}
        type="search"
        role="combobox"
        aria-expanded={showList}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={showList && hits[active] ? `${id}-o${active}` : undefined}
        placeholder={t('map.search.placeholder')}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKey}
      />
      {showList && (
        <ul id={`${id}-list`} role="listbox" aria-label={t('map.search')} className="map-search-list">
          {hits.length === 0 && <li className="map-search-none">{t('map.search.none', { q })}</li>}
          {hits.map((h, i) => (
            <li
              key={h.key}
              id={`${id}-o${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(h);
              }}
            >
              <span>{h.name}</span> <span className="map-search-group">{h.group}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
