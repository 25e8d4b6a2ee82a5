// SARIF 2.1.0 output: one result per tool at or above Medium, so code-scanning UIs can show risky tools.
import { RISK_LEVELS, type RiskLevel } from '../types.js';
import type { ClassifiedDocument } from './classify-document.js';

const SARIF_LEVEL: Record<RiskLevel, 'none' | 'note' | 'warning' | 'error'> = {
  Low: 'none',
  Medium: 'note',
  High: 'warning',
  Critical: 'error',
};

/** Renders a classified document as a SARIF 2.1.0 log; `uri` names the analysed file. */
export function toSarif(classified: ClassifiedDocument, uri: string): Record<string, unknown> {
  const results = classified.tools
    .filter((tool) => RISK_LEVELS.indexOf(tool.classification.risk) >= RISK_LEVELS.indexOf('Medium'))
    .map((tool) => {
      const { classification } = tool;
      const ruleId = classification.factors[0] ?? classification.category.toLowerCase();
      return {
        ruleId,
        level: SARIF_LEVEL[classification.risk],
        message: {
          text: `${tool.name}: ${classification.risk} ${classification.category}. ${classification.rationale}`,
        },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri } },
            logicalLocations: [
              { name: tool.name, kind: 'function', fullyQualifiedName: `tools[${tool.index}].${tool.name}` },
            ],
          },
        ],
        properties: {
          category: classification.category,
          risk: classification.risk,
          factors: classification.factors,
          confidence: classification.confidence,
        },
      };
    });
  const ruleIds = [...new Set(results.map((result) => result.ruleId))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'toolrisk',
            version: classified.classifierVersion,
            informationUri: 'https://github.com/toolrisk/toolrisk',
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: `tool risk: ${id}` } })),
          },
        },
        results,
      },
    ],
  };
}
