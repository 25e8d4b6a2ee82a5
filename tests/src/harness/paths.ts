// Paths tests read from: the repo's seed catalogue and the test fixtures.
import { fileURLToPath } from 'node:url';

/** The repo's root directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The seed catalogue shipped in the crawler workspace. */
export const SEED_DIR = `${REPO_ROOT}crawler/seed/catalogue`;
/** tests/fixtures. */
export const FIXTURES_DIR = `${REPO_ROOT}tests/fixtures`;
