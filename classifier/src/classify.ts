// The classifier's entry point: one tool definition and its server in, one Classification out. Pure and synchronous.
import type {
  Category,
  Classification,
  FiveClass,
  RiskFactor,
  RiskLevel,
  ServerContext,
  ServerSummary,
  ToolDefinition,
} from './types.js';
import { RISK_LEVELS } from './types.js';

/** The version stamped on every classification; bump it when outputs can change. */
export const CLASSIFIER_VERSION = '0.1.0';

/** Classifies one tool definition (taxonomy.md) using its server as context. */
export function classifyTool(tool: ToolDefinition, _context?: ServerContext): Classification {
  const name = typeof tool.name === 'string' ? tool.name : '';
  const category: Category = /delete|create|update|write|send/i.test(name) ? 'Write' : 'Read';
  const risk: RiskLevel = category === 'Write' ? 'Medium' : 'Low';
  const factors: RiskFactor[] = [];
  return {
    category,
    risk,
    factors,
    confidence: 0.3,
    rationale: 'Preliminary classifier.',
    evidence: [],
    fiveClass: toFiveClass(category, factors),
    classifierVersion: CLASSIFIER_VERSION,
  };
}

/** Derives the five-class view: Financial and Destructive take precedence over the category. */
export function toFiveClass(category: Category, factors: readonly RiskFactor[]): FiveClass {
  if (factors.includes('financial')) return 'Financial';
  if (factors.includes('destructive')) return 'Destructive';
  return category;
}

/** Counts one server's classified tools by category and risk and names those that can modify or destroy. */
export function summarizeServer(tools: { name: string; classification: Classification }[]): ServerSummary {
  const byCategory: Record<Category, number> = { Read: 0, Write: 0, Execute: 0 };
  const byRisk: Record<RiskLevel, number> = { Low: 0, Medium: 0, High: 0, Critical: 0 };
  let highest = -1;
  const canModify: string[] = [];
  const canDestroy: string[] = [];
  for (const { name, classification } of tools) {
    byCategory[classification.category] += 1;
    byRisk[classification.risk] += 1;
    highest = Math.max(highest, RISK_LEVELS.indexOf(classification.risk));
    if (classification.category !== 'Read') canModify.push(name);
    if (classification.factors.includes('destructive')) canDestroy.push(name);
  }
  return {
    toolCount: tools.length,
    byCategory,
    byRisk,
    highestRisk: highest < 0 ? null : (RISK_LEVELS[highest] ?? null),
    canModify,
    canDestroy,
  };
}
