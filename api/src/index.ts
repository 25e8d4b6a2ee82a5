// @toolrisk/api: the HTTP app, its configuration and the command line.

export type { AppDeps } from './app.js';
export { buildApp } from './app.js';
export type { CliCommand, CliIo } from './cli/io.js';
export { runCli } from './cli.js';
export type { Config } from './config.js';
export { ConfigError, loadConfig } from './config.js';
export type { ApiErrorCode, Problem } from './errors.js';
export { API_ERROR_STATUS, ApiError } from './errors.js';
export { openCatalogue } from './runtime.js';
