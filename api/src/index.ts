// @toolrisk/api: the HTTP app (JSON API and pages), given its settings and database.

export type { AppConfig } from './app-config.js';
export type { AppDeps } from './app.js';
export { buildApp } from './app.js';
export type { ApiErrorCode, Problem } from './errors.js';
export { API_ERROR_STATUS, ApiError } from './errors.js';
