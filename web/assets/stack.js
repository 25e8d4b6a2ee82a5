// toolrisk stack page: strips every secret from a pasted MCP client configuration in the browser, before anything is
// sent. The pasted text is never submitted itself (its textarea has no name); only the stripped copy is. The file is
// scanned token by token, not parsed and re-printed, so comments, trailing commas and unknown keys reach the check as
// they are and the server's messages still point at the right places.

const PLACEHOLDER = '<secret>';
/** The check refuses larger files unread (MAX_CONFIG_BYTES in classifier/src/stack/model.ts). */
const MAX_CONFIG_BYTES = 1_048_576;
/** Names that say their value is a credential (the server's own rule, classifier/src/stack/secrets.ts). */
const SECRET_NAME =
  /(token|secret|passw(or)?d|pass$|pwd|api[_-]?key|access[_-]?key|private[_-]?key|auth|credential|cookie|session|bearer|signature|sig$|^key$|_key$)/i;
/** Shapes of credentials: well-known prefixes, JWTs, and long random-looking runs. */
const SECRET_SHAPE =
  /^(?:(?:gh[pousr]|github_pat|glpat|xox[abpr]|sk|pk|rk|sk-ant|AKIA|AIza|ya29|shpat|npm)[_-][A-Za-z0-9_-]{10,}|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+|[A-Za-z0-9+/_-]{32,}={0,2})$/;
/** A value the client fills in at start (`${input:id}`, `${env:NAME}`, `$NAME`, `{env:NAME}`): not a secret in the file. */
const REFERENCE = /^\s*(?:\$\{[^}]+\}|\$[A-Za-z_][A-Za-z0-9_]*|\{env:[^}]+\})\s*$/;
/** Tables whose every value is stripped: environment variables, headers, OAuth settings. */
const SECRET_TABLES = new Set(['env', 'headers', 'http_headers', 'auth']);
/** Keys whose values are never credentials (a command, a transport, a variable's name). */
const PLAIN_KEYS = new Set(['command', 'type', 'cwd', 'envFile', 'id', 'description', 'name', 'version']);

class ConfigScanError extends Error {
  constructor(message, text, offset) {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    super(`line ${line}, column ${column}: ${message}`);
  }
}

function isReference(value) {
  return REFERENCE.test(value) || /^\s*(bearer|basic|token)?\s*(\$\{[^}]+\}|\{env:[^}]+\})\s*$/i.test(value);
}

function hasSecretShape(value) {
  const trimmed = value.trim();
  if (!SECRET_SHAPE.test(trimmed)) return false;
  // A path or a scoped package is not a key, unless it has a credential's prefix.
  return !/[/@]/.test(trimmed) || /^[A-Za-z]+[_-]/.test(trimmed) || trimmed.startsWith('eyJ');
}

/** The URL with its user info and secret-looking query values replaced, and what was replaced. */
function stripUrl(value, where) {
  let url;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const found = [];
  if (url.username !== '' || url.password !== '') {
    found.push({ where, key: 'user info', isPlainText: true });
    url.username = '';
    url.password = '';
  }
  for (const [key, item] of [...url.searchParams]) {
    if (item !== '' && !isReference(item) && (SECRET_NAME.test(key) || hasSecretShape(item))) {
      found.push({ where, key: `?${key}`, isPlainText: true });
      url.searchParams.set(key, PLACEHOLDER);
    }
  }
  return found.length > 0 ? { value: url.toString(), found } : null;
}

/** Where the server name sits in a path: after `mcpServers`, `servers`, `mcp_servers` or `projects.<dir>.mcpServers`; -1 outside them. */
function serverIndex(path) {
  if (['mcpServers', 'servers', 'mcp_servers'].includes(path[0])) return 1;
  if (path[0] === 'projects' && path[2] === 'mcpServers') return 3;
  return -1;
}

/**
 * What to send instead of one string value at `path` (keys and indices from the document root), or null to keep it.
 * `previous` is the string before it in the same array (an argument list's flag). Values outside the server tables
 * (a `~/.claude.json` keeps prompts and account details beside them) are left out: the check reads none of them.
 */
