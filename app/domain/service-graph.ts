/**
 * The service dependency graph: refusing loops, and laying the graph out as
 * layers for the map. Pure: shared by client and server (the model refuses a
 * dependency that closes a loop with cycleThrough; the map draws layout()).
 *
 * An edge { from, to } reads "from depends on to": a business service depends on
 * supporting services, and supporting services may depend on one another.
 */

export type ServiceKind = "business" | "supporting";

export interface GraphNode {
  id: string;
  name: string;
  kind: ServiceKind;
  provider?: string | null;
}

/** `from` depends on `to`. */
export interface GraphEdge {
  from: string;
  to: string;
}

/* ---------- loops ---------- */

/** Code-unit order: the same on every machine, unlike localeCompare, so server and browser lay out alike. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function dependenciesOf(edges: readonly GraphEdge[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  for (const list of out.values()) list.sort(compare);
  return out;
}

/**
 * The loop that adding "from depends on to" would close, as ids from `from`
 * back to `from` ([a, b, c, a]: a → b → c → a); [a, a] for a service depending
 * on itself; null when the new dependency closes no loop. The shortest such
 * loop is given, so the refusal names as few services as it can.
 */
export function cycleThrough(edges: readonly GraphEdge[], from: string, to: string): string[] | null {
  if (from === to) return [from, from];
  const deps = dependenciesOf(edges);
  // Breadth first from `to` along dependencies: a path back to `from` closes the loop.
  const cameFrom = new Map<string, string>([[to, to]]);
  const queue = [to];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i]!;
    for (const next of deps.get(at) ?? []) {
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, at);
      if (next === from) {
        const path = [from];
        for (let step = at; step !== to; step = cameFrom.get(step)!) path.push(step);
        path.push(to);
        return [from, ...path.reverse()];
      }
      queue.push(next);
    }
  }
  return null;
}

/** A loop in words for the refusal: "Branch Banking → Core banking → Network → Branch Banking". */
export function describeLoop(ids: readonly string[], nameOf: (id: string) => string): string {
  return ids.map(nameOf).join(" → ");
}

/* ---------- layout ---------- */

export const NODE_WIDTH = 176;
export const NODE_HEIGHT = 48;
/** Between boxes in a layer, and between layers. */
export const NODE_GAP = 24;
export const LAYER_GAP = 56;
/** A long dependency passes through the layers between its ends in a slot this wide. */
const PASSAGE_WIDTH = 12;
/** Room round the drawing for the arrow heads and the focus outline. */
const MARGIN = 8;
const SWEEPS = 8;

export interface Point {
  x: number;
  y: number;
}

/** A service placed on the map: (x, y) is the top left corner of its box. */
export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
  width: number;
  height: number;
  /** 0 at the top: services nothing (drawn) depends on. */
  layer: number;
}

/**
 * A dependency on the map: from the bottom of the dependent's box to the top of
 * its dependency's, through a passage in each layer it crosses. `points` has at
 * least two entries; draw it as a line (or curve) through them, arrow at the end.
 */
export interface PlacedEdge extends GraphEdge {
  points: Point[];
}

export interface GraphLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
  layers: number;
}

/**
 * The focus, everything it depends on (transitively) and everything that depends
 * on it (transitively), and the dependencies among them.
 */
export function neighbourhood(nodes: readonly GraphNode[], edges: readonly GraphEdge[], focus: string): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const reach = (next: Map<string, string[]>) => {
    const seen = new Set([focus]);
    const stack = [focus];
    while (stack.length) {
      for (const n of next.get(stack.pop()!) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        stack.push(n);
      }
    }
    return seen;
  };
  const down = dependenciesOf(edges);
  const up = dependenciesOf(edges.map((e) => ({ from: e.to, to: e.from })));
  const keep = new Set([...reach(down), ...reach(up)]);
  return { nodes: nodes.filter((n) => keep.has(n.id)), edges: edges.filter((e) => keep.has(e.from) && keep.has(e.to)) };
}

/** One slot in a layer: a service's box, or a passage for a dependency spanning several layers. */
interface Slot {
  key: string;
  node: GraphNode | null;
  width: number;
  /** Slots in the layer above and below joined to this one. */
  up: Slot[];
  down: Slot[];
  layer: number;
  x: number;
}

/**
 * A layered drawing of the dependency graph: consumers at the top, what they
 * depend on below. Each service sits one layer below the lowest service that
 * depends on it (longest-path layering), so every dependency points downwards;
 * within a layer the order comes from a few barycentre sweeps, kept at whichever
 * order crossed least. The result depends only on the nodes' ids and names and
 * the set of edges, not on the order they are given in.
 *
 * With `focus` (a service's id), only that service's neighbourhood is drawn
 * (see neighbourhood()); an unknown focus is ignored. Edges naming unknown
 * services and repeated edges are dropped; a self-dependency or a loop (which
 * cycleThrough keeps out of the data) is drawn without breaking the layout.
 */
