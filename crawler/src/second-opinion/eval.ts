// `npm run eval -- --llm`: agreement with the labelled dev set with and without the second opinion, and what it cost.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Anthropic } from '@anthropic-ai/sdk';
import {
  type Category,
  type Classification,
  classifyTool,
  hashDefinition,
  RISK_LEVELS,
  type RiskLevel,
  readToolsDocument,
  type ServerContext,
  serverContextOf,
  type ToolDefinition,
} from '@toolrisk/classifier';
import type { Database } from '@toolrisk/db';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { mergeAnswer } from './apply.js';
import type { SecondOpinionSettings } from './client.js';
import { answersFor, type SecondOpinionMode } from './pass.js';
import { reasonToAsk } from './select.js';

/** One labelled tool of the dev set with its server context. */
export interface LabelledTool {
  server: string;
  tool: ToolDefinition;
  context: ServerContext;
  label: { category: Category; risk: RiskLevel };
}

const Label = Compile(
  Type.Object({ category: Type.Enum(['Read', 'Write', 'Execute']), risk: Type.Enum(RISK_LEVELS) }),
);
const LabelHolder = Compile(
  Type.Object({ tools: Type.Array(Type.Object({ label: Type.Optional(Type.Unknown()) })) }),
);

/** Reads every `*.json` labelled document in `dir` (classifier/eval/README.md); unusable entries are named. */
export function readLabelledSet(dir: string): { tools: LabelledTool[]; problems: string[] } {
  const tools: LabelledTool[] = [];
  const problems: string[] = [];
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch {
      problems.push(`${file}: not JSON`);
      continue;
    }
    const document = readToolsDocument(raw);
    const rawTools = LabelHolder.Check(raw) ? raw.tools : [];
    const definitions = document.entries.flatMap((entry) => (entry.tool === null ? [] : [entry.tool]));
    const context: ServerContext = serverContextOf(document.server, definitions);
    const server = document.server?.id ?? document.server?.name ?? file.replace(/\.json$/, '');
    for (const entry of document.entries) {
      const label: unknown = rawTools[entry.index]?.label;
      if (entry.tool === null || !Label.Check(label)) {
        problems.push(`${file} ${entry.path}: no usable tool or label`);
        continue;
      }
      tools.push({ server, tool: entry.tool, context, label });
    }
  }
  return { tools, problems };
}

/** Agreement with the labels: the headline figures of `npm run eval`. */
export interface Agreement {
  categoryAccuracy: number;
  riskExact: number;
  riskWithinOne: number;
  highCriticalRecall: number;
}

/** Measures verdicts against labels. */
export function measureAgreement(
  pairs: readonly { label: LabelledTool['label']; got: Classification }[],
): Agreement {
  const share = (count: number, of: number): number => (of === 0 ? 1 : count / of);
  const rank = (level: RiskLevel): number => RISK_LEVELS.indexOf(level);
  const isSerious = (level: RiskLevel): boolean => rank(level) >= rank('High');
  const serious = pairs.filter((pair) => isSerious(pair.label.risk));
  return {
    categoryAccuracy: share(
      pairs.filter((pair) => pair.label.category === pair.got.category).length,
      pairs.length,
    ),
    riskExact: share(pairs.filter((pair) => pair.label.risk === pair.got.risk).length, pairs.length),
    riskWithinOne: share(
      pairs.filter((pair) => Math.abs(rank(pair.label.risk) - rank(pair.got.risk)) <= 1).length,
      pairs.length,
    ),
    highCriticalRecall: share(serious.filter((pair) => isSerious(pair.got.risk)).length, serious.length),
  };
}

/** The LLM eval's figures: agreement both ways, the share of tools sent, and what the pass spent. */
export interface LlmEvalReport {
  tools: number;
  model: string;
  without: Agreement;
  with: Agreement;
  sent: number;
  asked: number;
  cacheHits: number;
  changed: number;
  fellBack: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** Classifies the set, sends the hard cases to the model (cached in `db`), and measures both verdicts. */
export async function evaluateSecondOpinion(
  db: Database,
  settings: SecondOpinionSettings,
  labelled: readonly LabelledTool[],
  options: { mode: SecondOpinionMode; client?: Anthropic },
): Promise<LlmEvalReport> {
  const scored = labelled.map((item) => {
    const got = classifyTool(item.tool, item.context);
    return {
      item,
      got,
      key: hashDefinition(item.tool),
      reason: reasonToAsk(got, settings.confidenceThreshold),
    };
  });
  const sent = scored.filter((entry) => entry.reason !== null);
  const requests = sent.map((entry) => ({
    key: entry.key,
    tool: entry.item.tool,
    context: entry.item.context,
  }));
  const { answers, asked, cacheHits } = await answersFor(db, settings, requests, options);
  let changed = 0;
  let fellBack = 0;
  const after = scored.map((entry) => {
    const answer = entry.reason === null ? undefined : answers.get(entry.key);
    if (answer === undefined) return { label: entry.item.label, got: entry.got };
    const merged = mergeAnswer({ tool: entry.item.tool, deterministic: entry.got }, answer, settings.model);
    const { status } = merged.record;
    if (status === 'applied' || status === 'partly_applied') changed++;
    if (status === 'failed' || status === 'refused') fellBack++;
    return { label: entry.item.label, got: merged.classification };
  });
  const spent = [...answers.values()];
  return {
    tools: scored.length,
    model: settings.model,
    without: measureAgreement(scored.map((entry) => ({ label: entry.item.label, got: entry.got }))),
    with: measureAgreement(after),
    sent: sent.length,
    asked,
    cacheHits,
    changed,
    fellBack,
    inputTokens: spent.reduce((sum, answer) => sum + answer.inputTokens, 0),
    outputTokens: spent.reduce((sum, answer) => sum + answer.outputTokens, 0),
    costUsd: spent.reduce((sum, answer) => sum + answer.costUsd, 0),
  };
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** Renders the LLM eval as text, deterministic and merged figures side by side. */
export function formatLlmEval(report: LlmEvalReport): string {
  const row = (name: string, key: keyof Agreement): string =>
    `  ${name.padEnd(24)}${percent(report.without[key]).padStart(10)}${percent(report.with[key]).padStart(12)}`;
  return [
    `second opinion (${report.model}) on ${report.tools} labelled tools`,
    `  ${''.padEnd(24)}${'rules'.padStart(10)}${'with model'.padStart(12)}`,
    row('category accuracy', 'categoryAccuracy'),
    row('risk exact', 'riskExact'),
    row('risk within one level', 'riskWithinOne'),
    row('High+Critical recall', 'highCriticalRecall'),
    '',
    `sent to the model:       ${report.sent}/${report.tools} (${percent(report.tools === 0 ? 0 : report.sent / report.tools)})`,
    `asked now / cached:      ${report.asked} / ${report.cacheHits}`,
    `changed by the model:    ${report.changed}; fell back to the rules: ${report.fellBack}`,
    `tokens used (this run):  ${report.inputTokens} in, ${report.outputTokens} out (~$${report.costUsd.toFixed(4)})`,
    '',
  ].join('\n');
}
