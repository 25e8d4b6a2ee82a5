// Where the static assets (CSS, the small script) live, for the API to serve; web itself reads nothing.
import { fileURLToPath } from 'node:url';

/** The absolute path of web/assets (the same from src/ and dist/). */
export const ASSETS_DIR = fileURLToPath(new URL('../assets/', import.meta.url));

/** The asset files the site links to, by name. */
export const ASSET_FILES = ['site.css', 'site.js', 'stack.js'] as const;