export function layout(allNodes: readonly GraphNode[], allEdges: readonly GraphEdge[], { focus }: { focus?: string | null } = {}): GraphLayout {
  const known = new Map(allNodes.map((n) => [n.id, n]));
  const distinct = new Map<string, GraphEdge>();
  for (const e of allEdges) if (known.has(e.from) && known.has(e.to)) distinct.set(`${e.from}\u0000${e.to}`, { from: e.from, to: e.to });
  let nodes = [...known.values()];
  let edges = [...distinct.values()];
  if (focus && known.has(focus)) ({ nodes, edges } = neighbourhood(nodes, edges, focus));
  nodes.sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));
  edges.sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));
  if (!nodes.length) return { nodes: [], edges: [], width: 0, height: 0, layers: 0 };

  const layerOf = layers(nodes, edges);
  const layerCount = Math.max(...layerOf.values()) + 1;

  // Slots: the boxes, then a passage in every layer a dependency crosses.
  const grid: Slot[][] = Array.from({ length: layerCount }, () => []);
  const slotOf = new Map<string, Slot>();
  const slot = (key: string, node: GraphNode | null, layer: number): Slot => {
    const s: Slot = { key, node, width: node ? NODE_WIDTH : PASSAGE_WIDTH, up: [], down: [], layer, x: 0 };
    grid[layer]!.push(s);
    return s;
  };
  for (const n of nodes) slotOf.set(n.id, slot(n.id, n, layerOf.get(n.id)!));
  const routes = new Map<GraphEdge, Slot[]>();
  for (const e of edges) {
    const top = layerOf.get(e.from)!;
    const bottom = layerOf.get(e.to)!;
    if (bottom <= top) continue; // a loop: drawn as it is, not laid out
    const chain = [slotOf.get(e.from)!];
    for (let l = top + 1; l < bottom; l++) chain.push(slot(`${e.from}\u0000${e.to}\u0000${l}`, null, l));
    chain.push(slotOf.get(e.to)!);
    for (let i = 1; i < chain.length; i++) {
      chain[i - 1]!.down.push(chain[i]!);
      chain[i]!.up.push(chain[i - 1]!);
    }
    routes.set(e, chain);
  }

  const order = arrange(grid);
  place(order);
  const width = Math.max(...order.flat().map((s) => s.x + s.width)) + MARGIN;
  const height = layerCount * NODE_HEIGHT + (layerCount - 1) * LAYER_GAP + 2 * MARGIN;
  const yOf = (layer: number) => MARGIN + layer * (NODE_HEIGHT + LAYER_GAP);

  const placed: PlacedNode[] = order.flat().flatMap((s) =>
    s.node ? [{ ...s.node, x: s.x, y: yOf(s.layer), width: NODE_WIDTH, height: NODE_HEIGHT, layer: s.layer }] : [],
  );

  // Where each dependency leaves and arrives: spread along the box's edge in the order of the other ends.
  const ports = (s: Slot, others: Slot[], other: Slot) => {
    if (!s.node) return s.x + s.width / 2;
    const sorted = [...others].sort((a, b) => a.x - b.x || compare(a.key, b.key));
    const step = Math.min(16, NODE_WIDTH / (sorted.length + 1));
    return s.x + NODE_WIDTH / 2 + (sorted.indexOf(other) - (sorted.length - 1) / 2) * step;
  };
  const placedEdges: PlacedEdge[] = edges.map((e) => {
    const chain = routes.get(e);
    if (!chain) {
      // A loop: straight from the side of one box to the side of the other.
      const a = slotOf.get(e.from)!;
      const b = slotOf.get(e.to)!;
      return {
        ...e,
        points: [
          { x: a.x + NODE_WIDTH, y: yOf(a.layer) + NODE_HEIGHT / 2 },
          { x: b.x + NODE_WIDTH, y: yOf(b.layer) + NODE_HEIGHT / 3 },
        ],
      };
    }
    const points: Point[] = [];
    chain.forEach((s, i) => {
      const top = yOf(s.layer);
      if (i === 0) points.push({ x: ports(s, s.down, chain[1]!), y: top + NODE_HEIGHT });
      else if (i === chain.length - 1) points.push({ x: ports(s, s.up, chain[i - 1]!), y: top });
      else points.push({ x: s.x + s.width / 2, y: top }, { x: s.x + s.width / 2, y: top + NODE_HEIGHT });
    });
    return { ...e, points };
  });

  return { nodes: placed, edges: placedEdges, width, height, layers: layerCount };
}

/**
 * Longest-path layering from the top: a service nothing depends on is in layer 0,
 * any other one layer below the lowest service depending on it. Edges that close
 * a loop are left out (found by a depth-first search in a fixed order).
 */
function layers(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): Map<string, number> {
  const dependents = dependenciesOf(edges.map((e) => ({ from: e.to, to: e.from })));
  const layer = new Map<string, number>();
  const onPath = new Set<string>();
  const visit = (id: string): number => {
    const done = layer.get(id);
    if (done !== undefined) return done;
    onPath.add(id);
    let l = 0;
    for (const d of dependents.get(id) ?? []) if (!onPath.has(d)) l = Math.max(l, visit(d) + 1);
    onPath.delete(id);
    layer.set(id, l);
    return l;
  };
  for (const n of nodes) visit(n.id);
  return layer;
}

