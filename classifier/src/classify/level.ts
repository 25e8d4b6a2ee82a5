// The risk level (taxonomy.md, "Risk level"): the highest row that applies, from category and factors.
import type { RiskFactor, RiskLevel } from '../types.js';
import { RISK_FACTORS, RISK_LEVELS } from '../types.js';
import type { CategoryDecision } from './category.js';
import type { EvidenceLog } from './evidence.js';
import { type FactorSet, rank } from './factors.js';
import type { ToolFacts } from './facts.js';

/** The level with the reasons that set it, for the rationale. */
export interface LevelDecision {
  risk: RiskLevel;
  factors: RiskFactor[];
  /** The reasons at the decided level, strongest first. */
  reasons: string[];
}

/** Adds the factors and floors that come from the category itself: Execute and code execution. */
export function categoryFloors(
  facts: ToolFacts,
  decision: CategoryDecision,
  set: FactorSet,
  log: EvidenceLog,
): void {
  if (decision.category === 'Write') set.floor('Medium', 'a Write changes state');
  if (decision.category !== 'Execute') return;
  const kind = decision.executeKind;
  const inPage = facts.description.browserPage !== undefined || facts.description.sandboxed !== undefined;
  if (kind === 'code' || kind === 'command' || facts.description.executesCode !== undefined) {
    const onHost = !inPage;
    set.add(
      'code_execution',
      onHost ? 'Critical' : 'High',
      onHost ? 'runs code or commands on the host' : 'runs code in a browser page or sandbox',
    );
    if (inPage)
      log.add(
        'description',
        (facts.description.browserPage ?? facts.description.sandboxed)?.quote ?? '',
        'High, not Critical (runs in a page or sandbox)',
      );
    return;
  }
  if (kind === 'query') {
    set.floor('Critical', 'a free-form query that can modify the database');
    return;
  }
  set.floor('High', 'an Execute runs what the arguments decide');
  const deletes = decision.verb?.kind === 'destroy';
  if (deletes && kind === 'api')
    set.add('destructive', 'Critical', 'a raw API call that deletes any resource');
  if (deletes && set.has('infrastructure')) set.add('destructive', 'Critical', 'destroys infrastructure');
}

/** Adds the suspicious-description factor: hidden instructions are always Critical. */
export function suspiciousFloor(facts: ToolFacts, set: FactorSet, log: EvidenceLog): void {
  const [first] = facts.suspicious;
  if (first === undefined) return;
  set.add('suspicious_description', 'Critical', `the description carries ${first.reason} ("${first.quote}")`);
  for (const hit of facts.suspicious.slice(0, 3))
    log.add('description', hit.quote, `suspicious_description (${hit.reason})`);
}

/** The highest level any factor or floor reaches, and the factors in taxonomy order. */
export function decideLevel(set: FactorSet): LevelDecision {
  let level = 0;
  const candidates: { level: number; why: string }[] = [];
  for (const reason of set.reasons.values())
    candidates.push({ level: rank(reason.level), why: `${reason.factor}: ${reason.why}` });
  for (const floor of set.floors) candidates.push({ level: rank(floor.level), why: floor.why });
  for (const candidate of candidates) level = Math.max(level, candidate.level);
  const reasons = candidates
    .filter((candidate) => candidate.level === level && level > 0)
    .map((candidate) => candidate.why);
  const factors = RISK_FACTORS.filter((factor) => set.has(factor));
  return { risk: RISK_LEVELS[level] ?? 'Low', factors, reasons };
}
