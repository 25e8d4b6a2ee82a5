// The shipped captures' servers with the tools an import would store, read at once: for checks that must hold on every tool of the catalogue.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { ToolDefinition } from '@toolrisk/classifier';
import { CAPTURE_LIMITS, type CaptureRead, readCaptureTools } from './capture.js';
import { readDockerCatalogue, readLiveMcpBench, readSmitheryCaptures } from './datasets.js';
import { SHIPPED_CATALOGUE } from './import.js';

/** One captured server: what its classification context is made of, and its tools. */
export interface CapturedServer {
  name: string;
  title?: string | undefined;
  description?: string | undefined;
  tools: ToolDefinition[];
}

/** Every server of the shipped Smithery, Docker and LiveMCPBench captures that lists tools, each tool as the import reads it. */
export function readShippedCaptures(): CapturedServer[] {
  const sources: [string | undefined, (bytes: Uint8Array, file: string) => CaptureRead][] = [
    [SHIPPED_CATALOGUE.smithery, readSmitheryCaptures],
    [SHIPPED_CATALOGUE.docker, readDockerCatalogue],
    [SHIPPED_CATALOGUE.livemcpbench, readLiveMcpBench],
  ];
  return sources.flatMap(([file, read]) => {
    if (file === undefined) return [];
    const bytes = gunzipSync(readFileSync(file), { maxOutputLength: CAPTURE_LIMITS.fileBytes });
    return read(bytes, file).entries.flatMap((entry) =>
      entry.tools === null
        ? []
        : [
            {
              name: entry.name,
              title: entry.title,
              description: entry.description,
              tools: readCaptureTools(entry).tools.map((item) => item.tool),
            },
          ],
    );
  });
}
