import { Link } from "@remix-run/react";
import { useId, useMemo } from "react";
import { layout, type GraphEdge, type GraphNode, type PlacedEdge, type PlacedNode, type Point } from "../../domain/service-graph";

/** Characters that fit on a box's lines at 13px and 11px (the box is 176 wide, text inset 10; bold names are wider). */
const NAME_CHARS = 20;
const KIND_CHARS = 26;

/** Shortened to `max` characters with an ellipsis; whole characters, so an emoji or accent is never split. */
function fit(text: string, max: number) {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("").trimEnd()}…`;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the box's second line says: the kind in words, a supporting service's provider, and whether it is the service in focus. */
function kindLine(n: GraphNode, isFocus: boolean) {
  if (n.kind === "business") return isFocus ? "Business (this one)" : "Business service";
  const line = n.provider ? `Supporting · ${n.provider}` : "Supporting service";
  return isFocus ? `${fit(line, KIND_CHARS - 11)} (this one)` : fit(line, KIND_CHARS);
}

function describe(n: GraphNode) {
  if (n.kind === "business") return `${n.name}, business service`;
  return n.provider ? `${n.name}, supporting service from ${n.provider}` : `${n.name}, supporting service`;
}

/** Through the points: a curve between layers (leaving and arriving upright), straight through a passage; a loop bulges to the right. */
function pathOf(points: readonly Point[]) {
  const [first, ...rest] = points;
  if (!first) return "";
  let d = `M${first.x},${first.y}`;
  let at = first;
  for (const p of rest) {
    if (p.y <= at.y) d += ` C${at.x + 48},${at.y} ${p.x + 48},${p.y} ${p.x},${p.y}`;
    else if (p.x === at.x) d += ` L${p.x},${p.y}`;
    else {
      const mid = (at.y + p.y) / 2;
      d += ` C${at.x},${mid} ${p.x},${mid} ${p.x},${p.y}`;
    }
    at = p;
  }
  return d;
}

/**
 * The service dependency map: every service as a box, business services at the
 * top and what they depend on below, an arrow from each service to each service
 * it depends on. With `focus`, only that service, what it depends on and what
 * depends on it, the service itself outlined. With `hrefOf`, each box links to
 * its service. The list after the map says the same in words, for those who
 * cannot see it (and for graphs too wide to read at a glance).
 */
export function DependencyMap({
  nodes,
  edges,
  focus,
  hrefOf,
}: {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
  focus?: string | null;
  hrefOf?: (id: string) => string;
}) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const map = useMemo(() => layout(nodes, edges, { focus }), [nodes, edges, focus]);
  if (!map.nodes.length) return <p className="muted">No services yet, so there are no dependencies to draw.</p>;

  const byId = new Map(map.nodes.map((n) => [n.id, n]));
  const focused = focus ? byId.get(focus) : undefined;
  const dependsOn = new Map<string, PlacedNode[]>();
  for (const e of map.edges) dependsOn.set(e.from, [...(dependsOn.get(e.from) ?? []), byId.get(e.to)!]);
  const inOrder = [...map.nodes].sort((a, b) => a.layer - b.layer || a.x - b.x);
  const services = count(map.nodes.length, "service", "services");
  const dependencies = count(map.edges.length, "dependency", "dependencies");
  const touchesFocus = (e: PlacedEdge) => !!focused && (e.from === focused.id || e.to === focused.id);

  const box = (n: PlacedNode) => {
    const isFocus = n.id === focused?.id;
    return (
      <g className={`service-map-node service-map-${n.kind}${isFocus ? " is-focus" : ""}`} transform={`translate(${n.x} ${n.y})`}>
        <title>{describe(n)}</title>
        <rect width={n.width} height={n.height} rx={n.kind === "business" ? 12 : 3} />
        <text x={10} y={20} className="service-map-name">
          {fit(n.name, NAME_CHARS)}
        </text>
        <text x={10} y={37} className="service-map-kind">
          {kindLine(n, isFocus)}
        </text>
      </g>
    );
  };
  // Boxes are links only where something can follow them: axe (and screen readers) treat
  // an image's content as presentation, so a map with links is a named group instead.
  const linked = !!hrefOf;

  return (
    <div className="service-map">
      <figure className="service-map-figure">
        {/* A wide map scrolls sideways: without links inside, the scroller itself takes the focus so a keyboard can scroll it. */}
        <div className="service-map-scroll" role="group" aria-label="Service map, scrolls sideways when wide" tabIndex={linked ? undefined : 0}>
          <svg
            viewBox={`0 0 ${map.width} ${map.height}`}
            width={map.width}
            height={map.height}
            role={linked ? "group" : "img"}
            aria-labelledby={`${id}-title`}
            aria-describedby={`${id}-desc`}
            className="service-map-svg"
          >
            <title id={`${id}-title`}>{focused ? `What ${focused.name} depends on, and what depends on it` : "Service dependency map"}</title>
            <desc id={`${id}-desc`}>
              {focused
                ? `${focused.name} with the services it depends on and the services that depend on it: ${services} and ${dependencies} in all.`
                : `${services} and ${dependencies}.`}{" "}
              Services that others depend on are drawn below them, and each arrow points from a service to a service it depends on. A list of the same dependencies follows the map.
            </desc>
            <defs>
              {["plain", "focus"].map((kind) => (
                <marker key={kind} id={`${id}-arrow-${kind}`} viewBox="0 0 10 10" refX={10} refY={5} markerWidth={9} markerHeight={9} markerUnits="userSpaceOnUse" orient="auto">
                  <path d="M0,0 L10,5 L0,10 z" className={`service-map-arrowhead${kind === "focus" ? " is-focus" : ""}`} />
                </marker>
              ))}
            </defs>
            {map.edges.map((e) => (
              <path
                key={`${e.from} ${e.to}`}
                d={pathOf(e.points)}
                className={`service-map-edge${touchesFocus(e) ? " is-focus" : ""}`}
                markerEnd={`url(#${id}-arrow-${touchesFocus(e) ? "focus" : "plain"})`}
              />
            ))}
            {map.nodes.map((n) =>
              hrefOf && n.id !== focused?.id ? (
                <a key={n.id} href={hrefOf(n.id)} aria-label={describe(n)} className="service-map-link">
                  {box(n)}
                </a>
              ) : (
                <g key={n.id}>{box(n)}</g>
              ),
            )}
          </svg>
        </div>
        <figcaption className="small muted">
          {focused ? `Only the services linked to ${focused.name} are shown; each one's other dependencies are on its own page. ` : ""}
          Arrows point from a service to what it depends on.{linked ? " Select a box to open its service." : ""}
        </figcaption>
      </figure>
      <details className="chart-table service-map-list">
        <summary>The dependencies as a list</summary>
        <ul>
          {inOrder.map((n) => {
            const deps = (dependsOn.get(n.id) ?? []).sort((a, b) => a.x - b.x);
            return (
              <li key={n.id}>
                {hrefOf && n.id !== focused?.id ? <Link to={hrefOf(n.id)}>{n.name}</Link> : <strong>{n.name}</strong>}
                <span className="muted">
                  {" "}
                  ({n.kind === "business" ? "business service" : n.provider ? `supporting service from ${n.provider}` : "supporting service"}
                  {n.id === focused?.id ? ", this service" : ""})
                </span>
                {deps.length ? `: depends on ${deps.map((d) => d.name).join(", ")}.` : ": depends on no other service here."}
              </li>
            );
          })}
        </ul>
      </details>
    </div>
  );
}
