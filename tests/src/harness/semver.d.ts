// The two functions of `semver` the engines test calls (semver ships no types; @types/semver would be one more install).
declare module 'semver' {
  /** Whether the version is within the range. */
  export function satisfies(version: string, range: string): boolean;
  /** The lowest version the range admits, or null when it admits none. */
  export function minVersion(range: string): { version: string } | null;
}
