// What package to install: a pinned npm `name@version` or a local tarball, checked before npm ever sees it.
import { isAbsolute, resolve } from 'node:path';

/** A package to install: from the npm registry at one exact version, or from a local tarball. */
export type PackageSpec = { kind: 'npm'; name: string; version: string } | { kind: 'tarball'; path: string };

// npm's rules for new names (validate-npm-package-name): lower case, URL-safe, at most 214 characters.
const NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
// An exact semver version: a range, tag or URL would let the registry pick what runs.
const VERSION = /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** True for a valid npm package name. */
export function isPackageName(name: string): boolean {
  return name.length <= 214 && NAME.test(name);
}

/** True for one exact semver version. */
export function isExactVersion(version: string): boolean {
  return version.length <= 256 && VERSION.test(version);
}

/** A pinned npm package, or a string saying what is wrong with it. */
export function npmPackageSpec(name: string, version: string): PackageSpec | string {
  if (!isPackageName(name)) return `"${name.slice(0, 100)}" is not a valid npm package name`;
  if (!isExactVersion(version))
    return `${name}: version "${version.slice(0, 100)}" is not one exact version (a range or tag is refused)`;
  return { kind: 'npm', name, version };
}

/** Reads a command-line SPEC: `name@version`, `@scope/name@version`, or a path to a `.tgz`/`.tar.gz`. */
export function parsePackageSpec(spec: string, cwd: string): PackageSpec | string {
  if (/\.(?:tgz|tar\.gz)$/.test(spec)) {
    return { kind: 'tarball', path: isAbsolute(spec) ? spec : resolve(cwd, spec) };
  }
  const at = spec.lastIndexOf('@');
  if (at <= 0)
    return `"${spec.slice(0, 100)}" has no version: give name@version (e.g. pkg@1.2.3) or a .tgz file`;
  return npmPackageSpec(spec.slice(0, at), spec.slice(at + 1));
}

/** The spec as a person writes it. */
export function describeSpec(spec: PackageSpec): string {
  return spec.kind === 'npm' ? `${spec.name}@${spec.version}` : spec.path;
}
