// The few rules of English the plain-language sentences need: articles, plural heads, lists and readable words.

/** Abbreviations in tool names, written out (or in their usual capitals) for a reader. */
const WORDS: Readonly<Record<string, string>> = {
  pr: 'pull request',
  prs: 'pull requests',
  repo: 'repository',
  repos: 'repositories',
  db: 'database',
  dbs: 'databases',
  dir: 'directory',
  dirs: 'directories',
  env: 'environment',
  envvars: 'environment variables',
  apikey: 'API key',
  apikeys: 'API keys',
  source_code: 'source code',
  doc_content: 'document content',
  id: 'ID',
  ids: 'IDs',
  url: 'URL',
  urls: 'URLs',
  api: 'API',
  apis: 'APIs',
  sql: 'SQL',
  json: 'JSON',
  html: 'HTML',
  pdf: 'PDF',
  csv: 'CSV',
  css: 'CSS',
  ui: 'UI',
  ai: 'AI',
  llm: 'LLM',
  mcp: 'MCP',
  vm: 'VM',
  vms: 'VMs',
  dns: 'DNS',
  k8s: 'Kubernetes',
  dm: 'direct message',
  dms: 'direct messages',
  kb: 'knowledge base',
  ci: 'CI',
  npm: 'npm',
  info: 'information',
  us: 'US',
  uk: 'UK',
  eu: 'EU',
  dsn: 'DSN',
  seo: 'SEO',
  txt: 'TXT',
};

/** Words of a tool's name that mean the caller itself or a thing only one of (`get_me`, `search_web`), as a reader says them. */
const OBJECT_WORDS: Readonly<Record<string, string>> = {
  web: 'the web',
  internet: 'the internet',
  me: 'the signed-in account',
  self: 'the signed-in account',
  whoami: 'the signed-in account',
  my: "the signed-in user's",
};

/** Nouns that take no article and have no plural as a head ("read data", not "read a data"). */
const MASS_NOUNS = new Set(
  (
    'data content contents information metadata status text memory documentation code feedback weather news traffic ' +
    'elevation context usage analytics access history output input help advice guidance storage pricing billing ' +
    'health configuration research knowledge mail evidence software media audio time progress insight insights ' +
    'inventory documentation markdown source code logging telemetry quota geocode directions ' +
    'everything something anything nothing'
  ).split(' '),
);

/** Words that, opening a noun phrase, already determine it: no article before them. */
const DETERMINERS = new Set(
  'a an the all any every each some many multiple several my your its their this that these those current own other next'.split(
    ' ',
  ),
);

/** Prepositions that end the head of a noun phrase ("issues for a repository": the head is "issues"). */
export const PREPOSITIONS = new Set(
  'of for by in from to with on at as into onto about via per between within without'.split(' '),
);

/** Words a sentence must not end a phrase on: a dangling "by" or "and" is no English. */
const DANGLING = new Set([...PREPOSITIONS, 'and', 'or', 'the', 'a', 'an']);

/** A name token as a reader writes it: abbreviations spelled out, underscores as spaces. */
export function readableWord(token: string): string {
  return WORDS[token] ?? token.replaceAll('_', ' ');
}

/** A token of the object a tool acts on as a reader says it: `me` is the signed-in account, `web` the web. */
export function objectWord(token: string): string {
  return OBJECT_WORDS[token] ?? readableWord(token);
}

/** Whether a head noun reads as a plural (`files`, `repositories`), so it takes no article. */
export function isPluralNoun(word: string): boolean {
  const lower = word.toLowerCase();
  if (lower.length < 3 || !lower.endsWith('s')) return false;
  return !/(ss|us|is|os|ics)$/.test(lower) || /(ies|ses|xes|ches|shes)$/.test(lower);
}

// Words spelled with a vowel letter but said with a consonant ("a user", "a one-off") or the reverse ("an hour").
const CONSONANT_SOUNDS = /^(uni(?!mp|nt|ns|nh|nd|nl|ns)|us[aeiu]|use|uti|ur[aeiou]|eu|one|once|ubiq|uk)/i;
const VOWEL_SOUNDS = /^(hour|honest|honou?r|heir|[fhlmnrsx]$)/i;
// Capitalised abbreviations are spelled letter by letter: "an SQL", "an MCP", "a URL", "an HTML".
const VOWEL_LETTER_NAMES = /^[AEFHILMNORSX]/;

/** The indefinite article for a word, by its sound: "a user", "an issue", "an SQL query", "a URL". */
export function articleFor(word: string): 'a' | 'an' {
  if (/^[A-Z]{2,}/.test(word)) return VOWEL_LETTER_NAMES.test(word) ? 'an' : 'a';
  if (VOWEL_SOUNDS.test(word)) return 'an';
  if (CONSONANT_SOUNDS.test(word)) return 'a';
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** Whether a noun phrase (its words) is read without an article: a plural or mass head, or a determiner first. */
export function takesNoArticle(phrase: readonly string[]): boolean {
  const words = phrase.join(' ').split(' ');
  const [first] = words;
  if (first === undefined) return true;
  // A quoted name (“a”) is said as it is written.
  if (DETERMINERS.has(first.toLowerCase()) || /^[\d“]/.test(first)) return true;
  const head = headOf(words);
  return isPluralNoun(head) || MASS_NOUNS.has(head.toLowerCase());
}

/** The head word of a noun phrase: the last word before its first preposition. */
export function headOf(words: readonly string[]): string {
  const stop = words.findIndex((word, index) => index > 0 && PREPOSITIONS.has(word));
  const body = stop < 0 ? words : words.slice(0, stop);
  return (body[body.length - 1] ?? '').split(' ').pop() ?? '';
}

/** A noun phrase with its article when it needs one: "a file", "issues", "an SQL query". */
export function withArticle(words: readonly string[]): string {
  const text = words.join(' ');
  if (text === '' || takesNoArticle(words)) return text;
  return `${articleFor(text)} ${text}`;
}

/** Drops words a phrase must not end on (`get_issue_by` → "issue"). */
export function trimDangling(words: readonly string[]): string[] {
  const out = [...words];
  while (out.length > 0 && DANGLING.has(out[out.length - 1] ?? '')) out.pop();
  while (out.length > 0 && DANGLING.has(out[0] ?? '') && !DETERMINERS.has(out[0] ?? '')) out.shift();
  return out;
}

/** Items as an English list: "a", "a and b", "a, b and c" (or "or"). */
export function listOf(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1] ?? ''}`;
}

/** The text with its first letter in upper case. */
export function capitalise(text: string): string {
  return text.length === 0 ? text : `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}