function judge(path, value, previous) {
  const at = serverIndex(path);
  if (at === -1 || path.length <= at) {
    if (path[0] === 'inputs' || value === '') return null;
    return { value: '', found: [], isLeftOut: true };
  }
  const server = String(path[at]);
  const inner = path.slice(at + 1);
  const key = inner[inner.length - 1];
  const where = (kind, name) => ({ server, where: kind, key: String(name), isPlainText: true });
  if (value.trim() === '' || isReference(value)) return null;
  if (inner.length >= 2 && SECRET_TABLES.has(inner[0]))
    return { value: PLACEHOLDER, found: [where(inner[0], inner.slice(1).join('.'))] };
  if (inner[0] === 'args' && inner.length === 2 && typeof key === 'number')
    return judgeArgument(server, key, value, previous);
  if (typeof key === 'string' && /url$/i.test(key)) {
    const url = stripUrl(value, 'url');
    return url && { value: url.value, found: url.found.map((item) => ({ server, ...item })) };
  }
  if (typeof key === 'string' && PLAIN_KEYS.has(key)) return null;
  // Any other value named like a credential, or shaped like one; a key ending `_env_var` names a variable.
  if (typeof key === 'string' && !/_env_vars?$/.test(key) && SECRET_NAME.test(key))
    return { value: PLACEHOLDER, found: [where('setting', key)] };
  if (hasSecretShape(value)) return { value: PLACEHOLDER, found: [where('setting', key)] };
  return null;
}

