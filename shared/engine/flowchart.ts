/**
 * The plan's flow chart, drawn from its own life-cycle definition (疫苗预案 附件1 流程图 is only online; this one is
 * generated so it always matches the rules the console enforces). A self-contained SVG string: no scripts, no
 * external fonts or images; the current state (and level) lit.
 */
import { LEVEL_IDS, type LevelId, type Plan } from './schema';

const HOUSEKEEPING = new Set(['facts-updated', 'note', 'correction', 'checklist-item-done', 'report-filed']);

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Rough width of a text at `size` px: CJK characters full width, others ~0.6. */
function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFFF]/.test(ch) ? size : size * 0.6;
  return w;
}

interface Node {
  id: string;
  label: string;
  clause: string;
  kind: string;
  rank: number;
  x: number;
  y: number;
  w: number;
  h: number;
  notes: string[];
}

export interface FlowchartOptions {
  /** The response level in force, lit inside the responding state. */
  level?: LevelId | null;
  title?: boolean;
}

export function planFlowchartSvg(plan: Plan, currentState?: string | null, opts: FlowchartOptions = {}): string {
  const initial = plan.states.find((s) => s.kind === 'initial')?.id ?? plan.states[0]!.id;
  const moves = plan.transitions.flatMap((t) => (t.to ? t.from.filter((f) => f !== t.to).map((f) => ({ from: f, to: t.to!, label: t.label, clause: t.clause })) : []));
  // Rank = shortest distance from the initial state (BFS); unreachable states go last.
  const rank = new Map<string, number>([[initial, 0]]);
  const queue = [initial];
  while (queue.length) {
    const cur = queue.shift()!;
    for (const m of moves) if (m.from === cur && !rank.has(m.to)) {
      rank.set(m.to, rank.get(cur)! + 1);
      queue.push(m.to);
    }
  }
  const maxRank = Math.max(0, ...rank.values());
  for (const s of plan.states) if (!rank.has(s.id)) rank.set(s.id, maxRank + 1);

  const FONT = 14;
  const nodes: Node[] = plan.states.map((s) => {
    const selfs = plan.transitions.filter((t) => t.from.includes(s.id) && (!t.to || t.to === s.id) && !HOUSEKEEPING.has(t.event)).map((t) => `${t.label}（${t.clause}）`);
    const notes = [...new Set(selfs)];
    const label = `${s.label}`;
    const w = Math.max(130, textWidth(label, FONT) + 36, s.kind === 'responding' ? 4 * 34 + 24 : 0);
    const h = s.kind === 'responding' ? 74 : 50;
    return { id: s.id, label, clause: s.clause, kind: s.kind, rank: rank.get(s.id)!, x: 0, y: 0, w, h, notes };
  });

  // Layout: one row per rank, nodes side by side, centred.
  const ROW = 110;
  const GAP = 60;
  const NOTE_W = 250;
  const rows = new Map<number, Node[]>();
  for (const n of nodes) rows.set(n.rank, [...(rows.get(n.rank) ?? []), n]);
  const rowWidth = (ns: Node[]) => ns.reduce((a, n) => a + n.w + (n.notes.length ? NOTE_W : 0), 0) + GAP * (ns.length - 1);
  const width = Math.max(640, ...[...rows.values()].map(rowWidth)) + 80;
  const top = opts.title === false ? 20 : 70;
  for (const [r, ns] of rows) {
    let x = (width - rowWidth(ns)) / 2;
    for (const n of ns) {
      n.x = x;
      n.y = top + r * ROW;
      x += n.w + (n.notes.length ? NOTE_W : 0) + GAP;
    }
  }
  const height = top + (Math.max(...nodes.map((n) => n.rank)) + 1) * ROW + 20;
  const byId = new Map(nodes.map((n) => [n.id, n]));

  // Edges: one per (from, to), labels joined.
  const edges = new Map<string, { from: Node; to: Node; labels: string[] }>();
  for (const m of moves) {
    const key = `${m.from}>${m.to}`;
    const e = edges.get(key) ?? { from: byId.get(m.from)!, to: byId.get(m.to)!, labels: [] };
    const l = `${m.label}（${m.clause}）`;
    if (!e.labels.includes(l)) e.labels.push(l);
    edges.set(key, e);
  }

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${Math.round(width)} ${Math.round(height)}" width="${Math.round(width)}" height="${Math.round(height)}" role="img" aria-label="${esc(plan.title)} 流程图" font-family="'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif">`,
  );
  out.push(`<title>${esc(plan.title)}（${esc(plan.version)}）流程图</title>`);
  out.push(
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#546e7a"/></marker></defs>',
  );
  out.push(`<rect x="0" y="0" width="100%" height="100%" fill="#ffffff"/>`);
  if (opts.title !== false) {
    out.push(`<text x="${width / 2}" y="30" text-anchor="middle" font-size="18" font-weight="bold" fill="#263238">${esc(plan.title)}</text>`);
    out.push(`<text x="${width / 2}" y="52" text-anchor="middle" font-size="12" fill="#607d8b">${esc(`${plan.source.number ?? plan.source.document} · 版本 ${plan.version} · 由预案数据生成`)}</text>`);
  }

  for (const e of edges.values()) {
    const a = e.from;
    const b = e.to;
    let x1: number, y1: number, x2: number, y2: number;
    if (a.rank === b.rank) {
      const leftToRight = a.x < b.x;
      x1 = leftToRight ? a.x + a.w : a.x;
      x2 = leftToRight ? b.x : b.x + b.w;
      y1 = a.y + a.h / 2;
      y2 = b.y + b.h / 2;
    } else {
      const down = a.rank < b.rank;
      x1 = a.x + a.w / 2;
      y1 = down ? a.y + a.h : a.y;
      x2 = b.x + b.w / 2;
      y2 = down ? b.y : b.y + b.h;
    }
    const lit = currentState != null && e.from.id === currentState;
    out.push(`<line class="edge" data-from="${esc(a.id)}" data-to="${esc(b.id)}" x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${lit ? '#e65100' : '#90a4ae'}" stroke-width="${lit ? 2 : 1.4}" marker-end="url(#arrow)"/>`);
    const mx = (x1 + x2) / 2;
    const my = (y1 + y2) / 2;
    e.labels.forEach((l, i) => {
      const ly = my + (i - (e.labels.length - 1) / 2) * 15;
      const lw = textWidth(l, 11) + 8;
      out.push(`<rect x="${(mx - lw / 2).toFixed(1)}" y="${(ly - 10).toFixed(1)}" width="${lw.toFixed(1)}" height="14" fill="#ffffff" opacity="0.9"/>`);
      out.push(`<text x="${mx.toFixed(1)}" y="${(ly + 1).toFixed(1)}" text-anchor="middle" font-size="11" fill="#455a64">${esc(l)}</text>`);
    });
  }

  for (const n of nodes) {
    const cur = n.id === currentState;
    const terminal = n.kind === 'terminal';
    out.push(`<g class="state${cur ? ' current' : ''}" data-state="${esc(n.id)}"${cur ? ' aria-current="step"' : ''}>`);
    out.push(
      `<rect x="${n.x.toFixed(1)}" y="${n.y.toFixed(1)}" width="${n.w.toFixed(1)}" height="${n.h}" rx="${terminal ? 4 : 12}" fill="${cur ? '#fff3e0' : '#ffffff'}" stroke="${cur ? '#e65100' : '#607d8b'}" stroke-width="${cur ? 3 : 1.5}"/>`,
    );
    if (terminal) out.push(`<rect x="${(n.x + 4).toFixed(1)}" y="${(n.y + 4).toFixed(1)}" width="${(n.w - 8).toFixed(1)}" height="${n.h - 8}" rx="2" fill="none" stroke="${cur ? '#e65100' : '#90a4ae'}" stroke-width="1"/>`);
    out.push(`<text x="${(n.x + n.w / 2).toFixed(1)}" y="${(n.y + 22).toFixed(1)}" text-anchor="middle" font-size="${FONT}" font-weight="${cur ? 'bold' : 'normal'}" fill="#263238">${esc(n.label)}</text>`);
    out.push(`<text x="${(n.x + n.w / 2).toFixed(1)}" y="${(n.y + 38).toFixed(1)}" text-anchor="middle" font-size="10" fill="#78909c">${esc(n.clause)}</text>`);
    if (n.kind === 'responding') {
      const levels = LEVEL_IDS.filter((l) => plan.levels.some((x) => x.id === l));
      const pw = 30;
      let px = n.x + (n.w - levels.length * (pw + 4) + 4) / 2;
      for (const l of levels) {
        const def = plan.levels.find((x) => x.id === l)!;
        const on = cur && opts.level === l;
        out.push(
          `<g class="level${on ? ' current' : ''}" data-level="${l}"><rect x="${px.toFixed(1)}" y="${(n.y + 46).toFixed(1)}" width="${pw}" height="20" rx="4" fill="${on ? def.colour : '#ffffff'}" stroke="${def.colour}" stroke-width="${on ? 2 : 1}"/><text x="${(px + pw / 2).toFixed(1)}" y="${(n.y + 60).toFixed(1)}" text-anchor="middle" font-size="11" fill="${on ? '#ffffff' : def.colour}">${l}<title>${esc(`${l}级 ${def.name}`)}</title></text></g>`,
        );
        px += pw + 4;
      }
    }
    if (n.notes.length) {
      n.notes.slice(0, 5).forEach((t, i) => {
        out.push(`<text x="${(n.x + n.w + 10).toFixed(1)}" y="${(n.y + 14 + i * 14).toFixed(1)}" font-size="10" fill="#546e7a">↻ ${esc(t)}</text>`);
      });
    }
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n');
}
