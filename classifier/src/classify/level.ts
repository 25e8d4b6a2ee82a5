// The risk level (taxonomy.md, "Risk level"): the highest row that applies, from category and factors.
import type { RiskFactor, RiskLevel } from '../types.js';
import { RISK_FACTORS, RISK_LEVELS } from '../types.js';
import type { CategoryDecision } from './category.js';
import type { EvidenceLog } from './evidence.js';
import { type FactorSet, type Quote, rank, verbQuote } from './factors.js';
import type { ToolFacts } from './facts.js';

/** The level with the reasons that set it, for the rationale. */
export interface LevelDecision {
  risk: RiskLevel;
  factors: RiskFactor[];
  /** The reasons at the decided level, strongest first. */
  reasons: string[];
}

/** The quote that decided the category (the first evidence logged for it), for the floors that follow from it. */
function categoryQuote(decision: CategoryDecision, log: EvidenceLog): Quote | undefined {
  const item = log.items.find((evidence) => evidence.effect.startsWith(`${decision.category} (`));
  return item === undefined ? undefined : { source: item.source, quote: item.quote, path: item.path };
}

/** Adds the factors and floors that come from the category itself: Execute and code execution. */
export function categoryFloors(
  facts: ToolFacts,
  decision: CategoryDecision,
  set: FactorSet,
  log: EvidenceLog,
): void {
  const decidedBy = categoryQuote(decision, log);
  if (decision.category === 'Write') set.floor('Medium', 'a Write changes state', 'level.write');
  if (decision.category !== 'Execute') return;
  const kind = decision.executeKind;
  const page = facts.description.browserPage ?? facts.description.sandboxed;
  const runsCode = facts.description.executesCode;
  // A free-form query is judged as a query (below), even when its description also says "execute arbitrary".
  if (
    kind === 'code' ||
    kind === 'command' ||
    (runsCode !== undefined && kind !== 'query' && kind !== 'api')
  ) {
    const cited =
      decidedBy ??
      (runsCode !== undefined ? { source: 'description' as const, quote: runsCode.quote } : undefined);
    if (page !== undefined)
      set.add(
        'code_execution',
        'High',
        'runs code in a browser page or sandbox (High, not Critical)',
        'level.code-execution.contained',
        {
          source: 'description',
          quote: page.quote,
        },
      );
    else if (cited !== undefined && (kind === 'runnable' || kind === undefined) && facts.params.count > 0)
      // The schema is known and takes no code or command: it runs scripts defined elsewhere (a config), not the
      // caller's, so not arbitrary execution (taxonomy: other Execute is High).
      set.add(
        'code_execution',
        'High',
        'runs commands or scripts defined outside the call',
        'level.code-execution.defined',
        cited,
      );
    else if (cited !== undefined)
      set.add(
        'code_execution',
        'Critical',
        'runs code or commands on the host',
        'level.code-execution.host',
        cited,
      );
    return;
  }
  if (kind === 'computer' && decidedBy !== undefined) {
    set.add(
      'code_execution',
      'Critical',
      'an agent that controls a whole computer',
      'level.code-execution.computer-use',
      decidedBy,
    );
    return;
  }
  if (kind === 'scripts') {
    if (decidedBy !== undefined)
      set.add(
        'code_execution',
        'High',
        "runs a project's or package's own build or install scripts",
        'level.code-execution.scripts',
        decidedBy,
      );
    set.floor('High', 'an Execute runs what the arguments decide', 'level.execute');
    return;
  }
  if (kind === 'query') {
    // LABELLING: a free-form query the description keeps to reads, but the server does not enforce, is High.
    const readsOnly = facts.description.readOnlyQuery;
    if (readsOnly !== undefined)
      set.floor(
        'High',
        'a free-form query kept to reads but not enforced',
        'level.query.read-only-unenforced',
        {
          source: 'description',
          quote: readsOnly.quote,
        },
      );
    else set.floor('Critical', 'a free-form query that can modify the database', 'level.query.free-form');
    return;
  }
  set.floor('High', 'an Execute runs what the arguments decide', 'level.execute');
  const hostAccess = facts.params.hostAccess;
  if (kind === 'runnable' && hostAccess !== undefined) {
    set.add(
      'code_execution',
      'Critical',
      'runs a workload with a host mount or privileged mode',
      'level.code-execution.host-access',
      {
        source: 'parameter',
        quote: hostAccess.param.name,
        path: hostAccess.param.path,
      },
    );
  }
  const deletes = decision.verb?.kind === 'destroy';
  const deleting = verbQuote(decision);
  if (deletes && deleting !== undefined && kind === 'api')
    set.add(
      'destructive',
      'Critical',
      'a raw API call that deletes any resource',
      'level.destructive.raw-api-delete',
      deleting,
    );
  if (deletes && deleting !== undefined && set.has('infrastructure'))
    set.add(
      'destructive',
      'Critical',
      'destroys infrastructure',
      'level.destructive.infrastructure',
      deleting,
    );
}

/** Adds the suspicious-description factor: hidden instructions are always Critical. */
export function suspiciousFloor(facts: ToolFacts, set: FactorSet, log: EvidenceLog): void {
  const [first, ...others] = facts.suspicious;
  if (first === undefined) return;
  set.add(
    'suspicious_description',
    'Critical',
    `the description carries ${first.reason}`,
    'level.suspicious',
    {
      source: 'description',
      quote: first.quote,
    },
  );
  for (const hit of others.slice(0, 2))
    log.add(
      'description',
      hit.quote,
      `suspicious_description (${hit.reason})`,
      undefined,
      'level.suspicious',
    );
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
