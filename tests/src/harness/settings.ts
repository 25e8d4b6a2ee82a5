// The browser harness's one door to the environment: the settings it reads, parsed once into a frozen value.

/** Which Chromium the browser tests drive: the system's when installed (`auto`), only the system's, or only the npm package's. */
export type BrowserChoice = 'auto' | 'system' | 'npm';

/** What the browser harness was told by the environment. */
export interface TestSettings {
  /** `TEST_BROWSER`: `auto` (default), `system` or `npm`. */
  readonly browser: BrowserChoice;
}

const BROWSER_CHOICES: readonly BrowserChoice[] = ['auto', 'system', 'npm'];

/** Parses the harness's settings; a bad value throws an error naming the variable and the allowed values. */
export function loadTestSettings(env: Readonly<Record<string, string | undefined>>): TestSettings {
  const raw = env.TEST_BROWSER?.trim().toLowerCase() || 'auto';
  const browser = BROWSER_CHOICES.find((choice) => choice === raw);
  if (browser === undefined) {
    throw new Error(`TEST_BROWSER: "${env.TEST_BROWSER}" is not one of ${BROWSER_CHOICES.join(', ')}`);
  }
  return Object.freeze({ browser });
}

/** The settings of this test process, read from its environment once, when first imported. */
export const TEST_SETTINGS: TestSettings = loadTestSettings(process.env);
