// @toolrisk/classifier/testing: what only tests and benchmarks use, kept off the public entry.
export { evaluateCall } from './policy/evaluate.js';
export type { ToolPolicy } from './policy/model.js';
export { toolhiveContext } from './policy/toolhive-context.js';
export type { StackLock } from './stack/lock.js';
