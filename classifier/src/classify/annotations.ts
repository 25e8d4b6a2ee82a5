// MCP annotations as untrusted claims: they break ties and, when they contradict the definition, lower confidence.
import type { Category, RiskFactor } from '../types.js';

/** A contradiction between an annotation and what the definition shows, named for the rationale. */
export interface AnnotationConflict {
  hint: string;
  message: string;
}

/** The author's hints, read defensively (anything but a boolean is ignored). */
export interface AnnotationHints {
  readOnly?: boolean;
  destructive?: boolean;
  idempotent?: boolean;
  openWorld?: boolean;
}

/** Reads the boolean hints of an annotations object, whatever its shape (a non-boolean hint counts as absent). */
export function readHints(annotations: unknown): AnnotationHints {
  // Every key is set, read or not, so all hints share one shape for the rules that read them.
  const hints: AnnotationHints = {
    readOnly: undefined,
    destructive: undefined,
    idempotent: undefined,
    openWorld: undefined,
  };
  if (annotations === null || typeof annotations !== 'object') return hints;
  hints.readOnly = booleanHint(annotations, 'readOnlyHint');
  hints.destructive = booleanHint(annotations, 'destructiveHint');
  hints.idempotent = booleanHint(annotations, 'idempotentHint');
  hints.openWorld = booleanHint(annotations, 'openWorldHint');
  return hints;
}

function booleanHint(annotations: object, key: string): boolean | undefined {
  const value: unknown = Reflect.get(annotations, key);
  return typeof value === 'boolean' ? value : undefined;
}

/** The contradictions between the hints and the decided category and factors (taxonomy: hints are evidence, not truth). */
export function findConflicts(
  hints: AnnotationHints,
  category: Category,
  factors: readonly RiskFactor[],
  decidedBy: string,
): AnnotationConflict[] {
  const conflicts: AnnotationConflict[] = [];
  if (hints.readOnly === true && category !== 'Read') {
    conflicts.push({
      hint: 'readOnlyHint: true',
      message: `annotation readOnlyHint: true contradicts ${decidedBy}, which makes it ${category}`,
    });
  }
  if (hints.destructive === false && factors.includes('destructive')) {
    conflicts.push({
      hint: 'destructiveHint: false',
      message: `annotation destructiveHint: false contradicts ${decidedBy}, which can destroy data`,
    });
  }
  if (
    hints.readOnly === false &&
    hints.destructive !== true &&
    category === 'Read' &&
    decidedBy.startsWith('no ')
  ) {
    conflicts.push({
      hint: 'readOnlyHint: false',
      message: 'annotation readOnlyHint: false but nothing shows a write',
    });
  }
  return conflicts;
}
