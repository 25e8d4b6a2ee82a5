// The OWASP MCP Top 10 as data: each risk's id, title and official page, so reports and pages can name and link it.
//
// Source: the OWASP project's repository, github.com/OWASP/www-project-mcp-top-10, README.md "Road Map" at commit
// 4774c5e (2026-04-14), list version v0.1 (beta, tab_top10.md); published at https://owasp.org/www-project-mcp-top-10/.
// Only ids, titles and page addresses are copied, never the project's prose (CC BY-NC-SA 4.0).
// Each page address is the site's address of the item's file under 2025/ (the file names hold an en dash, here
// percent-encoded as a URL parser writes it).

/** The list's name, as SARIF names its taxonomy. */
export const OWASP_MCP_TOP_10_NAME = 'OWASP MCP Top 10';
/** The list's version and date, as its repository states them. */
export const OWASP_MCP_TOP_10_VERSION = 'v0.1 (beta), 2026-04-14';
/** The project's official page. */
export const OWASP_MCP_TOP_10_URL = 'https://owasp.org/www-project-mcp-top-10/';

const PAGE = `${OWASP_MCP_TOP_10_URL}2025/`;
const DASH = '%E2%80%93';

/** The ten ids, in the list's order. */
export const OWASP_MCP_IDS = [
  'MCP01:2025',
  'MCP02:2025',
  'MCP03:2025',
  'MCP04:2025',
  'MCP05:2025',
  'MCP06:2025',
  'MCP07:2025',
  'MCP08:2025',
  'MCP09:2025',
  'MCP10:2025',
] as const;
/** One risk of the OWASP MCP Top 10 (`MCP05:2025`). */
export type OwaspMcpId = (typeof OWASP_MCP_IDS)[number];

/** One risk of the list: its id, its title and its official page. */
export interface OwaspMcpRisk {
  id: OwaspMcpId;
  title: string;
  url: string;
}

/** The ten risks, in the list's order. */
export const OWASP_MCP_TOP_10: readonly OwaspMcpRisk[] = [
  {
    id: 'MCP01:2025',
    title: 'Token Mismanagement & Secret Exposure',
    url: `${PAGE}MCP01-2025-Token-Mismanagement-and-Secret-Exposure`,
  },
  {
    id: 'MCP02:2025',
    title: 'Privilege Escalation via Scope Creep',
    url: `${PAGE}MCP02-2025${DASH}Privilege-Escalation-via-Scope-Creep`,
  },
  { id: 'MCP03:2025', title: 'Tool Poisoning', url: `${PAGE}MCP03-2025${DASH}Tool-Poisoning` },
  {
    id: 'MCP04:2025',
    title: 'Software Supply Chain Attacks & Dependency Tampering',
    url: `${PAGE}MCP04-2025${DASH}Software-Supply-Chain-Attacks&Dependency-Tampering`,
  },
  {
    id: 'MCP05:2025',
    title: 'Command Injection & Execution',
    url: `${PAGE}MCP05-2025${DASH}Command-Injection&Execution`,
  },
  {
    // The README's list names MCP06 so; the repository's page for it is now titled "Intent Flow Subversion", and the
    // README's link (…MCP06-2025–Prompt-InjectionviaContextual-Payloads) names no file of the repository, so the
    // address is that of the page the repository holds.
    id: 'MCP06:2025',
    title: 'Prompt Injection via Contextual Payloads',
    url: `${PAGE}MCP06-2025${DASH}Intent-Flow-Subversion`,
  },
  {
    id: 'MCP07:2025',
    title: 'Insufficient Authentication & Authorization',
    url: `${PAGE}MCP07-2025${DASH}Insufficient-Authentication&Authorization`,
  },
  {
    id: 'MCP08:2025',
    title: 'Lack of Audit and Telemetry',
    url: `${PAGE}MCP08-2025${DASH}Lack-of-Audit-and-Telemetry`,
  },
  { id: 'MCP09:2025', title: 'Shadow MCP Servers', url: `${PAGE}MCP09-2025${DASH}Shadow-MCP-Servers` },
  {
    id: 'MCP10:2025',
    title: 'Context Injection & Over-Sharing',
    url: `${PAGE}MCP10-2025${DASH}ContextInjection&OverSharing`,
  },
];

const BY_ID: ReadonlyMap<string, OwaspMcpRisk> = new Map(OWASP_MCP_TOP_10.map((risk) => [risk.id, risk]));

/** The risk of an id of the list. */
export function owaspRiskOf(id: OwaspMcpId): OwaspMcpRisk {
  const risk = BY_ID.get(id);
  if (risk === undefined) throw new Error(`${id} is not an OWASP MCP Top 10 id`);
  return risk;
}
