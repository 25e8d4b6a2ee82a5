// @toolrisk/cli/testing: what only tests and benchmarks use, kept off the public entry: the configuration door, so a
// test or benchmark builds the same settings the command line would from an environment it gives.
export { loadConfig } from './config.js';
