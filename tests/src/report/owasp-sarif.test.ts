// Guarantee: the SARIF logs of `classify` and `scan` carry the OWASP MCP Top 10 as a SARIF 2.1.0 taxonomy: a
// toolComponent "OWASP MCP Top 10" with the ten taxa, each rule related to the taxa of its factor or finding, each
// result naming the taxa of all its factors; every reference resolves, and the logs validate against the OASIS schema.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CLASSIFIER_VERSION,
  checkStack,
  classifyDocument,
  readToolsDocument,
  toSarif,
  toStackSarif,
} from '@toolrisk/classifier';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEED_DIR } from '../harness/paths.js';
import { type SarifValidator, sarifValidator } from '../harness/sarif.js';
import { referenceStack } from '../stack/reference-stack.js';

interface Reference {
  id: string;
  index: number;
  toolComponent: { name: string; index: number };
}
interface Run {
  tool: {
    driver: {
      rules: {
        id: string;
        relationships?: { target: Reference; kinds: string[]; description: { text: string } }[];
      }[];
      supportedTaxonomies?: { name: string; index: number }[];
    };
  };
  taxonomies?: { name: string; taxa: { id: string; name: string; helpUri: string }[] }[];
  results: {
    ruleId: string;
    taxa?: Reference[];
    properties?: {
      classification?: { factors: string[]; factorDetails: { factor: string; owasp: { id: string }[] }[] };
    };
  }[];
}

let validate: SarifValidator = () => ['the SARIF schema is compiled in beforeAll'];
beforeAll(async () => {
  validate = await sarifValidator();
});

/** Every taxon reference of a run points at the taxonomy and at the taxon of its id. */
function unresolved(run: Run): string[] {
  const taxonomy = run.taxonomies?.[0];
  const check = (where: string, ref: Reference) =>
    ref.toolComponent.name === 'OWASP MCP Top 10' &&
    ref.toolComponent.index === 0 &&
    taxonomy?.taxa[ref.index]?.id === ref.id
      ? []
      : [`${where}: ${JSON.stringify(ref)}`];
  return [
    ...run.tool.driver.rules.flatMap((rule) =>
      (rule.relationships ?? []).flatMap((relationship) => check(`rule ${rule.id}`, relationship.target)),
    ),
    ...run.results.flatMap((result, index) =>
      (result.taxa ?? []).flatMap((ref) => check(`result ${index}`, ref)),
    ),
  ];
}

function expectTaxonomy(run: Run) {
  expect(run.tool.driver.supportedTaxonomies).toEqual([{ name: 'OWASP MCP Top 10', index: 0 }]);
  expect(run.taxonomies).toHaveLength(1);
  const taxa = run.taxonomies?.[0]?.taxa ?? [];
  expect(taxa.map((taxon) => taxon.id)).toEqual([
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
  ]);
  for (const taxon of taxa)
    expect(taxon.helpUri).toMatch(/^https:\/\/owasp\.org\/www-project-mcp-top-10\/2025\/MCP/);
  expect(unresolved(run)).toEqual([]);
}

describe('classify SARIF and the OWASP MCP Top 10', () => {
  it('for every shipped server: a valid log, rules related to their factor’s risks, results naming every factor’s', async () => {
    const files = (await readdir(SEED_DIR)).filter((file) => file.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(37);
    const seen = new Set<string>();
    for (const file of files) {
      const text = await readFile(join(SEED_DIR, file), 'utf8');
      const classified = classifyDocument(readToolsDocument(JSON.parse(text)));
      const log = toSarif(classified, { uri: file, uriBaseId: '%SRCROOT%', text }) as { runs: Run[] };
      expect(validate(log), file).toEqual([]);
      const run = log.runs[0];
      if (run === undefined) throw new Error(`${file}: no run`);
      expectTaxonomy(run);
      for (const result of run.results) {
        const details = result.properties?.classification?.factorDetails ?? [];
        const expected = [
          ...new Set(details.flatMap((detail) => detail.owasp.map((risk) => risk.id))),
        ].sort();
        expect((result.taxa ?? []).map((ref) => ref.id)).toEqual(expected);
        for (const id of expected) seen.add(id);
      }
      for (const rule of run.tool.driver.rules)
        for (const relationship of rule.relationships ?? []) {
          expect(relationship.kinds).toEqual(['relevant']);
          expect(relationship.description.text.length).toBeGreaterThan(10);
        }
      const execution = run.tool.driver.rules.find((rule) => rule.id === 'code_execution');
      if (execution) expect(execution.relationships?.map((r) => r.target.id)).toEqual(['MCP05:2025']);
      // A factor with no OWASP risk of its own gets a rule without relationships, not a forced one.
      const bulk = run.tool.driver.rules.find((rule) => rule.id === 'bulk' || rule.id === 'destructive');
      if (bulk) expect(bulk.relationships).toBeUndefined();
    }
    // The shipped catalogue reaches code execution, secrets, prompt-injection carriers and over-sharing.
    for (const id of ['MCP01:2025', 'MCP05:2025', 'MCP06:2025', 'MCP10:2025']) expect(seen).toContain(id);
  });
});

describe('scan SARIF and the OWASP MCP Top 10', () => {
  it('relates each flow and a plain-text secret to their risks, in a valid log whose references all resolve', () => {
    const { readings, resolved } = referenceStack(['filesystem', 'fetch', 'gmail', 'github']);
    const check = checkStack(readings, resolved, { profile: 'balanced' });
    const log = JSON.parse(toStackSarif(check, CLASSIFIER_VERSION)) as { runs: Run[] };
    expect(validate(log)).toEqual([]);
    const run = log.runs[0];
    if (run === undefined) throw new Error('no run');
    expectTaxonomy(run);
    const related = Object.fromEntries(
      run.tool.driver.rules.map((rule) => [rule.id, (rule.relationships ?? []).map((r) => r.target.id)]),
    );
    expect(related.exfiltration).toEqual(['MCP06:2025', 'MCP10:2025']);
    expect(related.injected_execution).toEqual(['MCP06:2025', 'MCP05:2025']);
    expect(related.injected_destruction).toEqual(['MCP06:2025']);
    const exfiltration = run.results.find((result) => result.ruleId === 'exfiltration');
    expect(exfiltration?.taxa?.map((ref) => ref.id)).toEqual(['MCP06:2025', 'MCP10:2025']);
    const secret = run.results.find((result) => result.ruleId === 'SECRET_IN_PLAIN_TEXT');
    expect(secret?.taxa?.map((ref) => ref.id)).toEqual(['MCP01:2025']);
    expect(related.SECRET_IN_PLAIN_TEXT).toEqual(['MCP01:2025']);
  });
});
