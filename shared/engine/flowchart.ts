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

interface Item {
  id: string;
  /** null for a dummy point of a long edge */
  node: Node | null;
  w: number;
  x: number;
  rank: number;
}

interface Edge {
  from: string;
  to: string;
  labels: string[];
  back: boolean;
  /** ids of the items the edge passes through (source, dummies…, target) */
  path: string[];
}

/**
 * Layered layout (a small Sugiyama): back edges found by depth-first search are drawn on the side; ranks are the
 * longest forward path from the initial state; long edges pass through dummy points; rows are ordered by the
 * barycentre of their upper neighbours and placed as close as possible above/below them.
 */
export function planFlowchartSvg(plan: Plan, currentState?: string | null, opts: FlowchartOptions = {}): string {
  const FONT = 14;
  const initial = plan.states.find((s) => s.kind === 'initial')?.id ?? plan.states[0]!.id;
  const stateIds = plan.states.map((s) => s.id);

  // Edges between different states, one per (from, to), labels joined (in the plan's order).
  const edgeMap = new Map<string, Edge>();
  for (const t of plan.transitions) {
    if (!t.to) continue;
    for (const f of t.from) {
      if (f === t.to) continue;
      const key = `${f}>${t.to}`;
      const e = edgeMap.get(key) ?? { from: f, to: t.to, labels: [], back: false, path: [] };
      const l = `${t.label}（${t.clause}）`;
      if (!e.labels.includes(l)) e.labels.push(l);
      edgeMap.set(key, e);
    }
  }
  const edges = [...edgeMap.values()];
  const out = (id: string) => edges.filter((e) => e.from === id);

  // Depth-first search: an edge to a state on the stack is a back edge (e.g. 复燃 → 重新扑救).
  const visited = new Set<string>();
  const onStack = new Set<string>();
  const order: string[] = [];
  const dfs = (v: string): void => {
    visited.add(v);
    onStack.add(v);
    order.push(v);
    for (const e of out(v)) {
      if (onStack.has(e.to)) e.back = true;
      else if (!visited.has(e.to)) dfs(e.to);
    }
    onStack.delete(v);
  };
  dfs(initial);
  for (const id of stateIds) if (!visited.has(id)) dfs(id);

  // Longest-path ranks over the forward edges.
  const rank = new Map<string, number>(stateIds.map((id) => [id, 0]));
  const fwd = edges.filter((e) => !e.back);
  const indeg = new Map<string, number>(stateIds.map((id) => [id, 0]));
  for (const e of fwd) indeg.set(e.to, indeg.get(e.to)! + 1);
  const queue = stateIds.filter((id) => indeg.get(id) === 0);
  while (queue.length) {
    const v = queue.shift()!;
    for (const e of fwd.filter((x) => x.from === v)) {
      rank.set(e.to, Math.max(rank.get(e.to)!, rank.get(v)! + 1));
      indeg.set(e.to, indeg.get(e.to)! - 1);
      if (indeg.get(e.to) === 0) queue.push(e.to);
    }
  }

  const nodes = new Map<string, Node>();
  for (const s of plan.states) {
    const selfs = plan.transitions.filter((t) => t.from.includes(s.id) && (!t.to || t.to === s.id) && !HOUSEKEEPING.has(t.event)).map((t) => `${t.label}（${t.clause}）`);
    const notes = [...new Set(selfs)].slice(0, 6);
    const w = Math.max(130, textWidth(s.label, FONT) + 36, s.kind === 'responding' ? 4 * 34 + 24 : 0);
    const h = s.kind === 'responding' ? 74 : 50;
    nodes.set(s.id, { id: s.id, label: s.label, clause: s.clause, kind: s.kind, rank: rank.get(s.id)!, x: 0, y: 0, w, h, notes });
  }
  const noteWidth = (n: Node) => (n.notes.length ? Math.max(...n.notes.map((t) => textWidth(`↻ ${t}`, 10))) + 14 : 0);

  // Rows, with dummy items for forward edges spanning several ranks.
  const maxRank = Math.max(0, ...rank.values());
  const rows: Item[][] = Array.from({ length: maxRank + 1 }, () => []);
  const items = new Map<string, Item>();
  const byOrder = [...stateIds].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  for (const id of byOrder) {
    const n = nodes.get(id)!;
    const it: Item = { id, node: n, w: n.w + noteWidth(n), x: 0, rank: n.rank };
    items.set(id, it);
    rows[n.rank]!.push(it);
  }
  let dummy = 0;
  for (const e of edges) {
    e.path = [e.from];
    if (!e.back) {
      for (let r = rank.get(e.from)! + 1; r < rank.get(e.to)!; r++) {
        const it: Item = { id: `~${dummy++}`, node: null, w: 24, x: 0, rank: r };
        items.set(it.id, it);
        rows[r]!.push(it);
        e.path.push(it.id);
      }
    }
    e.path.push(e.to);
  }
  const uppers = new Map<string, string[]>();
  const lowers = new Map<string, string[]>();
  for (const e of edges) {
    if (e.back) continue;
    for (let i = 0; i + 1 < e.path.length; i++) {
      uppers.set(e.path[i + 1]!, [...(uppers.get(e.path[i + 1]!) ?? []), e.path[i]!]);
      lowers.set(e.path[i]!, [...(lowers.get(e.path[i]!) ?? []), e.path[i + 1]!]);
    }
  }
  // Order rows by barycentre (a few sweeps down and up).
  const pos = () => {
    const m = new Map<string, number>();
    for (const row of rows) row.forEach((it, i) => m.set(it.id, i));
    return m;
  };
  for (let sweep = 0; sweep < 4; sweep++) {
    const down = sweep % 2 === 0;
    const rowIdx = down ? rows.map((_, i) => i).slice(1) : rows.map((_, i) => i).reverse().slice(1);
    for (const r of rowIdx) {
      const p = pos();
      const nb = down ? uppers : lowers;
      const bary = (it: Item, i: number) => {
        const ns = nb.get(it.id) ?? [];
        return ns.length ? ns.reduce((a, x) => a + p.get(x)!, 0) / ns.length : i;
      };
      const keyed = rows[r]!.map((it, i) => ({ it, k: bary(it, i), i }));
      keyed.sort((a, b) => a.k - b.k || a.i - b.i);
      rows[r] = keyed.map((x) => x.it);
    }
  }
  // Place: pack left to right, each item as close as it can be to the centre of its upper neighbours.
  const GAP = 40;
  const centre = (it: Item) => it.x + (it.node ? it.node.w : it.w) / 2;
  for (const row of rows) {
    let right = -Infinity;
    for (const it of row) {
      const ups = (uppers.get(it.id) ?? []).map((id) => items.get(id)!);
      const own = it.node ? it.node.w : it.w;
      const desired = ups.length ? ups.reduce((a, u) => a + centre(u), 0) / ups.length - own / 2 : right === -Infinity ? 0 : right + GAP;
      it.x = right === -Infinity ? desired : Math.max(desired, right + GAP);
      right = it.x + it.w;
    }
  }
  const backCount = edges.filter((e) => e.back).length;
  const minX = Math.min(...[...items.values()].map((it) => it.x));
  const MARGIN = 40;
  for (const it of items.values()) it.x += MARGIN - minX;
  const contentRight = Math.max(...[...items.values()].map((it) => it.x + it.w));
  const width = Math.max(640, contentRight + MARGIN + backCount * 34 + 120);
  const top = opts.title === false ? 20 : 70;
  const ROW = 110;
  for (const it of items.values()) {
    if (it.node) {
      it.node.x = it.x;
      it.node.y = top + it.rank * ROW;
    }
  }
  const height = top + (maxRank + 1) * ROW + 20;
  const itemY = (it: Item) => (it.node ? it.node.y + it.node.h / 2 : top + it.rank * ROW + 25);

  const o: string[] = [];
  o.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${Math.round(width)} ${Math.round(height)}" width="${Math.round(width)}" height="${Math.round(height)}" role="img" aria-label="${esc(plan.title)} 流程图" font-family="'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif">`,
  );
  o.push(`<title>${esc(plan.title)}（${esc(plan.version)}）流程图</title>`);
  o.push(
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#546e7a"/></marker><marker id="arrow-lit" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#e65100"/></marker></defs>',
  );
  o.push(`<rect x="0" y="0" width="100%" height="100%" fill="#ffffff"/>`);
  if (opts.title !== false) {
    o.push(`<text x="${width / 2}" y="30" text-anchor="middle" font-size="18" font-weight="bold" fill="#263238">${esc(plan.title)}</text>`);
    o.push(`<text x="${width / 2}" y="52" text-anchor="middle" font-size="12" fill="#607d8b">${esc(`${plan.source.number ?? plan.source.document} · 版本 ${plan.version} · 由预案数据生成`)}</text>`);
  }

  // Edge ends spread along the node's bottom (out) and top (in) sides.
  const outs = new Map<string, Edge[]>();
  const ins = new Map<string, Edge[]>();
  for (const e of edges) {
    if (e.back) continue;
    outs.set(e.from, [...(outs.get(e.from) ?? []), e]);
    ins.set(e.to, [...(ins.get(e.to) ?? []), e]);
  }
  const sortByX = (list: Edge[], end: 'first' | 'last') =>
    list.sort((a, b) => centre(items.get(end === 'first' ? a.path[1]! : a.path[a.path.length - 2]!)!) - centre(items.get(end === 'first' ? b.path[1]! : b.path[b.path.length - 2]!)!));
  for (const l of outs.values()) sortByX(l, 'first');
  for (const l of ins.values()) sortByX(l, 'last');
  const spread = (n: Node, list: Edge[], e: Edge) => {
    const i = list.indexOf(e);
    const step = Math.min(18, (n.w - 20) / Math.max(1, list.length));
    return n.x + n.w / 2 + (i - (list.length - 1) / 2) * step;
  };

  const placed: Array<{ x: number; y: number; w: number; h: number }> = [];
  const free = (r: { x: number; y: number; w: number; h: number }) =>
    !placed.some((p) => r.x < p.x + p.w && p.x < r.x + r.w && r.y < p.y + p.h && p.y < r.y + r.h) &&
    ![...nodes.values()].some((n) => r.x < n.x + n.w && n.x < r.x + r.w && r.y < n.y + n.h && n.y < r.y + r.h);
  for (const n of nodes.values()) if (n.notes.length) placed.push({ x: n.x + n.w + 4, y: n.y, w: noteWidth(n), h: n.notes.length * 13 + 4 });
  const labelsOut: string[] = [];
  const putLabels = (labels: string[], cx: number, cy: number, anchor: 'middle' | 'start') => {
    labels.forEach((l, i) => {
      const w = textWidth(l, 11) + 8;
      let y = cy + (i - (labels.length - 1) / 2) * 15;
      let x = anchor === 'middle' ? cx - w / 2 : cx;
      for (let k = 0; k < 12; k++) {
        if (free({ x, y: y - 10, w, h: 14 })) break;
        if (k % 2 === 0) y += 15;
        else x += 12;
      }
      placed.push({ x, y: y - 10, w, h: 14 });
      labelsOut.push(`<rect x="${x.toFixed(1)}" y="${(y - 10).toFixed(1)}" width="${w.toFixed(1)}" height="14" fill="#ffffff" opacity="0.92"/>`);
      labelsOut.push(`<text x="${(x + w / 2).toFixed(1)}" y="${(y + 1).toFixed(1)}" text-anchor="middle" font-size="11" fill="#455a64">${esc(l)}</text>`);
    });
  };

  let backIdx = 0;
  for (const e of edges) {
    const a = nodes.get(e.from)!;
    const b = nodes.get(e.to)!;
    const lit = currentState != null && e.from === currentState;
    const stroke = lit ? '#e65100' : '#90a4ae';
    const marker = lit ? 'url(#arrow-lit)' : 'url(#arrow)';
    let d: string;
    if (e.back) {
      // On the right: from the source's right side up to the target's right side.
      const x1 = a.x + a.w;
      const y1 = a.y + a.h / 2;
      const x2 = b.x + b.w;
      const y2 = b.y + b.h / 2 + 8;
      const bulge = Math.max(x1, x2) + 60 + backIdx++ * 34;
      const routeX = Math.max(bulge, contentRight + 30 + (backIdx - 1) * 34);
      d = `M${x1.toFixed(1)},${y1.toFixed(1)} C${routeX.toFixed(1)},${y1.toFixed(1)} ${routeX.toFixed(1)},${y2.toFixed(1)} ${x2.toFixed(1)},${y2.toFixed(1)}`;
      o.push(`<path class="edge back" data-from="${esc(e.from)}" data-to="${esc(e.to)}" d="${d}" fill="none" stroke="${stroke}" stroke-width="${lit ? 2 : 1.4}" stroke-dasharray="5 3" marker-end="${marker}"/>`);
      putLabels(e.labels, routeX - 0.25 * (routeX - Math.max(x1, x2)) + 6, (y1 + y2) / 2, 'start');
      continue;
    }
    const pts: Array<[number, number]> = [[spread(a, outs.get(e.from)!, e), a.y + a.h]];
    for (const id of e.path.slice(1, -1)) {
      const it = items.get(id)!;
      pts.push([centre(it), itemY(it)]);
    }
    pts.push([spread(b, ins.get(e.to)!, e), b.y]);
    d = `M${pts[0]![0].toFixed(1)},${pts[0]![1].toFixed(1)}`;
    for (let i = 1; i < pts.length; i++) {
      const [x0, y0] = pts[i - 1]!;
      const [x1, y1] = pts[i]!;
      const my = (y0 + y1) / 2;
      d += ` C${x0.toFixed(1)},${my.toFixed(1)} ${x1.toFixed(1)},${my.toFixed(1)} ${x1.toFixed(1)},${y1.toFixed(1)}`;
    }
    o.push(`<path class="edge" data-from="${esc(e.from)}" data-to="${esc(e.to)}" d="${d}" fill="none" stroke="${stroke}" stroke-width="${lit ? 2 : 1.4}" marker-end="${marker}"/>`);
    // Label on the first segment's midpoint.
    const [x0, y0] = pts[0]!;
    const [x1, y1] = pts[1]!;
    putLabels(e.labels, (x0 + x1) / 2, (y0 + y1) / 2, 'middle');
  }
  o.push(...labelsOut);

  for (const n of nodes.values()) {
    const cur = n.id === currentState;
    const terminal = n.kind === 'terminal';
    o.push(`<g class="state${cur ? ' current' : ''}" data-state="${esc(n.id)}"${cur ? ' aria-current="step"' : ''}>`);
    o.push(
      `<rect x="${n.x.toFixed(1)}" y="${n.y.toFixed(1)}" width="${n.w.toFixed(1)}" height="${n.h}" rx="${terminal ? 4 : 12}" fill="${cur ? '#fff3e0' : '#ffffff'}" stroke="${cur ? '#e65100' : '#607d8b'}" stroke-width="${cur ? 3 : 1.5}"/>`,
    );
    if (terminal) o.push(`<rect x="${(n.x + 4).toFixed(1)}" y="${(n.y + 4).toFixed(1)}" width="${(n.w - 8).toFixed(1)}" height="${n.h - 8}" rx="2" fill="none" stroke="${cur ? '#e65100' : '#90a4ae'}" stroke-width="1"/>`);
    o.push(`<text x="${(n.x + n.w / 2).toFixed(1)}" y="${(n.y + 22).toFixed(1)}" text-anchor="middle" font-size="${FONT}" font-weight="${cur ? 'bold' : 'normal'}" fill="#263238">${esc(n.label)}</text>`);
    o.push(`<text x="${(n.x + n.w / 2).toFixed(1)}" y="${(n.y + 38).toFixed(1)}" text-anchor="middle" font-size="10" fill="#78909c">${esc(n.clause)}</text>`);
    if (n.kind === 'responding') {
      const levels = LEVEL_IDS.filter((l) => plan.levels.some((x) => x.id === l));
      const pw = 30;
      let px = n.x + (n.w - levels.length * (pw + 4) + 4) / 2;
      for (const l of levels) {
        const def = plan.levels.find((x) => x.id === l)!;
        const on = cur && opts.level === l;
        o.push(
          `<g class="level${on ? ' current' : ''}" data-level="${l}"><rect x="${px.toFixed(1)}" y="${(n.y + 46).toFixed(1)}" width="${pw}" height="20" rx="4" fill="${on ? def.colour : '#ffffff'}" stroke="${def.colour}" stroke-width="${on ? 2 : 1}"/><text x="${(px + pw / 2).toFixed(1)}" y="${(n.y + 60).toFixed(1)}" text-anchor="middle" font-size="11" fill="${on ? '#ffffff' : def.colour}">${l}<title>${esc(`${l}级 ${def.name}`)}</title></text></g>`,
        );
        px += pw + 4;
      }
    }
    n.notes.forEach((t, i) => {
      o.push(`<text x="${(n.x + n.w + 8).toFixed(1)}" y="${(n.y + 13 + i * 13).toFixed(1)}" font-size="10" fill="#546e7a">↻ ${esc(t)}</text>`);
    });
    o.push('</g>');
  }
  o.push('</svg>');
  return o.join('\n');
}
