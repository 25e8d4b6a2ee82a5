// Validating SARIF logs against the OASIS SARIF 2.1.0 JSON schema (tests/fixtures/data/sarif-schema-2.1.0.json, as
// OASIS publishes it at docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { FIXTURES_DIR } from './paths.js';

/** A compiled check: the schema errors of a log (`instancePath message`), none when it is valid. */
export type SarifValidator = (log: unknown) => string[];

/** The SARIF 2.1.0 schema compiled (draft-04, read here as draft-07: only `id` differs). */
export async function sarifValidator(): Promise<SarifValidator> {
  const schema = JSON.parse(await readFile(join(FIXTURES_DIR, 'data', 'sarif-schema-2.1.0.json'), 'utf8'));
  const { $schema: _draft04, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', (text: string) => URL.canParse(text));
  ajv.addFormat('uri-reference', (text: string) => URL.canParse(text, 'file:///'));
  ajv.addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)));
  const validate = ajv.compile({ ...rest, $id: id });
  return (log) =>
    validate(log) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}
