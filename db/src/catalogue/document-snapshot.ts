// A tools/list document as a server snapshot: what an import or the API stores.
import { basename } from 'node:path';
import type { ToolsDocument } from '@toolrisk/classifier';
import { slugify } from './slug.js';
import type { ServerSnapshot } from './snapshot-types.js';

/** Turns a valid document into a server snapshot; the id comes from the document, else the file name. */
export function snapshotOfDocument(
  document: ToolsDocument,
  file: string,
  kind: 'import' | 'seed' | 'api',
): ServerSnapshot {
  const server = document.server ?? {};
  const id = slugify(server.id ?? server.package ?? server.name ?? basename(file, '.json'));
  const entries = document.entries.flatMap((entry) =>
    entry.tool && entry.raw ? [{ tool: entry.tool, raw: entry.raw }] : [],
  );
  return {
    id,
    title: server.title ?? server.package ?? server.name,
    description: server.description,
    version: server.version,
    repository: server.repository ? { url: server.repository } : undefined,
    packages: server.package
      ? [
          {
            registryType: 'npm',
            identifier: server.package,
            ...(server.version ? { version: server.version } : {}),
          },
        ]
      : undefined,
    introspection: server.name ? { serverInfo: { name: server.name, version: server.version } } : undefined,
    source: { kind, ref: basename(file) },
    tools: entries,
  };
}
