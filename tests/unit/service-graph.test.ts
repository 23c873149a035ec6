import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cycleThrough, describeLoop, layout, type GraphEdge, type GraphNode } from "../../app/domain/service-graph";

const e = (from: string, to: string): GraphEdge => ({ from, to });
const node = (id: string, kind: GraphNode["kind"] = "supporting", name = id): GraphNode => ({ id, name, kind, provider: kind === "supporting" ? "IT" : null });

/** A random DAG: services s0…s(n-1), each edge from the earlier to the later of two places in a shuffled order. */
const dagArb = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc
    .tuple(
      fc.shuffledSubarray(
        Array.from({ length: n }, (_, i) => i),
        { minLength: n, maxLength: n },
      ),
      fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n }),
      fc.array(fc.constantFrom("business" as const, "supporting" as const), { minLength: n, maxLength: n }),
      fc.array(fc.constantFrom("Network", "Desktop", "Core banking", "A"), { minLength: n, maxLength: n }),
    )
    .map(([order, pairs, kinds, names]) => {
      const nodes = order.map((i) => ({ id: `s${i}`, name: names[i]!, kind: kinds[i]! }));
      const edges = pairs.filter(([a, b]) => a !== b).map(([a, b]) => e(`s${order[Math.min(a, b)]}`, `s${order[Math.max(a, b)]}`));
      return { nodes, edges };
    }),
);

/** Every id reachable from `start` along `next` (start included). */
function reach(edges: readonly GraphEdge[], start: string, forward: boolean) {
  const seen = new Set([start]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const { from, to } of edges) {
      const [a, b] = forward ? [from, to] : [to, from];
      if (seen.has(a) && !seen.has(b)) grew = !!seen.add(b);
    }
  }
  return seen;
}

describe("refusing loops", () => {
  const edges = [e("branch", "core"), e("core", "network"), e("core", "desktop"), e("network", "facilities")];

  it("finds a service depending on itself, and loops of two and three", () => {
    expect(cycleThrough(edges, "core", "core")).toEqual(["core", "core"]);
    expect(cycleThrough(edges, "network", "core")).toEqual(["network", "core", "network"]);
    expect(cycleThrough(edges, "network", "branch")).toEqual(["network", "branch", "core", "network"]);
    expect(cycleThrough(edges, "facilities", "branch")).toEqual(["facilities", "branch", "core", "network", "facilities"]);
  });

  it("allows what closes no loop, a dependency already there included", () => {
    expect(cycleThrough(edges, "branch", "facilities")).toBeNull();
    expect(cycleThrough(edges, "desktop", "network")).toBeNull();
    expect(cycleThrough(edges, "core", "network")).toBeNull();
    expect(cycleThrough([], "a", "b")).toBeNull();
  });

  it("names the shortest loop", () => {
    const two = [e("b", "c"), e("c", "d"), e("d", "a"), e("b", "a")];
    expect(cycleThrough(two, "a", "b")).toEqual(["a", "b", "a"]);
  });

  it("says the loop in words", () => {
    const names: Record<string, string> = { branch: "Branch Banking", core: "Core banking", network: "Network" };
    expect(describeLoop(["branch", "core", "network", "branch"], (id) => names[id]!)).toBe("Branch Banking → Core banking → Network → Branch Banking");
    expect(describeLoop(["core", "core"], (id) => names[id]!)).toBe("Core banking → Core banking");
  });

  it("on random DAGs: a dependency from earlier to later closes no loop; the reverse of a path returns that loop, made of real dependencies", () => {
    fc.assert(
      fc.property(dagArb, fc.nat(), fc.nat(), ({ nodes, edges }, i, j) => {
        const a = nodes[i % nodes.length]!.id;
        const b = nodes[j % nodes.length]!.id;
        const loop = cycleThrough(edges, a, b);
        if (a === b) {
          expect(loop).toEqual([a, a]);
          return;
        }
        if (!reach(edges, b, true).has(a)) {
          expect(loop).toBeNull();
          return;
        }
        expect(loop![0]).toBe(a);
        expect(loop!.at(-1)).toBe(a);
        expect(loop![1]).toBe(b);
        const withNew = [...edges, e(a, b)];
        for (let k = 1; k < loop!.length; k++) expect(withNew).toContainEqual(e(loop![k - 1]!, loop![k]!));
        expect(new Set(loop!.slice(1)).size).toBe(loop!.length - 1);
      }),
    );
  });
});

