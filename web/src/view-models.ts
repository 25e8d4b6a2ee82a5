// The data pages are given: plain values, prepared by the API, rendered here without I/O.

/** A classification as pages show it. */
export interface ClassificationView {
  category: string;
  risk: string;
  factors: string[];
  confidence: number;
  rationale: string;
  evidence: { source: string; quote: string; effect: string; path?: string }[];
  classifierVersion: string;
}

/** A server as pages show it. */
export interface ServerView {
  id: string;
  title: string | null;
  description: string | null;
  toolCount: number;
  highestRisk: string | null;
}

/** A tool as pages show it. */
export interface ToolView {
  serverId: string;
  name: string;
  title: string | null;
  description: string | null;
  inputSchema: Record<string, unknown> | null;
  annotations: Record<string, unknown> | null;
  definitionHash: string;
  classification: ClassificationView | null;
}

/** Site-wide values every page needs. */
export interface SiteView {
  publicUrl: string;
}
