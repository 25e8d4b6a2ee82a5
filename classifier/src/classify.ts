// The classifier's entry point: one tool definition and its server in, one Classification out. Pure and synchronous.

import { findConflicts } from './classify/annotations.js';
import { decideCategory } from './classify/category.js';
import { scoreConfidence } from './classify/confidence.js';
import { EvidenceLog } from './classify/evidence.js';
import { changeFactors, FactorSet, readFactors } from './classify/factors.js';
import { gatherFacts } from './classify/facts.js';
import { categoryFloors, decideLevel, suspiciousFloor } from './classify/level.js';
import { writeRationale } from './classify/rationale.js';
import { MAX_DESCRIPTION_CHARS } from './document.js';
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
export const CLASSIFIER_VERSION = '1.5.0';

/** Classifies one tool definition (taxonomy.md) using its server as context. Never throws on odd input. */
export function classifyTool(tool: ToolDefinition, context?: ServerContext): Classification {
  const safeTool = sanitise(tool);
  const descriptionTooLong = (safeTool.description?.length ?? 0) > MAX_DESCRIPTION_CHARS;
  if (descriptionTooLong) safeTool.description = safeTool.description?.slice(0, MAX_DESCRIPTION_CHARS);
  const facts = gatherFacts(safeTool, context);
  const log = new EvidenceLog();
  const decision = decideCategory(facts, log);
  const set = new FactorSet(log);
  suspiciousFloor(facts, set, log);
  if (decision.category === 'Read') readFactors(facts, decision, set);
  else changeFactors(facts, decision, set);
  categoryFloors(facts, decision, set, log);
  const level = decideLevel(set);
  const conflicts = findConflicts(facts.hints, decision.category, level.factors, decision.decidedBy);
  for (const conflict of conflicts)
    log.add(
      'annotation',
      conflict.hint,
      'lowered confidence (contradicts the definition)',
      undefined,
      'confidence.annotation-conflict',
    );
  const { confidence, lowering } = scoreConfidence(
    facts,
    decision,
    conflicts,
    descriptionTooLong,
    set.sources,
  );
  return {
    category: decision.category,
    risk: level.risk,
    factors: level.factors,
    confidence,
    rationale: writeRationale(decision, level, confidence, lowering),
    evidence: log.items,
    fiveClass: toFiveClass(decision.category, level.factors),
    classifierVersion: CLASSIFIER_VERSION,
  };
}

// Untrusted callers may hand over anything typed as a ToolDefinition; fields of the wrong type are treated as absent.
function sanitise(tool: ToolDefinition): ToolDefinition {
  const raw: Partial<ToolDefinition> = tool !== null && typeof tool === 'object' ? tool : {};
  const safe: ToolDefinition = { name: typeof raw.name === 'string' ? raw.name : '' };
  if (typeof raw.title === 'string') safe.title = raw.title;
  if (typeof raw.description === 'string') safe.description = raw.description;
  if (raw.inputSchema !== undefined) safe.inputSchema = raw.inputSchema;
  if (raw.annotations !== null && typeof raw.annotations === 'object') safe.annotations = raw.annotations;
  return safe;
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