describe("laying out the map", () => {
  it("draws consumers on top and what they depend on below, a long dependency passing beside the layer between", () => {
    const nodes = [node("branch", "business", "Branch Banking"), node("core"), node("network"), node("phones")];
    const map = layout(nodes, [e("branch", "core"), e("core", "network"), e("branch", "network"), e("branch", "phones")]);
    const at = Object.fromEntries(map.nodes.map((n) => [n.id, n]));
    expect([at.branch!.layer, at.core!.layer, at.phones!.layer, at.network!.layer]).toEqual([0, 1, 1, 2]);
    expect(map.layers).toBe(3);
    const long = map.edges.find((x) => x.from === "branch" && x.to === "network")!;
    expect(long.points).toHaveLength(4);
    // The passage through layer 1 touches neither box in it.
    const passX = long.points[1]!.x;
    for (const n of [at.core!, at.phones!]) expect(passX < n.x || passX > n.x + n.width).toBe(true);
  });

  it("on random DAGs: keeps every service, puts every dependency strictly below its dependent, boxes apart and inside the drawing", () => {
    fc.assert(
      fc.property(dagArb, ({ nodes, edges }) => {
        const map = layout(nodes, edges);
        expect(map.nodes.map((n) => n.id).sort()).toEqual(nodes.map((n) => n.id).sort());
        const at = new Map(map.nodes.map((n) => [n.id, n]));
        const distinct = new Set(edges.map((x) => `${x.from}>${x.to}`));
        expect(map.edges).toHaveLength(distinct.size);
        for (const x of map.edges) {
          const from = at.get(x.from)!;
          const to = at.get(x.to)!;
          expect(to.layer).toBeGreaterThan(from.layer);
          expect(to.y).toBeGreaterThan(from.y + from.height);
          expect(x.points[0]!.y).toBe(from.y + from.height);
          expect(x.points.at(-1)!.y).toBe(to.y);
          expect(x.points.at(-1)!.x).toBeGreaterThanOrEqual(to.x);
          expect(x.points.at(-1)!.x).toBeLessThanOrEqual(to.x + to.width);
        }
        // A service nothing depends on is at the top; any other sits right below its lowest dependent.
        for (const n of map.nodes) {
          const above = map.edges.filter((x) => x.to === n.id).map((x) => at.get(x.from)!.layer);
          expect(n.layer).toBe(above.length ? Math.max(...above) + 1 : 0);
        }
        for (const a of map.nodes) {
          expect(a.x).toBeGreaterThanOrEqual(0);
          expect(a.x + a.width).toBeLessThanOrEqual(map.width);
          expect(a.y + a.height).toBeLessThanOrEqual(map.height);
          for (const b of map.nodes) if (a !== b && a.layer === b.layer) expect(a.x + a.width <= b.x || b.x + b.width <= a.x).toBe(true);
        }
      }),
    );
  });

  it("with a focus, keeps exactly the focus, what it depends on and what depends on it", () => {
    fc.assert(
      fc.property(dagArb, fc.nat(), ({ nodes, edges }, i) => {
        const focus = nodes[i % nodes.length]!.id;
        const map = layout(nodes, edges, { focus });
        const expected = new Set([...reach(edges, focus, true), ...reach(edges, focus, false)]);
        expect(new Set(map.nodes.map((n) => n.id))).toEqual(expected);
        expect(new Set(map.edges.map((x) => `${x.from}>${x.to}`))).toEqual(new Set(edges.filter((x) => expected.has(x.from) && expected.has(x.to)).map((x) => `${x.from}>${x.to}`)));
      }),
    );
  });

  it("gives the same drawing whatever order the services and dependencies come in", () => {
    fc.assert(
      fc.property(dagArb, fc.func(fc.integer()), ({ nodes, edges }, order) => {
        const shuffle = <T>(xs: T[]) => xs.map((x, k) => ({ x, k: order(JSON.stringify(x)) * 1000 + k })).sort((a, b) => a.k - b.k).map((y) => y.x);
        expect(layout(shuffle([...nodes]), shuffle([...edges]).reverse())).toEqual(layout(nodes, edges));
      }),
    );
  });

  it("does not hang on a loop that reached the data, drops unknown ends and repeats, and draws nothing for nothing", () => {
    const map = layout([node("a"), node("b")], [e("a", "b"), e("b", "a"), e("a", "a"), e("a", "b"), e("a", "gone")]);
    expect(map.nodes).toHaveLength(2);
    expect(map.edges).toHaveLength(3);
    expect(layout([], [])).toEqual({ nodes: [], edges: [], width: 0, height: 0, layers: 0 });
    expect(layout([node("a")], [], { focus: "missing" }).nodes).toHaveLength(1);
  });

  it("lays out a portfolio of a few hundred services quickly", () => {
    const nodes = Array.from({ length: 300 }, (_, i) => node(`n${String(i).padStart(3, "0")}`, i < 60 ? "business" : "supporting"));
    const edges: GraphEdge[] = [];
    for (let i = 0; i < 300; i++) for (const k of [7, 31, 97]) if (i + k < 300 && (i * k) % 3 !== 0) edges.push(e(nodes[i]!.id, nodes[i + k]!.id));
    const started = performance.now();
    const map = layout(nodes, edges);
    expect(map.nodes).toHaveLength(300);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
