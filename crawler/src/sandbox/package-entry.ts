// Which file of an installed package starts its server: the `bin` that `npx <package>` would run.
import { open, readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';

/** The server's executable inside the install prefix, and whether node runs it (else its own #! line does). */
export interface PackageEntry {
  /** Relative to the install prefix, e.g. `node_modules/pkg/dist/index.js`. */
  path: string;
  isNodeScript: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// npx picks the bin named like the package (without its scope), else the only one.
function pickBin(name: string, bin: unknown): string | undefined {
  if (typeof bin === 'string') return bin;
  if (!isRecord(bin)) return undefined;
  const entries = Object.entries(bin).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  const plain = name.split('/').pop() ?? name;
  const named = entries.find(([key]) => key === plain);
  if (named) return named[1];
  return entries.length === 1 ? entries[0]?.[1] : undefined;
}

async function firstLine(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(256);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0] ?? '';
  } finally {
    await handle.close();
  }
}

/** The package's server entry, or a string saying why it has none. */
export async function findPackageEntry(prefix: string, name: string): Promise<PackageEntry | string> {
  const packageDir = join('node_modules', name);
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(join(prefix, packageDir, 'package.json'), 'utf8'));
  } catch (error) {
    return `${name}: package.json unreadable (${error instanceof Error ? error.message : String(error)})`;
  }
  if (!isRecord(manifest)) return `${name}: package.json is not an object`;
  const bin = pickBin(name, manifest.bin);
  if (bin === undefined) {
    const names = isRecord(manifest.bin) ? Object.keys(manifest.bin).join(', ') : '';
    return names
      ? `${name}: several bins (${names.slice(0, 200)}) and none named like the package`
      : `${name}: no "bin" in package.json, so there is no server command to run`;
  }
  const path = normalize(join(packageDir, bin));
  // A bin pointing out of its package (../../) is refused rather than followed.
  if (!path.startsWith(`${packageDir}${sep}`))
    return `${name}: bin "${bin.slice(0, 100)}" leaves the package`;
  let line: string;
  try {
    line = await firstLine(join(prefix, path));
  } catch {
    return `${name}: bin "${bin.slice(0, 100)}" is missing from the package`;
  }
  return { path, isNodeScript: !line.startsWith('#!') || /\bnode\b/.test(line) };
}
