// The API's side of the input limits: the one table (INPUT_LIMITS, the classifier's) and the text checks of paths and queries.
export type { InputLimit } from '@toolrisk/classifier';
export { INPUT_LIMITS, isStorableText } from '@toolrisk/classifier';

/** The code of a text field holding NUL, another control character (query and path) or a lone surrogate. */
export const TEXT_INVALID = 'TEXT_INVALID';

/** Query and path values also refuse every other control character: no id, name or search word has one. */
const CONTROL_OR_UNSTORABLE = /\p{Cc}|\p{Cs}/u;

/** True when a query or path value has no control character and no lone surrogate. */
export function isPlainText(text: string): boolean {
  return !CONTROL_OR_UNSTORABLE.test(text);
}
