// The OWASP MCP Top 10 in SARIF 2.1.0: the list as a run's taxonomy (§3.14.8), rules related to its taxa (§3.49.15)
// and results naming theirs (§3.27.8).
import type { OwaspReference } from './mapping.js';
import {
  OWASP_MCP_TOP_10,
  OWASP_MCP_TOP_10_NAME,
  OWASP_MCP_TOP_10_URL,
  OWASP_MCP_TOP_10_VERSION,
  type OwaspMcpId,
} from './top-ten.js';

/** Where the taxonomy sits in `runs[].taxonomies`: the only one, so 0. */
const TAXONOMY_INDEX = 0;

const TAXONOMY_REFERENCE = { name: OWASP_MCP_TOP_10_NAME, index: TAXONOMY_INDEX };

/** The run's taxonomy: a toolComponent holding the ten risks as taxa, in the list's order. */
export function owaspTaxonomy() {
  return {
    name: OWASP_MCP_TOP_10_NAME,
    organization: 'OWASP',
    version: OWASP_MCP_TOP_10_VERSION,
    informationUri: OWASP_MCP_TOP_10_URL,
    shortDescription: { text: 'The OWASP Top 10 risks of Model Context Protocol systems.' },
    isComprehensive: false,
    taxa: OWASP_MCP_TOP_10.map((risk) => ({
      id: risk.id,
      name: risk.title,
      shortDescription: { text: `${risk.id} ${risk.title}` },
      helpUri: risk.url,
    })),
  };
}

/** The driver's claim that its results use the taxonomy (§3.19.25). */
export const OWASP_SUPPORTED_TAXONOMY = TAXONOMY_REFERENCE;

function taxonReference(id: OwaspMcpId) {
  return {
    id,
    index: OWASP_MCP_TOP_10.findIndex((risk) => risk.id === id),
    toolComponent: TAXONOMY_REFERENCE,
  };
}

/** A rule's relationships to the risks it relates to, each saying why. */
export function owaspRelationships(references: readonly OwaspReference[]) {
  return references.map((reference) => ({
    target: taxonReference(reference.id),
    kinds: ['relevant'],
    description: { text: reference.reason },
  }));
}

/** A result's taxa: the risks its finding relates to. */
export function owaspTaxa(ids: readonly OwaspMcpId[]) {
  return ids.map(taxonReference);
}