/** An argument: `--token X`, `--api-key=X`, `-e NAME=X` with a secret name, a key-shaped value, a URL with a key in it. */
function judgeArgument(server, index, value, previous) {
  const found = (key) => [{ server, where: 'arg', key, isPlainText: true }];
  const assignment = /^(--?[A-Za-z0-9][A-Za-z0-9_.-]*|[A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/s.exec(value);
  if (assignment && assignment[2] !== '' && !isReference(assignment[2])) {
    if (SECRET_NAME.test(assignment[1]) || hasSecretShape(assignment[2]))
      return { value: `${assignment[1]}=${PLACEHOLDER}`, found: found(assignment[1]) };
  }
  if (
    typeof previous === 'string' &&
    /^--?[A-Za-z]/.test(previous) &&
    SECRET_NAME.test(previous) &&
    !value.startsWith('-')
  )
    return { value: PLACEHOLDER, found: found(previous) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const url = stripUrl(value, 'arg');
    return url && { value: url.value, found: url.found.map((item) => ({ server, ...item })) };
  }
  if (hasSecretShape(value)) return { value: PLACEHOLDER, found: found(`argument ${index + 1}`) };
  return null;
}

// ---- JSON and JSONC (comments and trailing commas allowed, as VS Code does) ----

/** The tokens of a JSON or JSONC text: punctuation, strings (with their decoded value), other scalars. */
function jsonTokens(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (/\s/.test(char)) {
      i += 1;
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) throw new ConfigScanError('a /* comment is never closed', text, i);
      i = end + 2;
    } else if ('{}[]:,'.includes(char)) {
      tokens.push({ type: char, start: i, end: i + 1 });
      i += 1;
    } else if (char === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\n') throw new ConfigScanError('a string runs past the end of its line', text, i);
        j += text[j] === '\\' ? 2 : 1;
      }
      if (j >= text.length) throw new ConfigScanError('a string is never closed', text, i);
      let value;
      try {
        value = JSON.parse(text.slice(i, j + 1));
      } catch {
        throw new ConfigScanError('a string has a bad escape', text, i);
      }
      tokens.push({ type: 'string', start: i, end: j + 1, value });
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s{}[\]:,"]/.test(text[j]) && !text.startsWith('//', j)) j += 1;
      tokens.push({ type: 'scalar', start: i, end: j, value: text.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

/** Every replacement a JSON or JSONC text needs: the value tokens at secret places, by the path each sits at. */
function jsonReplacements(text) {
  const tokens = jsonTokens(text);
  const stack = []; // { kind: 'object' | 'array', key, index, expectsKey, previous }
  const replacements = [];
  const pathOf = () => stack.map((frame) => (frame.kind === 'object' ? frame.key : frame.index));
  const onValue = (token) => {
    const frame = stack[stack.length - 1];
    if (!frame) return;
    const value = token.value;
    const isLiteral = token.type === 'scalar' && /^(true|false|null|-?\d[\d.eE+-]*)$/.test(value);
    if (!isLiteral) {
      const verdict = judge(pathOf(), value, frame.kind === 'array' ? frame.previous : undefined);
      if (verdict) replacements.push({ start: token.start, end: token.end, ...verdict });
    }
    if (frame.kind === 'array') frame.previous = token.type === 'string' ? token.value : undefined;
  };
  for (const token of tokens) {
    const frame = stack[stack.length - 1];
    if (token.type === '{' || token.type === '[') {
      if (frame?.kind === 'array') frame.previous = undefined;
      stack.push(
        token.type === '{'
          ? { kind: 'object', key: null, expectsKey: true }
          : { kind: 'array', index: 0, previous: undefined },
      );
    } else if (token.type === '}' || token.type === ']') {
      stack.pop();
    } else if (token.type === ',') {
      if (frame?.kind === 'object') frame.expectsKey = true;
      if (frame?.kind === 'array') frame.index += 1;
    } else if (token.type === ':') {
      if (frame?.kind === 'object') frame.expectsKey = false;
    } else if (frame?.kind === 'object' && frame.expectsKey) {
      frame.key = String(token.value);
    } else {
      onValue(token);
    }
  }
  return replacements;
}

// ---- TOML (Codex's config.toml) ----

const BARE_KEY = /^[A-Za-z0-9_-]+/;

/** A small TOML reader that keeps positions: every string and scalar value with its table path. */
function tomlReplacements(text) {
  const replacements = [];
  let i = 0;
  let table = [];
  const fail = (message) => {
    throw new ConfigScanError(message, text, i);
  };
  const skipSpace = (newlines) => {
    for (;;) {
      while (i < text.length && (text[i] === ' ' || text[i] === '\t' || (newlines && /[\r\n]/.test(text[i]))))
        i += 1;
      if (text[i] === '#') {
        while (i < text.length && text[i] !== '\n') i += 1;
        if (!newlines) return;
      } else return;
    }
  };
  const readString = () => {
    const start = i;
    const quote = text[i];
    const isMulti = text.startsWith(quote.repeat(3), i);
    if (isMulti) {
      const end = text.indexOf(quote.repeat(3), i + 3);
      if (end === -1) fail('a multi-line string is never closed');
      i = end + 3;
      while (text[i] === quote) i += 1;
      return { start, end: i, value: text.slice(start + 3, i - 3) };
    }
    let j = i + 1;
    while (j < text.length && text[j] !== quote) {
      if (text[j] === '\n') fail('a string runs past the end of its line');
      j += quote === '"' && text[j] === '\\' ? 2 : 1;
    }
    if (j >= text.length) fail('a string is never closed');
    i = j + 1;
    const raw = text.slice(start + 1, j);
    let value = raw;
    if (quote === '"') {
      try {
        value = JSON.parse(
          `"${raw.replace(/\\U([0-9A-Fa-f]{8})/g, (_m, hex) => String.fromCodePoint(Number.parseInt(hex, 16)))}"`,
        );
      } catch {
        value = raw;
      }
    }
    return { start, end: i, value };
  };
  const readKey = () => {
    const parts = [];
    for (;;) {
      skipSpace(false);
      if (text[i] === '"' || text[i] === "'") parts.push(readString().value);
      else {
        const bare = BARE_KEY.exec(text.slice(i, i + 256));
        if (!bare) fail('a key was expected here');
        parts.push(bare[0]);
        i += bare[0].length;
      }
      skipSpace(false);
      if (text[i] !== '.') return parts;
      i += 1;
    }
  };
  const onScalar = (path, token, previous) => {
    const verdict = judge(path, token.value, previous);
    if (verdict) replacements.push({ start: token.start, end: token.end, ...verdict });
  };
  const readValue = (path, previous) => {
    skipSpace(false);
    const char = text[i];
    if (char === '"' || char === "'") {
      const token = readString();
      onScalar(path, token, previous);
      return token.value;
    }
    if (char === '[') {
      i += 1;
      let index = 0;
      let last;
      for (;;) {
        skipSpace(true);
        if (text[i] === ']') {
          i += 1;
          return undefined;
        }
        if (i >= text.length) fail('an array is never closed');
        const item = readValue([...path, index], last);
        last = typeof item === 'string' ? item : undefined;
        index += 1;
        skipSpace(true);
        if (text[i] === ',') i += 1;
        else if (text[i] !== ']') fail('a comma or ] was expected here');
      }
    }
    if (char === '{') {
      i += 1;
      for (;;) {
        skipSpace(false);
        if (text[i] === '}') {
          i += 1;
          return undefined;
        }
        const key = readKey();
        if (text[i] !== '=') fail('= was expected here');
        i += 1;
        readValue([...path, ...key]);
        skipSpace(false);
        if (text[i] === ',') i += 1;
        else if (text[i] !== '}') fail('a comma or } was expected here');
      }
    }
    const start = i;
    while (i < text.length && !/[,\]}#\r\n]/.test(text[i])) i += 1;
    const value = text.slice(start, i).trim();
    if (value === '') fail('a value was expected here');
    if (!/^(true|false|[-+]?(inf|nan)|[-+0-9][0-9_.:eExobTZ+-]*( [0-9:.Z+-]+)?)$/.test(value))
      onScalar(path, { start, end: start + value.length, value }, previous);
    return undefined;
  };
  while (i < text.length) {
    skipSpace(true);
    if (i >= text.length) break;
    if (text[i] === '[') {
      const isArrayTable = text[i + 1] === '[';
      i += isArrayTable ? 2 : 1;
      table = readKey();
      if (isArrayTable) table = [...table, 0];
      if (!text.startsWith(isArrayTable ? ']]' : ']', i)) fail('a table header is never closed');
      i += isArrayTable ? 2 : 1;
    } else {
      const key = readKey();
      if (text[i] !== '=') fail('= was expected here');
      i += 1;
      readValue([...table, ...key]);
    }
    skipSpace(false);
    if (i < text.length && !/[\r\n]/.test(text[i])) fail('the line goes on after its value');
  }
  return replacements;
}

/** Whether a text is TOML rather than JSON: its first thing is not `{` (comments aside). */
function isTomlText(text) {
  const start = text.replace(/^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, '');
  return start !== '' && !start.startsWith('{');
}

/** The text with every secret replaced by `<secret>`, and a list of what was replaced (names only, never values). */
function stripSecrets(text, isToml) {
  const replacements = (isToml ? tomlReplacements(text) : jsonReplacements(text)).sort(
    (a, b) => a.start - b.start,
  );
  let out = '';
  let at = 0;
  for (const item of replacements) {
    out += text.slice(at, item.start) + JSON.stringify(item.value);
    at = item.end;
  }
  out += text.slice(at);
  return {
    text: out,
    stripped: replacements.flatMap((item) => item.found),
    leftOut: replacements.filter((item) => item.isLeftOut).length,
  };
}

// ---- the page ----

const CLIENT_FILES = {
  'claude-desktop': 'claude_desktop_config.json',
  'claude-code': '.mcp.json',
  cursor: '.cursor/mcp.json',
  vscode: '.vscode/mcp.json',
  windsurf: 'mcp_config.json',
  codex: 'config.toml',
};

function describe(item) {
  const place = item.where === 'arg' ? 'argument' : item.where;
  return `${item.server}: ${place} ${item.key}`;
}

function enableStackForm() {
  const form = document.querySelector('form[data-stack-form]');
  if (!form) return;
  const source = form.querySelector('textarea[data-stack-source]');
  const chooser = form.querySelector('input[data-stack-file]');
  const client = form.querySelector('select[name="client"]');
  const sent = form.querySelector('input[name="config"]');
  const file = form.querySelector('input[name="file"]');
  const report = document.getElementById('stack-stripped');
  const preview = document.getElementById('stack-preview');
  const submit = form.querySelector('button[type="submit"]');
  if (!source || !sent || !file || !report || !client || !submit) return;
  for (const element of form.querySelectorAll('[data-needs-script]')) element.hidden = false;
  for (const element of form.querySelectorAll('[data-no-script]')) element.hidden = true;
  submit.disabled = false;

  /** Strips the current text; returns null (and says why) when it cannot be read well enough to strip. */
  const strip = () => {
    const text = source.value;
    const bytes = new Blob([text]).size;
    if (bytes > MAX_CONFIG_BYTES) {
      report.textContent = `This file is ${bytes.toLocaleString('en-US')} bytes, more than the ${MAX_CONFIG_BYTES.toLocaleString('en-US')} a client configuration may have, so nothing will be sent.`;
      report.dataset.state = 'error';
      if (preview) preview.textContent = '';
      return null;
    }
    const isToml = client.value === 'codex' || (client.value === '' && isTomlText(text));
    try {
      const result = stripSecrets(text, isToml);
      file.value = client.value === '' ? (isToml ? 'config.toml' : 'mcp.json') : CLIENT_FILES[client.value];
      const count = result.stripped.length;
      const leftOut =
        result.leftOut === 0
          ? ''
          : ` ${result.leftOut} ${result.leftOut === 1 ? 'value' : 'values'} outside the server tables will be left out.`;
      report.textContent = `${
        count === 0
          ? 'No secrets found to strip.'
          : `${count} ${count === 1 ? 'value' : 'values'} will be replaced by ${PLACEHOLDER} before sending: ${result.stripped.map(describe).join('; ')}.`
      }${leftOut}`;
      report.dataset.state = 'ok';
      if (preview) preview.textContent = result.text;
      return result.text;
    } catch (error) {
      report.textContent = `Cannot read this file to strip its secrets, so nothing will be sent: ${error instanceof Error ? error.message : String(error)}.`;
      report.dataset.state = 'error';
      if (preview) preview.textContent = '';
      return null;
    }
  };
  let timer;
  source.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(strip, 150);
  });
  client.addEventListener('change', strip);
  chooser?.addEventListener('change', async () => {
    const chosen = chooser.files?.[0];
    if (!chosen) return;
    source.value = await chosen.text();
    if (client.value === '') {
      const guess = Object.entries(CLIENT_FILES).find(([, name]) => chosen.name === name.split('/').pop());
      if (guess && chosen.name !== 'mcp.json') client.value = guess[0];
    }
    strip();
  });
  form.addEventListener('submit', (event) => {
    const text = strip();
    if (text === null || source.value.trim() === '') {
      event.preventDefault();
      report.focus();
      return;
    }
    sent.value = text;
  });
  if (source.value !== '') strip();
}

if (typeof document !== 'undefined') enableStackForm();
