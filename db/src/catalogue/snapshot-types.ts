// What a source learned about one server, and what storing it changed.
import type { Classification, ToolDefinition } from '@toolrisk/classifier';
import type { ServerSourceKind } from '../schema/index.js';
import type { ServerVersionSnapshot } from './server-versions.js';

/** Where a snapshot was seen: the source, its id for the server there, and the page or document showing it. */
export interface SnapshotSource {
  kind: ServerSourceKind;
  /** The source-specific id: a registry name, a Smithery qualified name, a file name, a list link. */
  ref: string;
  url?: string | undefined;
}

/** Everything a source learned about one server; `tools: null` means its tools were not listed this time. */
export interface ServerSnapshot {
  id: string;
  registryName?: string | undefined;
  title?: string | undefined;
  description?: string | undefined;
  version?: string | undefined;
  repository?: Record<string, unknown> | undefined;
  websiteUrl?: string | undefined;
  packages?: unknown[] | undefined;
  remotes?: unknown[] | undefined;
  status?: string | undefined;
  introspection?: Record<string, unknown> | undefined;
  source: SnapshotSource;
  /** Other places the same server was seen in this run (a merged capture), kept as provenance too. */
  alsoSeenAt?: SnapshotSource[] | undefined;
  /** Registry versions seen now, kept in server_versions. */
  versions?: ServerVersionSnapshot[] | undefined;
  /** When true the fields above are written only if the server is new: an older version must not overwrite the latest. */
  isTentative?: boolean | undefined;
  /** Validated definitions, each with the raw object it was read from (kept verbatim in history). */
  tools: { tool: ToolDefinition; raw: Record<string, unknown> }[] | null;
}

/** What storing one snapshot changed. */
export interface SnapshotOutcome {
  serverId: string;
  isNewServer: boolean;
  /** True when any tool was added, changed or removed. */
  isChangedServer: boolean;
  toolsNew: number;
  toolsChanged: number;
  toolsRemoved: number;
  toolsUnchanged: number;
  /** Registry versions that were new or changed status. */
  versionsChanged: number;
}

/** The verdicts of a snapshot's tools by name, as its caller computed them (classify once, store once). */
export type SnapshotClassifications = ReadonlyMap<string, Classification>;