const rowWidth = (row: readonly Slot[]) => row.reduce((w, s) => w + s.width, 0) + Math.max(0, row.length - 1) * NODE_GAP;

/** Crossings between two adjacent layers' dependencies, for the order given. */
function crossings(upper: readonly Slot[], lower: readonly Slot[]): number {
  const at = new Map(lower.map((s, i) => [s, i]));
  const ends: number[] = [];
  for (const s of upper) ends.push(...s.down.map((d) => at.get(d)!).sort((a, b) => a - b));
  let count = 0;
  for (let i = 0; i < ends.length; i++) for (let j = i + 1; j < ends.length; j++) if (ends[j]! < ends[i]!) count++;
  return count;
}

const totalCrossings = (order: readonly Slot[][]) => order.slice(1).reduce((sum, row, i) => sum + crossings(order[i]!, row), 0);

/**
 * The order within each layer: sweep down (each slot to the mean position of
 * the slots above it joined to it), then up, a few times; keep the order with
 * fewest crossings. Slots with no neighbours on that side keep their place.
 */
function arrange(grid: Slot[][]): Slot[][] {
  let order = grid.map((row) => [...row]);
  let best = order.map((row) => [...row]);
  let fewest = totalCrossings(order);
  const reorder = (row: Slot[], neighbours: (s: Slot) => Slot[], positions: Map<Slot, number>) => {
    const keyed = row.map((s, i) => {
      const ns = neighbours(s);
      return { s, i, at: ns.length ? ns.reduce((sum, n) => sum + positions.get(n)!, 0) / ns.length : i };
    });
    keyed.sort((a, b) => a.at - b.at || a.i - b.i);
    return keyed.map((k) => k.s);
  };
  const positionsOf = (row: readonly Slot[]) => new Map(row.map((s, i) => [s, i]));
  for (let sweep = 0; sweep < SWEEPS && fewest > 0; sweep++) {
    const down = sweep % 2 === 0;
    const next = order.map((row) => [...row]);
    if (down) for (let l = 1; l < next.length; l++) next[l] = reorder(next[l]!, (s) => s.up, positionsOf(next[l - 1]!));
    else for (let l = next.length - 2; l >= 0; l--) next[l] = reorder(next[l]!, (s) => s.down, positionsOf(next[l + 1]!));
    order = next;
    const c = totalCrossings(order);
    if (c < fewest) {
      fewest = c;
      best = order.map((row) => [...row]);
    }
  }
  return best;
}

const centre = (s: Slot) => s.x + s.width / 2;
const PLACEMENT_ROUNDS = 4;

/**
 * Where each slot goes across: first each layer centred on the widest, then a
 * few rounds (down the layers, then up) in which each layer, keeping its order
 * and spacing, moves as close as it can to the mean position of the slots it
 * is joined to (least squares, solved by pooling adjacent violators). Long
 * dependencies straighten and a service sits near what it uses; whole numbers
 * keep the markup short. Everything is then moved to start at the margin.
 */
function place(order: Slot[][]) {
  const widest = Math.max(...order.map(rowWidth));
  for (const row of order) {
    let x = (widest - rowWidth(row)) / 2;
    for (const s of row) {
      s.x = x;
      x += s.width + NODE_GAP;
    }
  }
  const fitRow = (row: Slot[]) => {
    // Centre i sits at least offset[i] right of centre 0: with y = centre - offset, the order is y non-decreasing.
    const offset: number[] = [];
    row.forEach((s, i) => offset.push(i ? offset[i - 1]! + row[i - 1]!.width / 2 + NODE_GAP + s.width / 2 : 0));
    const blocks: { sum: number; n: number }[] = [];
    row.forEach((s, i) => {
      const joined = [...s.up, ...s.down];
      const wanted = joined.length ? joined.reduce((sum, n) => sum + centre(n), 0) / joined.length : centre(s);
      blocks.push({ sum: wanted - offset[i]!, n: 1 });
      for (let b = blocks.length - 1; b > 0 && blocks[b - 1]!.sum / blocks[b - 1]!.n > blocks[b]!.sum / blocks[b]!.n; b--) {
        blocks[b - 1]!.sum += blocks[b]!.sum;
        blocks[b - 1]!.n += blocks[b]!.n;
        blocks.pop();
      }
    });
    let i = 0;
    for (const b of blocks) for (let k = 0; k < b.n; k++, i++) row[i]!.x = b.sum / b.n + offset[i]! - row[i]!.width / 2;
  };
  for (let round = 0; round < PLACEMENT_ROUNDS; round++) {
    for (let l = 1; l < order.length; l++) fitRow(order[l]!);
    for (let l = order.length - 2; l >= 0; l--) fitRow(order[l]!);
  }
  const left = Math.min(...order.flat().map((s) => s.x));
  for (const row of order) {
    // Rounded from the left, so neighbours stay at least the gap apart.
    let previous = -Infinity;
    for (const s of row) {
      s.x = Math.max(Math.round(s.x - left + MARGIN), previous);
      previous = s.x + s.width + NODE_GAP;
    }
  }
}
