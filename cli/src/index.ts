// @toolrisk/cli: the composition root. It reads the configuration once and wires the catalogue, crawler and app.

// Configuration: the one door to the environment
export type { Config } from './config.js';
export { ConfigError, loadConfig } from './config.js';

// Opening the catalogue
export { openCatalogue } from './catalogue.js';

// The command line
export { describeError, EXIT_CODES, runCli } from './cli.js';
export type { CliCommand, CliIo, Command } from './commands/io.js';
