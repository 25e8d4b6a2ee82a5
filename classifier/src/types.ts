// The classifier's vocabulary, named as in taxonomy.md: what goes in and what comes out.

/** What the tool does to the world (taxonomy.md, "Category"). */
export type Category = 'Read' | 'Write' | 'Execute';

/** The ordered risk levels, lowest first. */
export const RISK_LEVELS = ['Low', 'Medium', 'High', 'Critical'] as const;
/** How much harm a call can do (taxonomy.md, "Risk level"). */
export type RiskLevel = (typeof RISK_LEVELS)[number];

const RANKS: ReadonlyMap<string, number> = new Map(RISK_LEVELS.map((level, rank) => [level, rank]));

/** The rank of a risk level (Low 0 … Critical 3); -1 for anything that is not a level (null, stored text). */
export function riskRank(level: string | null | undefined): number {
  return level == null ? -1 : (RANKS.get(level) ?? -1);
}

/** Every risk factor the taxonomy defines, in its order. */
export const RISK_FACTORS = [
  'destructive',
  'financial',
  'credentials',
  'privilege',
  'external_comm',
  'sensitive_read',
  'untrusted_content',
  'code_execution',
  'infrastructure',
  'bulk',
  'suspicious_description',
] as const;
/** One reason a tool is risky (taxonomy.md, "Risk factors"). */
export type RiskFactor = (typeof RISK_FACTORS)[number];

/** The five-class view other catalogues use, derived from category + factors. */
export type FiveClass = 'Read' | 'Write' | 'Execute' | 'Destructive' | 'Financial';

/** MCP tool annotations: hints from an untrusted author. */
export interface ToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** An MCP tool definition as a server announces it in `tools/list`. */
export interface ToolDefinition {
  name: string;
  title?: string;
  description?: string;
  /** JSON Schema of the arguments; untrusted, may be invalid or self-referencing. */
  inputSchema?: unknown;
  outputSchema?: unknown;
  annotations?: ToolAnnotations;
}

/** What is known of the server a tool belongs to. */
export interface ServerContext {
  name?: string;
  title?: string;
  description?: string;
  /** The other tools of the same server (names are enough; definitions help). */
  siblings?: readonly ToolDefinition[];
}

/** Where a piece of evidence was read from. */
export type EvidenceSource =
  | 'name'
  | 'title'
  | 'description'
  | 'parameter'
  | 'annotation'
  | 'sibling'
  | 'server';

/** One quoted observation from the definition and what it pushed the result towards. */
export interface Evidence {
  source: EvidenceSource;
  /** The quoted text (a name token, a phrase, a parameter name, an annotation). */
  quote: string;
  /** What it pushed: a category, a factor, a level, or lowered confidence. */
  effect: string;
  /** For parameters: the JSON path inside inputSchema. */
  path?: string;
  /** The id of the classifier rule that made this observation (`change.destructive.verb`), for `eval --diff`. */
  rule?: string;
}

/** The classifier's verdict on one tool definition. */
export interface Classification {
  category: Category;
  risk: RiskLevel;
  factors: RiskFactor[];
  confidence: number;
  rationale: string;
  evidence: Evidence[];
  /** The five-class view, for comparison with other catalogues. */
  fiveClass: FiveClass;
  classifierVersion: string;
}

/** Counts and highlights over one server's classified tools. */
export interface ServerSummary {
  toolCount: number;
  byCategory: Record<Category, number>;
  byRisk: Record<RiskLevel, number>;
  highestRisk: RiskLevel | null;
  /** Names of the tools that can modify or destroy (Write or Execute). */
  canModify: string[];
  /** Names of the tools with the destructive factor. */
  canDestroy: string[];
}
