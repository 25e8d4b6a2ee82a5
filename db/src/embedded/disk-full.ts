// A full disk under a shared data directory, named as one: a query or transaction the owner's PGlite refused for
// want of space (SQLSTATE 53100, "could not extend file ...: No space left on device") fails with DATA_DIR_FULL.
import { dataDirFullError, isDiskFull, ToolriskDbError } from '../errors.js';

/** The part of a postgres.js client whose failures are renamed: its queries and its transactions. */
interface QueryClient {
  unsafe: (...args: never[]) => unknown;
  begin: (...args: never[]) => Promise<unknown>;
}

function hasReject(value: unknown): value is { reject: (error: unknown) => void } {
  return (
    typeof value === 'object' && value !== null && 'reject' in value && typeof value.reject === 'function'
  );
}

/** Makes every query and transaction of `client` that fails for a full disk fail with DATA_DIR_FULL. */
export function nameDiskFull(client: QueryClient, dataDir: string): void {
  const rename = (error: unknown): unknown => {
    if (error instanceof ToolriskDbError && error.code === 'DATA_DIR_FULL') return error;
    return isDiskFull(error) ? dataDirFullError(dataDir, error) : error;
  };
  const unsafe = client.unsafe;
  client.unsafe = ((...args: never[]) => {
    const query = unsafe.apply(client, args);
    if (hasReject(query)) {
      const reject = query.reject;
      query.reject = (error) => reject(rename(error));
    }
    return query;
  }) as QueryClient['unsafe'];
  const begin = client.begin;
  // A statement inside a transaction runs on the transaction's own client, so its failure is renamed here.
  client.begin = ((...args: never[]) =>
    begin.apply(client, args).catch((error: unknown) => {
      throw rename(error);
    })) as QueryClient['begin'];
}
