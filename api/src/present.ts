// Turning database rows into the API's JSON shapes, links included.
import {
  type ClassificationJson,
  presentClassification as presentClassificationJson,
} from '@toolrisk/classifier';
import {
  type ClassificationRow,
  type ClassifiedToolRow,
  classificationOfRow,
  type ServerRow,
  type ToolRow,
} from '@toolrisk/db';

const enc = encodeURIComponent;

/** A server row as the API shows it. */
export function presentServer(row: ServerRow) {
  return {
    id: row.id,
    registryName: row.registryName,
    title: row.title,
    description: row.description,
    version: row.version,
    repository: row.repository,
    websiteUrl: row.websiteUrl,
    packages: row.packages,
    remotes: row.remotes,
    status: row.status,
    toolCount: row.toolCount,
    highestRisk: row.highestRisk,
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    links: {
      self: `/v1/servers/${enc(row.id)}`,
      tools: `/v1/servers/${enc(row.id)}/tools`,
      page: `/servers/${enc(row.id)}`,
    },
  };
}

/**
 * A classification row as the API shows it: the classifier's one JSON shape, with its stored second opinion and the
 * effective annotations against the tool's declared `annotations`; null when the row does not read back as the
 * classifier's vocabulary (the tool then shows as not yet classified).
 */
export function presentClassification(
  row: ClassificationRow,
  annotations: ToolRow['annotations'],
): ClassificationJson | null {
  const classification = classificationOfRow(row);
  if (classification === null) return null;
  return presentClassificationJson(classification, {
    definitionHash: row.definitionHash,
    annotations,
    secondOpinion: row.secondOpinion ?? null,
  });
}

/** A tool row (with its classification) as the API shows it; the raw `definition` is never shown, so not needed. */
export function presentTool({
  tool,
  classification,
}: {
  tool: Omit<ToolRow, 'definition'>;
  classification: ClassifiedToolRow['classification'];
}) {
  return {
    ...presentToolDefinition(tool),
    classification: classification ? presentClassification(classification, tool.annotations) : null,
  };
}

function presentToolDefinition(tool: Omit<ToolRow, 'definition'>) {
  const base = `/servers/${enc(tool.serverId)}/tools/${enc(tool.name)}`;
  return {
    serverId: tool.serverId,
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: tool.inputSchema,
    annotations: tool.annotations,
    definitionHash: tool.definitionHash,
    firstSeenAt: tool.firstSeenAt.toISOString(),
    lastSeenAt: tool.lastSeenAt.toISOString(),
    changedAt: tool.changedAt.toISOString(),
    removedAt: tool.removedAt ? tool.removedAt.toISOString() : null,
    links: { self: `/v1${base}`, page: base, policy: `/v1${base}/policy` },
  };
}
