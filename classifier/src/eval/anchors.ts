// `npm run eval -- --anchors`: agreement with another catalogue's labels (eval/anchors/), reported, never tuned to.
// The anchor rows carry a five-class label (Read, Write, Execute, Destructive, Financial) and a level derived from
// it, but no schema: the classifier sees each tool's name and description, and its server's other anchor rows as
// siblings. This module does I/O (node:fs) and lives under eval/, outside the pure classifier core.
import { readFileSync } from 'node:fs';
import { classifyTool } from '../classify.js';
import type { Classification, FiveClass, RiskLevel, ServerContext, ToolDefinition } from '../types.js';
import { RISK_LEVELS } from '../types.js';

const FIVE_CLASSES: readonly FiveClass[] = ['Read', 'Write', 'Execute', 'Destructive', 'Financial'];

/** One labelled anchor row, as read from the JSONL file. */
export interface AnchorRow {
  server: string;
  serverName?: string;
  tool: string;
  description: string;
  fiveClass: FiveClass;
  risk: RiskLevel;
}

/** One anchor row with the classifier's verdict. */
export interface ScoredAnchor {
  row: AnchorRow;
  got: Classification;
}

/** A (theirs → ours) disagreement class with its size and a few example tools. */
export interface DisagreementClass {
  theirs: FiveClass;
  ours: FiveClass;
  count: number;
  examples: string[];
}

/** Every figure `npm run eval -- --anchors` reports. */
export interface AnchorReport {
  rows: number;
  skipped: number;
  servers: number;
  /** Rows (theirs) × classifier (ours), five-class. */
  confusion: Record<FiveClass, Record<FiveClass, number>>;
  fiveClassAgreement: number;
  /** Read vs not Read: the one call both taxonomies make the same way. */
  changesAgreement: number;
  /** Their Write/Execute/Destructive/Financial rows that the classifier calls Read. */
  underClassification: { rate: number; count: number; of: number };
  riskExact: number;
  riskWithinOne: number;
  disagreements: DisagreementClass[];
}

/** Reads the JSONL anchors; rows without a usable five-class label (their "Other") are counted as skipped. */
export function readAnchors(text: string): { rows: AnchorRow[]; skipped: number } {
  const rows: AnchorRow[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      skipped += 1;
      continue;
    }
    const row = toRow(raw);
    if (row === undefined) skipped += 1;
    else rows.push(row);
  }
  return { rows, skipped };
}

function toRow(raw: unknown): AnchorRow | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const value = raw as Record<string, unknown>;
  const fiveClass = FIVE_CLASSES.find((name) => name === value.category);
  const risk = RISK_LEVELS.find((level) => level === value.risk);
  if (typeof value.server !== 'string' || typeof value.tool !== 'string') return undefined;
  if (fiveClass === undefined || risk === undefined) return undefined;
  const row: AnchorRow = {
    server: value.server,
    tool: value.tool,
    description: typeof value.description === 'string' ? value.description : '',
    fiveClass,
    risk,
  };
  if (typeof value.server_name === 'string') row.serverName = value.server_name;
  return row;
}

/** Classifies every anchor row with its server's rows as siblings; labels are read here only. */
export function scoreAnchors(rows: readonly AnchorRow[]): ScoredAnchor[] {
  const byServer = new Map<string, AnchorRow[]>();
  for (const row of rows) {
    const list = byServer.get(row.server);
    if (list === undefined) byServer.set(row.server, [row]);
    else list.push(row);
  }
  const scored: ScoredAnchor[] = [];
  for (const [server, serverRows] of byServer) {
    const tools: ToolDefinition[] = serverRows.map((row) => {
      const tool: ToolDefinition = { name: row.tool };
      if (row.description !== '') tool.description = row.description;
      return tool;
    });
    const context: ServerContext = { name: serverRows[0]?.serverName ?? server, siblings: tools };
    serverRows.forEach((row, index) => {
      scored.push({ row, got: classifyTool(tools[index] ?? { name: row.tool }, context) });
    });
  }
  return scored;
}

