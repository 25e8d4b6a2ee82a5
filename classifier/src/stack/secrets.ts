// Finding secrets in a server's configuration and keeping only their names: a value is either a reference or written out.
import type { SecretNotice } from './model.js';

/** What replaces a secret value wherever a configuration is shown or stored. */
export const SECRET_PLACEHOLDER = '<secret>';

/** A value the client fills in at start (`${input:id}`, `${env:NAME}`, `${NAME}`, `$NAME`, `{env:NAME}`), not a secret in the file. */
export function isReference(value: string): boolean {
  return /^\s*(?:\$\{[^}]+\}|\$[A-Za-z_][A-Za-z0-9_]*|\{env:[^}]+\})\s*$/.test(value);
}

/** `Bearer ${TOKEN}`: an auth scheme word and references only, nothing written out. */
function isReferenceWithScheme(value: string): boolean {
  const rest = value.replace(/\$\{[^}]+\}|\{env:[^}]+\}/g, '');
  return rest !== value && /^\s*(bearer|basic|token)?\s*$/i.test(rest);
}

/** The `${input:id}` ids a value refers to (VS Code). */
export function inputReferences(value: string): string[] {
  return [...value.matchAll(/\$\{input:([^}]+)\}/g)].flatMap((match) => (match[1] ? [match[1]] : []));
}

/** Names that say their value is a credential: token, key, secret, password, auth, cookie, session, private. */
const SECRET_NAME =
  /(token|secret|passw(or)?d|pass$|pwd|api[_-]?key|access[_-]?key|private[_-]?key|auth|credential|cookie|session|bearer|signature|sig$|^key$|_key$)/i;

/** Shapes of well-known credential formats: a principle (long random-looking prefixes), not a vendor list to keep complete. */
const SECRET_SHAPE =
  /^(?:(?:gh[pousr]|github_pat|glpat|xox[abpr]|sk|pk|rk|sk-ant|AKIA|AIza|ya29|shpat|npm)[_-][A-Za-z0-9_-]{10,}|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+|[A-Za-z0-9+/_-]{32,}={0,2})$/;

/** Whether a named value is a credential: by its name, or by its shape when the name says nothing. */
export function isSecretLike(name: string, value: string): boolean {
  if (value.trim() === '') return false;
  return SECRET_NAME.test(name) || SECRET_SHAPE.test(value.trim());
}

/** The notice for an env variable or header: every written-out value under a secret-like name, every reference to one. */
export function noticeOf(where: 'env' | 'header', key: string, value: string): SecretNotice | null {
  if (isReference(value) || isReferenceWithScheme(value)) {
    return SECRET_NAME.test(key) ? { where, key, isPlainText: false } : null;
  }
  // Authorization-like headers hold a credential whatever their value looks like ("Bearer abc").
  return isSecretLike(key, value) || (where === 'header' && /^(bearer|basic|token)\s+\S/i.test(value))
    ? { where, key, isPlainText: true }
    : null;
}

/** Arguments with secret values replaced: `--token X`, `--api-key=X`, and values shaped like credentials. */
export function redactArgs(args: readonly string[]): { args: string[]; secrets: SecretNotice[] } {
  const out: string[] = [];
  const secrets: SecretNotice[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const inline = /^(--?[A-Za-z0-9][A-Za-z0-9_-]*)=(.*)$/.exec(arg);
    if (inline?.[1] !== undefined && inline[2] !== undefined && isSecretLike(inline[1], inline[2])) {
      const isPlainText = !isReference(inline[2]);
      secrets.push({ where: 'arg', key: inline[1], isPlainText });
      out.push(isPlainText ? `${inline[1]}=${SECRET_PLACEHOLDER}` : arg);
      continue;
    }
    const next = args[i + 1];
    if (/^--?[A-Za-z]/.test(arg) && SECRET_NAME.test(arg) && next !== undefined && !next.startsWith('-')) {
      const isPlainText = !isReference(next);
      secrets.push({ where: 'arg', key: arg, isPlainText });
      out.push(arg, isPlainText ? SECRET_PLACEHOLDER : next);
      i += 1;
      continue;
    }
    if (!isReference(arg) && SECRET_SHAPE.test(arg) && !arg.includes('/') && !arg.startsWith('@')) {
      secrets.push({ where: 'arg', key: `#${i}`, isPlainText: true });
      out.push(SECRET_PLACEHOLDER);
      continue;
    }
    out.push(isUrl(arg) ? redactUrl(arg, secrets) : arg);
  }
  return { args: out, secrets };
}

function isUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
}

/** A URL without user info and with secret-like query values replaced; each removed part is noted. */
export function redactUrl(url: string, secrets: SecretNotice[]): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.username !== '' || parsed.password !== '') {
    secrets.push({ where: 'url', key: 'userinfo', isPlainText: true });
    parsed.username = '';
    parsed.password = '';
  }
  for (const [key, value] of [...parsed.searchParams]) {
    if (isSecretLike(key, value) && !isReference(value)) {
      secrets.push({ where: 'url', key: `?${key}`, isPlainText: true });
      parsed.searchParams.set(key, SECRET_PLACEHOLDER);
    }
  }
  return parsed.toString();
}
