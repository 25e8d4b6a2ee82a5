// SARIF 2.1.0 output: one result per tool at or above Medium, pointing at the tool's entry in the submitted document.
import { owaspOfFactor, owaspOfFactors } from '../owasp/mapping.js';
import { OWASP_SUPPORTED_TAXONOMY, owaspRelationships, owaspTaxa, owaspTaxonomy } from '../owasp/sarif.js';
import { type Category, RISK_FACTORS, RISK_LEVELS, type RiskFactor, type RiskLevel } from '../types.js';
import { presentClassifiedTool } from './classification-json.js';
import type { ClassifiedDocument, ClassifiedTool } from './classify-document.js';
import { locateJsonValues, type TextRegion } from './json-positions.js';

const SARIF_LEVEL: Record<RiskLevel, 'none' | 'note' | 'warning' | 'error'> = {
  Low: 'none',
  Medium: 'note',
  High: 'warning',
  Critical: 'error',
};

/** What a SARIF log needs besides the verdicts: the analysed file's URI and the JSON text that was read from it. */
export interface SarifSource {
  /** A URI reference for the file: relative (`tools.json`, resolved against `uriBaseId`) or absolute (`file:///…`). */
  uri: string;
  /** Set for a relative `uri`, e.g. `%SRCROOT%`. */
  uriBaseId?: string;
  /** The JSON text the document was parsed from, to point each result at its tool's entry. */
  text: string;
}

const INFORMATION_URI = 'https://github.com/toolrisk/toolrisk';
const TAXONOMY_URI = `${INFORMATION_URI}/blob/main/classifier/taxonomy.md`;

// The rules are the taxonomy's factors (a result's first factor) and, for a tool with none, its category.
const RULE_MEANING: Record<RiskFactor | Lowercase<Category>, string> = {
  destructive: 'can delete, overwrite or irreversibly change data, resources or history',
  financial: 'moves money, spends, refunds, changes billing or prices',
  credentials: 'reads or writes secrets, tokens, keys, passwords',
  privilege: 'changes who can access what: users, roles, permissions, sharing, invitations',
  external_comm: "sends content to people or systems outside the user's control",
  sensitive_read: 'returns private data: files, mail, messages, private repos, DB rows, PII, logs',
  untrusted_content: 'returns content written by third parties: a prompt-injection carrier',
  code_execution: 'runs code or shell commands (host, container, browser page, sandbox)',
  infrastructure: 'acts on cloud, cluster, network, DNS or deployment resources',
  bulk: 'acts on many items at once (bulk delete, broadcast, mass update)',
  suspicious_description: 'the description carries hidden instructions or exfiltration bait',
  read: 'returns information and changes nothing that outlives the call',
  write: "changes persistent state, or sends something on the user's behalf",
  execute: 'runs code, commands, queries or jobs whose effect the arguments decide',
};

function factorOf(id: string): RiskFactor | undefined {
  return RISK_FACTORS.find((factor) => factor === id);
}

function ruleOf(id: string) {
  const meaning = Object.entries(RULE_MEANING).find(([key]) => key === id)?.[1] ?? `tool risk: ${id}`;
  const isCategory = id === 'read' || id === 'write' || id === 'execute';
  const factor = factorOf(id);
  // A factor rule relates to the OWASP MCP Top 10 risks of its factor; a category names none.
  const relationships = factor === undefined ? [] : owaspRelationships(owaspOfFactor(factor));
  return {
    id,
    // SARIF1001: a name must differ from the id (case aside), so `destructive` is named `DestructiveTool`.
    name: `${id.replace(/(^|_)([a-z])/g, (_match, _sep: string, letter: string) => letter.toUpperCase())}Tool`,
    shortDescription: { text: `A tool that ${meaning}.` },
    fullDescription: {
      text: `The tool ${meaning} (${isCategory ? 'category' : 'risk factor'} \`${id}\` of the toolrisk taxonomy).`,
    },
    helpUri: `${TAXONOMY_URI}#${isCategory ? 'category-what-the-tool-does-to-the-world' : 'risk-factors-multi-label-each-optional'}`,
    ...(relationships.length > 0 ? { relationships } : {}),
    properties: { tags: ['security', 'mcp'] },
  };
}

// A result must have a region (SARIF2017); when the text does not hold the entry, point at the first line.
const FIRST_LINE = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

function regionOf(region: TextRegion | undefined) {
  if (region === undefined) return FIRST_LINE;
  const { startLine, startColumn, endLine, endColumn, charOffset, charLength } = region;
  return { startLine, startColumn, endLine, endColumn, charOffset, charLength };
}

function ruleIdOf(tool: ClassifiedTool): string {
  return tool.classification.factors[0] ?? tool.classification.category.toLowerCase();
}

function taxaOf(factors: readonly RiskFactor[]) {
  const ids = owaspOfFactors(factors);
  return ids.length > 0 ? { taxa: owaspTaxa(ids) } : {};
}

/** Renders a classified document as a SARIF 2.1.0 log whose results carry regions into `source.text`. */
export function toSarif(classified: ClassifiedDocument, source: SarifSource): Record<string, unknown> {
  const reported = classified.tools.filter(
    (tool) => RISK_LEVELS.indexOf(tool.classification.risk) >= RISK_LEVELS.indexOf('Medium'),
  );
  const regions = locateJsonValues(
    source.text,
    reported.map((tool) => tool.path),
  );
  const ruleIds = [...new Set(reported.map(ruleIdOf))].sort();
  const artifactLocation = {
    uri: source.uri,
    ...(source.uriBaseId !== undefined ? { uriBaseId: source.uriBaseId } : {}),
  };
  const results = reported.map((tool) => {
    const { classification } = tool;
    const ruleId = ruleIdOf(tool);
    const { index, name, definitionHash, classification: json } = presentClassifiedTool(tool);
    return {
      ruleId,
      ruleIndex: ruleIds.indexOf(ruleId),
      level: SARIF_LEVEL[classification.risk],
      // Every factor's risks, not only the rule's: a tool that runs code and reads secrets is both MCP05 and MCP01.
      ...taxaOf(classification.factors),
      message: {
        text: `${tool.name}: ${classification.risk} ${classification.category}. ${classification.rationale}`,
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { ...artifactLocation, index: 0 },
            region: regionOf(regions.get(tool.path)),
          },
          logicalLocations: [
            { name: tool.name, kind: 'function', fullyQualifiedName: `${tool.path}.${tool.name}` },
          ],
        },
      ],
      partialFingerprints: { definitionHash: tool.definitionHash },
      // The same JSON as `classify --format json` prints for the entry.
      properties: { index, name, definitionHash, classification: json },
    };
  });
  return {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'toolrisk',
            version: classified.classifierVersion,
            semanticVersion: classified.classifierVersion,
            informationUri: INFORMATION_URI,
            rules: ruleIds.map(ruleOf),
            supportedTaxonomies: [OWASP_SUPPORTED_TAXONOMY],
          },
        },
        taxonomies: [owaspTaxonomy()],
        artifacts: [{ location: artifactLocation, mimeType: 'application/json' }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