/** Computes the agreement report. */
export function measureAnchors(scored: readonly ScoredAnchor[], skipped: number): AnchorReport {
  const confusion = Object.fromEntries(
    FIVE_CLASSES.map((theirs) => [theirs, Object.fromEntries(FIVE_CLASSES.map((ours) => [ours, 0]))]),
  ) as Record<FiveClass, Record<FiveClass, number>>;
  const examples = new Map<string, string[]>();
  let same = 0;
  let sameChanges = 0;
  let changing = 0;
  let under = 0;
  let exact = 0;
  let withinOne = 0;
  for (const { row, got } of scored) {
    confusion[row.fiveClass][got.fiveClass] += 1;
    if (row.fiveClass === got.fiveClass) same += 1;
    else {
      const key = `${row.fiveClass}→${got.fiveClass}`;
      const list = examples.get(key) ?? [];
      if (list.length < 6) list.push(`${row.server} ${row.tool} (ours ${got.category}/${got.risk})`);
      examples.set(key, list);
    }
    const theirsChanges = row.fiveClass !== 'Read';
    if ((got.category !== 'Read') === theirsChanges) sameChanges += 1;
    if (theirsChanges) {
      changing += 1;
      if (got.category === 'Read') under += 1;
    }
    const distance = Math.abs(RISK_LEVELS.indexOf(row.risk) - RISK_LEVELS.indexOf(got.risk));
    if (distance === 0) exact += 1;
    if (distance <= 1) withinOne += 1;
  }
  const disagreements: DisagreementClass[] = [];
  for (const theirs of FIVE_CLASSES) {
    for (const ours of FIVE_CLASSES) {
      const count = confusion[theirs][ours];
      if (theirs !== ours && count > 0)
        disagreements.push({ theirs, ours, count, examples: examples.get(`${theirs}→${ours}`) ?? [] });
    }
  }
  disagreements.sort((a, b) => b.count - a.count);
  const total = scored.length;
  const share = (count: number, of: number): number => (of === 0 ? 1 : count / of);
  return {
    rows: total,
    skipped,
    servers: new Set(scored.map((item) => item.row.server)).size,
    confusion,
    fiveClassAgreement: share(same, total),
    changesAgreement: share(sameChanges, total),
    underClassification: { rate: share(under, changing), count: under, of: changing },
    riskExact: share(exact, total),
    riskWithinOne: share(withinOne, total),
    disagreements,
  };
}

/** Reads, classifies and measures an anchors file. */
export function evaluateAnchors(file: string): AnchorReport {
  const { rows, skipped } = readAnchors(readFileSync(file, 'utf8'));
  return measureAnchors(scoreAnchors(rows), skipped);
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** Renders the anchors report as text, biggest disagreement classes last. */
export function formatAnchorReport(report: AnchorReport, file: string): string {
  const lines = [
    `anchors: ${report.rows} labelled rows from ${report.servers} servers in ${file} (${report.skipped} without a five-class label skipped)`,
    'Their labels follow another taxonomy (risk derived from the class: Read Low, Write Medium, Execute High,',
    'Destructive and Financial Critical): this is agreement, not accuracy.',
    '',
    'five-class confusion (rows = theirs, columns = ours):',
    `  ${''.padEnd(12)}${FIVE_CLASSES.map((name) => name.padStart(12)).join('')}`,
  ];
  for (const theirs of FIVE_CLASSES) {
    lines.push(
      `  ${theirs.padEnd(12)}${FIVE_CLASSES.map((ours) => String(report.confusion[theirs][ours]).padStart(12)).join('')}`,
    );
  }
  lines.push(
    '',
    `five-class agreement:      ${percent(report.fiveClassAgreement)}`,
    `Read vs changes agreement: ${percent(report.changesAgreement)}`,
    `under-classification:      ${percent(report.underClassification.rate)} (${report.underClassification.count}/${report.underClassification.of} of their non-Read rows called Read)`,
    `risk exact:                ${percent(report.riskExact)}`,
    `risk within one level:     ${percent(report.riskWithinOne)}`,
    '',
    'biggest disagreement classes (theirs → ours):',
  );
  for (const item of report.disagreements.slice(0, 10)) {
    lines.push(`  ${item.theirs} → ${item.ours}: ${item.count}`);
    for (const example of item.examples) lines.push(`      ${example}`);
  }
  return `${lines.join('\n')}\n`;
}
