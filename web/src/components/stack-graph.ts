// A checked stack drawn as an inline SVG graph: one node per server, one edge per leg of a toxic flow, coloured by severity.
import type { RiskLevel } from '@toolrisk/classifier';
import { riskRank } from '@toolrisk/classifier';
import { html, type SafeHtml } from '../html.js';
import type { StackFlowView, StackServerView } from '../view-models.js';
import { riskClass } from './risk-badge.js';

const NODE_RADIUS = 24;
/** Room left around the ring for the labels beside each node. */
const LABEL_ROOM_X = 230;
const LABEL_ROOM_Y = 64;
const LABEL_CHARS = 24;

/** One drawn edge: every flow leg between two servers of one kind, at the highest severity among them. */
interface Edge {
  from: string;
  to: string;
  /** `data`: private data carried to the sink; `steer`: a stranger's text reaching the tool that acts. */
  kind: 'data' | 'steer';
  severity: RiskLevel;
  flows: string[];
}

interface Point {
  x: number;
  y: number;
}

function nodeKey(stack: string, server: string): string {
  return `${stack}\u0000${server}`;
}

function shorten(text: string, chars = LABEL_CHARS): string {
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

function edgesOf(flows: readonly StackFlowView[]): Edge[] {
  const byKey = new Map<string, Edge>();
  const add = (from: string, to: string, kind: Edge['kind'], flow: StackFlowView) => {
    const key = `${from}\u0001${to}\u0001${kind}`;
    const edge = byKey.get(key) ?? { from, to, kind, severity: flow.severity, flows: [] };
    if (riskRank(flow.severity) > riskRank(edge.severity)) edge.severity = flow.severity;
    edge.flows.push(`${flow.severity} ${flow.kind.replace(/_/g, ' ')}: ${flow.summary}`);
    byKey.set(key, edge);
  };
  for (const flow of flows) {
    const sink = nodeKey(flow.stack, flow.sink.server);
    add(nodeKey(flow.stack, flow.carrier.server), sink, 'steer', flow);
    if (flow.source) add(nodeKey(flow.stack, flow.source.server), sink, 'data', flow);
  }
  return [...byKey.values()].sort((a, b) => riskRank(a.severity) - riskRank(b.severity));
}

/** The positions of the nodes on a ring (one node in the middle), in server order. */
function ringLayout(count: number): { points: Point[]; radius: number } {
  if (count === 1) return { points: [{ x: 0, y: 0 }], radius: 0 };
  const radius = Math.max(110, Math.round((count * (NODE_RADIUS * 2 + 30)) / (2 * Math.PI)));
  const points = Array.from({ length: count }, (_, index) => {
    const angle = -Math.PI / 2 + (index * 2 * Math.PI) / count;
    return { x: Math.round(radius * Math.cos(angle)), y: Math.round(radius * Math.sin(angle)) };
  });
  return { points, radius };
}

/** A curved edge from one node's rim to another's, bent to one side so the two directions never overlap. */
function edgePath(a: Point, b: Point): string {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  const bend = Math.min(60, length / 4);
  const control = { x: (a.x + b.x) / 2 - (dy / length) * bend, y: (a.y + b.y) / 2 + (dx / length) * bend };
  const trim = (from: Point, to: Point, by: number): Point => {
    const d = Math.hypot(to.x - from.x, to.y - from.y) || 1;
    return { x: from.x + ((to.x - from.x) / d) * by, y: from.y + ((to.y - from.y) / d) * by };
  };
  const start = trim(a, control, NODE_RADIUS + 2);
  const end = trim(b, control, NODE_RADIUS + 6);
  const f = (value: number) => value.toFixed(1);
  return `M${f(start.x)},${f(start.y)} Q${f(control.x)},${f(control.y)} ${f(end.x)},${f(end.y)}`;
}

/** A loop outside a node, for a leg whose two tools sit on the same server. */
function loopPath(p: Point, kind: Edge['kind']): string {
  const length = Math.hypot(p.x, p.y);
  const out = length === 0 ? { x: 0, y: -1 } : { x: p.x / length, y: p.y / length };
  const turn = kind === 'data' ? 0.5 : -0.5;
  const side = { x: -out.y, y: out.x };
  const at = (along: number, across: number) => ({
    x: p.x + out.x * along + side.x * across,
    y: p.y + out.y * along + side.y * across,
  });
  const start = at(NODE_RADIUS * 0.8, NODE_RADIUS * 0.6 * Math.sign(turn));
  const end = at(NODE_RADIUS * 0.9, -NODE_RADIUS * 0.6 * Math.sign(turn));
  const c1 = at(NODE_RADIUS * 3, NODE_RADIUS * 1.6 * Math.sign(turn));
  const c2 = at(NODE_RADIUS * 3, -NODE_RADIUS * 1.6 * Math.sign(turn));
  const f = (value: number) => value.toFixed(1);
  return `M${f(start.x)},${f(start.y)} C${f(c1.x)},${f(c1.y)} ${f(c2.x)},${f(c2.y)} ${f(end.x)},${f(end.y)}`;
}

const ROLE_WORDS: Record<string, string> = {
  private_source: 'private',
  untrusted_source: 'untrusted',
  external_sink: 'sink',
  effect: 'acts',
};

/** The stack as a graph: servers on a ring, each flow's legs as arrows into its sink (solid: data; dashed: instructions). */
export function stackGraph(
  servers: readonly StackServerView[],
  flows: readonly StackFlowView[],
  options: { id: string; rolesByServer: ReadonlyMap<string, readonly string[]> },
): SafeHtml {
  const shown = servers.filter((server) => server.toolCount > 0 || server.match.status !== 'disabled');
  const groups = new Set(shown.map((server) => server.stack));
  const { points, radius } = ringLayout(shown.length);
  const position = new Map(shown.map((server, index) => [nodeKey(server.stack, server.name), points[index]]));
  const inFlows = new Set(
    flows.flatMap((flow) =>
      [flow.source?.server, flow.carrier.server, flow.sink.server].flatMap((name) =>
        name === undefined ? [] : [nodeKey(flow.stack, name)],
      ),
    ),
  );
  const edges = edgesOf(flows);
  const half = radius + NODE_RADIUS;
  const width = 2 * (half + LABEL_ROOM_X);
  const height = 2 * (half + LABEL_ROOM_Y);
  const description =
    flows.length === 0
      ? `${shown.length} servers and no toxic flow between them.`
      : `${shown.length} servers. ${edges
          .map((edge) => {
            const from = edge.from.split('\u0000')[1];
            const to = edge.to.split('\u0000')[1];
            return `${from} to ${to}: ${edge.kind === 'data' ? 'private data sent out' : 'untrusted instructions'} (${edge.severity})`;
          })
          .join('; ')}.`;
  const markers = ['low', 'medium', 'high', 'critical'].map(
    (level) =>
      html`<marker id="${options.id}-arrow-${level}" class="flow-${level}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"></path></marker>`,
  );
  const edgeMarks = edges.map((edge) => {
    const a = position.get(edge.from);
    const b = position.get(edge.to);
    if (!a || !b) return html``;
    const level = riskClass(edge.severity);
    const d = edge.from === edge.to ? loopPath(a, edge.kind) : edgePath(a, b);
    return html`<g class="flow-edge flow-${level} flow-${edge.kind}" data-from="${edge.from.split('\u0000')[1]}" data-to="${edge.to.split('\u0000')[1]}"><title>${edge.flows.join('\n')}</title><path d="${d}" marker-end="url(#${options.id}-arrow-${level})"></path></g>`;
  });
  const nodeMarks = shown.map((server) => {
    const key = nodeKey(server.stack, server.name);
    const p = position.get(key) ?? { x: 0, y: 0 };
    const isRight = p.x > 1 || (p.x >= -1 && shown.length === 1);
    const isMiddle = Math.abs(p.x) <= 1 && shown.length > 1;
    const anchor = isMiddle ? 'middle' : isRight ? 'start' : 'end';
    const labelX = isMiddle ? p.x : p.x + (isRight ? NODE_RADIUS + 8 : -(NODE_RADIUS + 8));
    const labelY = isMiddle ? p.y + (p.y < 0 ? -(NODE_RADIUS + 24) : NODE_RADIUS + 18) : p.y - 2;
    const roles = (options.rolesByServer.get(key) ?? []).map((role) => ROLE_WORDS[role] ?? role);
    const label = groups.size > 1 ? `${server.name} (${server.stack})` : server.name;
    return html`<g class="stack-node risk-${riskClass(server.highestRisk)}${inFlows.has(key) ? ' in-flow' : ''}" data-server="${server.name}">
<title>${label}: ${server.toolCount} tools, highest risk ${server.highestRisk ?? 'none'}${roles.length > 0 ? `; ${roles.join(', ')}` : ''}</title>
<circle cx="${p.x}" cy="${p.y}" r="${NODE_RADIUS}"></circle>
<text x="${p.x}" y="${p.y + 5}" text-anchor="middle" class="node-count">${server.toolCount}</text>
<text x="${labelX}" y="${labelY}" text-anchor="${anchor}" class="node-label">${shorten(label)}</text>
<text x="${labelX}" y="${labelY + 16}" text-anchor="${anchor}" class="node-roles">${shorten(roles.join(' · '), 36)}</text>
</g>`;
  });
  return html`<figure class="stack-graph-figure">
<svg viewBox="${-width / 2} ${-height / 2} ${width} ${height}" role="img" aria-labelledby="${options.id}-title ${options.id}-desc" class="stack-graph">
<title id="${options.id}-title">The stack's servers and the toxic flows between them</title>
<desc id="${options.id}-desc">${description}</desc>
<defs>${markers}</defs>
${edgeMarks}
${nodeMarks}
</svg>
<figcaption>Each circle is a server (its number: tools; its colour: its riskiest tool; under its name, what its tools can do in a flow: read private data, read untrusted content, be a sink that sends data out, or act by destroying data or running code). An arrow ends at the tool that sends data out or acts: solid from the server whose private data it would carry, dashed from the server whose untrusted content would instruct it; its colour is the flow's severity.</figcaption>
</figure>`;
}
