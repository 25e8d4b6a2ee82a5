// What the parameters of a schema say about a tool: each named signal comes with the parameter that showed it.
import type { SchemaParam, SchemaWalk } from './schema-signals.js';
import { tokenizeName } from './tokens.js';

/** A signal read from the parameters, with the parameter that carried it. */
export interface ParamHit {
  param: SchemaParam;
  why: string;
}

/** The risk-relevant parameters of a tool, by kind. */
export interface ParamSignals {
  code?: ParamHit;
  command?: ParamHit;
  /** A sub-command router (`command` + `parameters`, "command to execute against the tool"). */
  router?: ParamHit;
  freeQuery?: ParamHit;
  url?: ParamHit;
  webhook?: ParamHit;
  apiPath?: ParamHit;
  httpMethod?: ParamHit;
  /** A free-text method name beside its parameters (`method` + `params`): any method of a remote API or RPC server. */
  remoteMethod?: ParamHit;
  localOutput?: ParamHit;
  localFiles?: ParamHit;
  money?: ParamHit;
  recipients?: ParamHit;
  overwrite?: ParamHit;
  toolName?: ParamHit;
  /** A text parameter named for a query (`query`, `sql`, `statement`), whatever its description says. */
  queryText?: ParamHit;
  /** A package-manager choice (`runtime`, `package_manager` naming npm, pnpm, yarn, pip…). */
  packageManager?: ParamHit;
  /** How many parameters are numbers (for pure computation). */
  numericCount: number;
  /** Where a file is written to (`remotePath`, `destination`). */
  destinationPath?: ParamHit;
  /** A file's bytes handed over (`fileBase64`, `file_data`). */
  fileData?: ParamHit;
  /** An app package to install (`apkPath`). */
  appPackage?: ParamHit;
  /** A local file the tool reads (`file_path`). */
  localFile?: ParamHit;
  /** A container image the caller chooses (`image`, `containerImage`). */
  image?: ParamHit;
  /** A prompt or task for an agent (`prompt`, `task`, `instructions`). */
  agentPrompt?: ParamHit;
  /** `files: [{ path, content }]`: entries that each give a whole file and the path to write it at (the `path`). */
  fileEntries?: ParamHit;
  /** The private key or recovery phrase of an account (`privateKey`, `mnemonic`): what signs its transactions. */
  signingKey?: ParamHit;
  /** A `key` with its `value`: the tool writes a whole value under a key. */
  keyValue?: ParamHit;
  /** A branch the caller names (`branch`, `ref`). */
  branch?: ParamHit;
  /** The whole content of what is written (`content`, `body`). */
  contentParam?: ParamHit;
  /** A manifest or resource document to apply (Kubernetes YAML, a Terraform plan). */
  manifest?: ParamHit;
  /** A host path mount or privileged flag: what makes a deployment code execution on the host (LABELLING). */
  hostAccess?: ParamHit;
  /** Enum values of action/method/operation parameters, tokenised: the operations a multi-action tool offers. */
  actions: { param: SchemaParam; tokens: string[][] }[];
  count: number;
}

const CODE_NAMES = new Set([
  'code',
  'script',
  'javascript',
  'js',
  'python',
  'source_code',
  'sourcecode',
  'snippet',
  'expression',
  'expr',
  'program',
  'function',
  'func',
  'eval',
  'jscode',
  'pagefunction',
  'typescript',
  'lua',
  'ruby',
]);
const CODE_DESCRIPTION =
  /\b(javascript|python|code|script|function)s? to (run|execute|evaluate|eval)\b|\b(run|execute|evaluate)s? (the |this |arbitrary |a )?(javascript|python|code|script|shell)\b|\(\)\s*=>/;
// A parameter named just `code` is often an identifier (airport, country, postal, currency, promo, OTP codes):
// its description saying so, or a fixed set of values, makes it data rather than code to run.
const IDENTIFIER_CODE =
  /\b(id|ids|identifier|iata|icao|iso|country|postal|zip|post|currency|language|locale|region|state|province|airport|station|ticker|symbol|sku|product|promo|coupon|discount|voucher|referral|invite|invitation|verification|confirmation|authori[sz]ation|auth|otp|2fa|mfa|one-time|status|error|http|naics|sic|hs|icd|insee|epci|commune|department|county|municipality)\b|\bcode (of|for) (the |a |an )?[a-z]+\b/;
const BARE_CODE_NAMES = new Set(['code', 'source_code', 'sourcecode', 'snippet']);
const FORWARD_DESTINATION =
  /\b(to which|where)\b[^.]{0,60}\bforwarded\b|\b(forward|forwards|forwarded) (all |incoming |new )?(mail|messages|emails?)? ?to\b/;
// Every match of CODE_DESCRIPTION, and "webhook", contains one of these: most descriptions are ruled out at once.
const DESCRIPTION_HINT = /run|execute|eval|=>|webhook/;
const COMMAND_NAMES = new Set([
  'command',
  'cmd',
  'commands',
  'shell_command',
  'shellcommand',
  'bash',
  'commandline',
  'command_line',
  'args_command',
]);
const QUERY_NAMES = new Set([
  'sql',
  'query',
  'q',
  'statement',
  'sql_query',
  'sqlquery',
  'query_string',
  'querystring',
  'sql_statement',
  'cypher',
  'graphql',
  'mutation',
  'pipeline',
  'aggregation',
  'dsl',
  'expression',
]);
const QUERY_LANGUAGE = /\b(sql|graphql|cypher|mutations?|aggregation pipeline|query dsl|sparql)\b/;
const URL_NAMES = new Set([
  'url',
  'urls',
  'uri',
  'link',
  'href',
  'website',
  'target_url',
  'targeturl',
  'page_url',
]);
const WEBHOOK = /webhook|callback_?url/;
const API_PATH_NAMES = new Set(['path', 'endpoint', 'api_path', 'apipath', 'resource_path', 'route']);
const API_COMPANIONS = new Set(['queryparams', 'query_params', 'method', 'jq', 'headers', 'http_method']);
const HTTP_METHOD_VALUES = new Set(['get', 'post', 'put', 'patch', 'delete']);
const OUTPUT_NAMES =
  /^(output_?(path|dir|directory|file)|local_?path|save_?(path|to|dir)|download_?(path|dir)|dest(ination)?_?(path|dir)|out_?dir|target_?(path|dir))$/;
// A parameter described as the place results are saved: "subdirectory to save the file in", "folder where to save".
const SAVE_PLACE =
  /\b(sub)?(directory|folder|dir|path) (to|where to|in which to) save\b|\bwhere (to save|the (file|output|result) (is|will be) saved)\b/;
const FILES_NAMES = new Set(['paths', 'files', 'filepaths', 'file_paths', 'local_files']);
const MONEY_NAMES = new Set([
  'amount',
  'currency',
  'price',
  'unit_amount',
  'total',
  'cost',
  'payment_method',
  'amount_cents',
  'budget',
]);
const RECIPIENT_NAMES = new Set([
  'to',
  'recipient',
  'recipients',
  'cc',
  'bcc',
  'attendees',
  'invitees',
  'participants',
  'phone',
  'phone_number',
  'phonenumber',
  'to_email',
  'emails',
  'email_addresses',
]);
// Names without their underscores: `overwrite_existing` and `overwriteExisting` are one option.
const OVERWRITE_NAMES = new Set([
  'overwrite',
  'replacecontent',
  'force',
  'replace',
  'overwriteexisting',
  'clobber',
  // Options that empty what the write lands on first.
  'truncate',
  'truncatetarget',
  'truncatetable',
  'dropexisting',
  'deleteexisting',
  'replaceexisting',
]);
const ACTION_NAMES = new Set([
  'action',
  'method',
  'operation',
  'op',
  'actiontype',
  'action_type',
  'subcommand',
  'verb',
]);
type NameRole =
  | 'destinationPath'
  | 'fileData'
  | 'appPackage'
  | 'localFile'
  | 'image'
  | 'agentPrompt'
  | 'signingKey';
const ROLE_NAMES: Record<NameRole, string> = {
  destinationPath: 'remotepath destination dest destpath destinationpath targetpath topath outputpath',
  fileData: 'filebase64 filedata filecontent base64data base64content bytes',
  appPackage: 'apkpath apkfile ipapath ipafile apppath appfile',
  localFile: 'filepath localpath inputfile inputpath sourcepath filename',
  image: 'containerimage dockerimage imagename image',
  agentPrompt: 'prompt task instruction instructions goal objective',
  signingKey:
    'privatekey senderprivatekey walletprivatekey signerprivatekey accountprivatekey mnemonic seedphrase',
};
const ROLE_WHY: Record<NameRole, string> = {
  destinationPath: 'destination path',
  fileData: 'file bytes',
  appPackage: 'app package',
  localFile: 'local file',
  image: 'container image',
  agentPrompt: 'agent prompt',
  signingKey: 'signing key',
};
const NAME_ROLES = new Map<string, NameRole>();
for (const [role, words] of Object.entries(ROLE_NAMES) as [NameRole, string][])
  for (const word of words.split(' ')) NAME_ROLES.set(word, role);
const PACKAGE_MANAGERS = new Set([
  'npm',
  'pnpm',
  'yarn',
  'bun',
  'pip',
  'pipx',
  'uv',
  'poetry',
  'cargo',
  'gem',
  'brew',
  'apt',
]);
const CONTENT_NAMES = new Set([
  'content',
  'contents',
  'file_content',
  'filecontent',
  'body',
  'data',
  'code',
  'snippet',
  'text',
  'input',
  'source',
]);
const MANIFEST_NAMES = new Set([
  'manifest',
  'manifests',
  'yaml',
  'yaml_content',
  'resource_yaml',
  'spec',
  'template_body',
]);
const HOST_ACCESS_NAMES = new Set([
  'privileged',
  'hostpath',
  'host_path',
  'hostnetwork',
  'host_network',
  'hostpid',
  'host_pid',
  'volumes',
  'mounts',
  'binds',
]);
const TOOL_NAME_PARAMS = new Set(['toolname', 'tool_name', 'tool', 'function_name', 'functionname']);

const LANGUAGE_TOKENS = new Set([
  'python',
  'javascript',
  'js',
  'typescript',
  'ts',
  'bash',
  'shell',
  'sh',
  'ruby',
  'lua',
  'r',
  'julia',
  'powershell',
  'node',
]);
const CODE_TOKENS = new Set(['code', 'script', 'source', 'snippet', 'program']);
const RUN_TOKENS = new Set(['execute', 'exec', 'run', 'eval']);
// A sibling switch that runs what is given (`runImmediately`, `execute`, `auto_run`).
const RUN_SWITCH = /^(run|execute|exec|autorun|auto_run)|run_?immediately|runimmediately/;
// `script_id`, `code_path`: a reference to code, not the code itself.
const REFERENCE_TOKENS = new Set([
  'id',
  'ids',
  'name',
  'names',
  'path',
  'file',
  'url',
  'uri',
  'type',
  'list',
  'ref',
  'version',
]);

/** A cheap test before tokenising: does the name contain a code word at all? */
function mentionsCode(name: string): boolean {
  return (
    name.includes('code') ||
    name.includes('script') ||
    name.includes('source') ||
    name.includes('snippet') ||
    name.includes('program')
  );
}

/** `python_code`, `code_to_execute`, `js_snippet`: a code word beside a language or a run word (not `zip_code`). */
function isCompoundCodeName(name: string): boolean {
  const tokens = tokenizeName(name);
  if (tokens.length < 2 || !tokens.some((token) => CODE_TOKENS.has(token))) return false;
  if (tokens.some((token) => REFERENCE_TOKENS.has(token))) return false;
  // `testScript`, `init_script`: a script is code whatever it is for.
  if (tokens.at(-1) === 'script') return true;
  return tokens.some((token) => LANGUAGE_TOKENS.has(token) || RUN_TOKENS.has(token));
}

/** `shell_command`, `bash_cmd`, `command_line`, `command_to_run`: a command word beside a shell or run word. */
function isCompoundCommandName(name: string): boolean {
  const tokens = tokenizeName(name);
  if (tokens.length < 2 || !tokens.some((token) => token === 'command' || token === 'cmd')) return false;
  return tokens.some(
    (token) =>
      LANGUAGE_TOKENS.has(token) || RUN_TOKENS.has(token) || token === 'line' || token === 'terminal',
  );
}

/** Interprets walked parameters into named signals. */
export function readParams(
  walk: SchemaWalk,
  isRouterCandidate: boolean,
  /** Whether the tool's name or description speaks of running code; asked only for a bare `code` parameter. */
  isAboutRunning: () => boolean = () => true,
  /** Whether the tool's name or description names a query language; asked only for a `query`-like parameter. */
  namesQueryLanguage: () => boolean = () => false,
): ParamSignals {
  // Every signal key is set, found or not, in one order, so all signal objects share one shape (see description.ts).
  const signals: ParamSignals = {
    code: undefined,
    command: undefined,
    router: undefined,
    freeQuery: undefined,
    url: undefined,
    webhook: undefined,
    apiPath: undefined,
    httpMethod: undefined,
    remoteMethod: undefined,
    localOutput: undefined,
    localFiles: undefined,
    money: undefined,
    recipients: undefined,
    overwrite: undefined,
    toolName: undefined,
    queryText: undefined,
    packageManager: undefined,
    destinationPath: undefined,
    fileData: undefined,
    appPackage: undefined,
    localFile: undefined,
    image: undefined,
    agentPrompt: undefined,
    signingKey: undefined,
    fileEntries: undefined,
    keyValue: undefined,
    branch: undefined,
    contentParam: undefined,
    manifest: undefined,
    hostAccess: undefined,
    actions: [],
    count: walk.params.length,
    numericCount: 0,
  };
  const names = new Set<string>();
  for (const param of walk.params) names.add(param.name);
  const tool = { routerCandidate: isRouterCandidate, isAboutRunning, namesQueryLanguage };
  for (const param of walk.params) readOne(signals, param, names, tool);
  signals.fileEntries = fileEntryPath(walk.params);
  signals.remoteMethod = remoteMethodOf(walk.params, names);
  return signals;
}

const METHOD_NAMES: ReadonlySet<string> = new Set(['method', 'method_name', 'methodname', 'rpc_method']);
const METHOD_ARGUMENT_NAMES = ['params', 'parameters', 'args', 'arguments'];

/** A top-level free-text `method` whose arguments are another parameter: the caller picks any method to call. */
function remoteMethodOf(params: readonly SchemaParam[], names: ReadonlySet<string>): ParamHit | undefined {
  if (!METHOD_ARGUMENT_NAMES.some((name) => names.has(name))) return undefined;
  const param = params.find(
    (candidate) =>
      METHOD_NAMES.has(candidate.name) &&
      candidate.enumValues.length === 0 &&
      (candidate.type === '' || candidate.type.includes('string')) &&
      !candidate.path.includes('.', 'properties.'.length),
  );
  return param === undefined ? undefined : { param, why: 'a caller-chosen remote method' };
}

const ENTRY_PATH_NAMES: ReadonlySet<string> = new Set([
  'path',
  'filepath',
  'file_path',
  'filename',
  'file_name',
]);

/** The `path` of array entries that also carry a whole content (`files[].path` beside `files[].content`). */
function fileEntryPath(params: readonly SchemaParam[]): ParamHit | undefined {
  for (const param of params) {
    if (!ENTRY_PATH_NAMES.has(param.name)) continue;
    const cut = param.path.lastIndexOf('.properties.');
    const parent = param.path.slice(0, cut);
    if (cut < 0 || !parent.endsWith('.items')) continue;
    const sibling = params.some(
      (other) =>
        other !== param &&
        CONTENT_NAMES.has(other.name) &&
        other.path === `${parent}.properties.${other.rawName}`,
    );
    if (sibling) return { param, why: 'file entries' };
  }
  return undefined;
}

/** The signals a parameter's type and enum values carry, whatever its name. */
function readValueSignals(signals: ParamSignals, param: SchemaParam): void {
  if (param.type === 'number' || param.type === 'integer') signals.numericCount += 1;
  const values = param.enumValues;
  if (values.length === 0) return;
  if (values.length >= 2 && values.filter((value) => HTTP_METHOD_VALUES.has(value)).length >= 2)
    signals.httpMethod ??= { param, why: 'HTTP method' };
  if (values.some((value) => PACKAGE_MANAGERS.has(value)))
    signals.packageManager ??= { param, why: 'package manager' };
}

// Parameter names recur across tools, so whether a name plays any role by itself is computed once per name.
// Bounded, so hostile schemas cannot grow it without limit; clearing it changes no result.
const PLAIN_MEMO_LIMIT = 20_000;
const plainNames = new Map<string, boolean>();

/** True when no rule reads this parameter name (it is in no name set and matches no name pattern). */
function isPlainName(rawName: string, name: string): boolean {
  const known = plainNames.get(rawName);
  if (known !== undefined) return known;
  const plain = !(
    CODE_NAMES.has(name) ||
    BARE_CODE_NAMES.has(name) ||
    mentionsCode(name) ||
    COMMAND_NAMES.has(name) ||
    name.includes('command') ||
    name.includes('cmd') ||
    QUERY_NAMES.has(name) ||
    name.includes('sql') ||
    URL_NAMES.has(name) ||
    WEBHOOK.test(name) ||
    API_PATH_NAMES.has(name) ||
    OUTPUT_NAMES.test(name) ||
    FILES_NAMES.has(name) ||
    MONEY_NAMES.has(name) ||
    RECIPIENT_NAMES.has(name) ||
    OVERWRITE_NAMES.has(name.replaceAll('_', '')) ||
    NAME_ROLES.has(name.replaceAll('_', '')) ||
    name === 'key' ||
    name === 'statement' ||
    name === 'package_manager' ||
    name === 'packagemanager' ||
    name === 'branch' ||
    name === 'branch_name' ||
    name === 'ref' ||
    CONTENT_NAMES.has(name) ||
    MANIFEST_NAMES.has(name) ||
    HOST_ACCESS_NAMES.has(name) ||
    TOOL_NAME_PARAMS.has(name) ||
    ACTION_NAMES.has(name)
  );
  if (plainNames.size >= PLAIN_MEMO_LIMIT) plainNames.clear();
  plainNames.set(rawName, plain);
  return plain;
}

function readOne(
  signals: ParamSignals,
  param: SchemaParam,
  names: ReadonlySet<string>,
  tool: { routerCandidate: boolean; isAboutRunning: () => boolean; namesQueryLanguage: () => boolean },
): void {
  const { routerCandidate } = tool;
  const { name, description } = param;
  const isText = param.type === '' || param.type.includes('string');
  const hinted = isText && description !== '' && DESCRIPTION_HINT.test(description);
  const codeDescription = hinted && CODE_DESCRIPTION.test(description);
  // "Email address to which messages should be automatically forwarded": whatever its name, the parameter
  // chooses where mail goes (a forwarding rule sends every later message there).
  if (isText && description.includes('forward') && FORWARD_DESTINATION.test(description)) {
    signals.recipients ??= { param, why: 'forwarding destination' };
  }
  if (isPlainName(param.rawName, name)) {
    // The fast path (most parameters: `id`, `limit`, `owner`): only what the description, type and enum say.
    if (codeDescription) signals.code ??= { param, why: 'code to run' };
    if (hinted && description.includes('webhook')) signals.webhook ??= { param, why: 'webhook' };
    if (isText && description.includes('sav') && SAVE_PLACE.test(description))
      signals.localOutput ??= { param, why: 'local output path' };
    readValueSignals(signals, param);
    return;
  }
  // A bare `code` is code to run only when something says it runs: its own description, or a tool that runs,
  // executes or evaluates. Code handed over to review, refactor, document or analyse is data (taxonomy: Read).
  const isIdentifierCode =
    BARE_CODE_NAMES.has(name) &&
    !codeDescription &&
    (param.enumValues.length > 0 || IDENTIFIER_CODE.test(description) || !tool.isAboutRunning());
  if (
    isText &&
    (CODE_NAMES.has(name) ||
      codeDescription ||
      // `python_code` in a tool that documents a port is an example; in one that runs things it is code to run.
      (mentionsCode(name) &&
        isCompoundCodeName(param.rawName) &&
        (tool.isAboutRunning() || [...names].some((other) => RUN_SWITCH.test(other))))) &&
    !isIdentifierCode
  ) {
    if (
      name !== 'function' ||
      codeDescription ||
      description.includes('javascript') ||
      description.includes('=>') ||
      description === ''
    )
      signals.code ??= { param, why: 'code to run' };
  }
  // A `command` limited to an enum picks one of the tool's own operations (`view`, `create`): an action, not a shell.
  const isChoice = param.enumValues.length > 0;
  if (
    (COMMAND_NAMES.has(name) ||
      ((name.includes('command') || name.includes('cmd')) && isCompoundCommandName(param.rawName))) &&
    isText &&
    !isChoice
  ) {
    const routes =
      description.includes('tool') || names.has('parameters') || names.has('learn') || routerCandidate;
    if (routes) signals.router ??= { param, why: 'sub-command router' };
    else signals.command ??= { param, why: 'command to run' };
  }
  if (
    isText &&
    QUERY_NAMES.has(name) &&
    (name === 'sql' ||
      name === 'cypher' ||
      name === 'graphql' ||
      name.includes('sql') ||
      QUERY_LANGUAGE.test(description) ||
      ((name === 'query' || name === 'statement') &&
        param.enumValues.length === 0 &&
        tool.namesQueryLanguage()))
  ) {
    signals.freeQuery ??= { param, why: 'free-form query' };
  }
  // A nested `url` or `to` is usually data (an icon URL, a graph edge); only top-level ones choose a destination.
  const topLevel = !param.path.includes('.', 'properties.'.length);
  if (URL_NAMES.has(name) && topLevel) signals.url ??= { param, why: 'caller-chosen URL' };
  if (WEBHOOK.test(name) || (isText && hinted && description.includes('webhook')))
    signals.webhook ??= { param, why: 'webhook' };
  if (API_PATH_NAMES.has(name) && [...API_COMPANIONS].some((companion) => names.has(companion))) {
    signals.apiPath ??= { param, why: 'raw API path' };
  }

  if (OUTPUT_NAMES.test(name) || (isText && description.includes('sav') && SAVE_PLACE.test(description)))
    signals.localOutput ??= { param, why: 'local output path' };
  if (FILES_NAMES.has(name)) signals.localFiles ??= { param, why: 'local files' };
  if (MONEY_NAMES.has(name)) signals.money ??= { param, why: 'money amount' };
  if (RECIPIENT_NAMES.has(name) && topLevel) signals.recipients ??= { param, why: 'recipients' };
  const unspaced = name.includes('_') ? name.replaceAll('_', '') : name;
  if (OVERWRITE_NAMES.has(unspaced) && (param.type === 'boolean' || unspaced === 'replacecontent')) {
    signals.overwrite ??= { param, why: 'overwrite option' };
  }
  readValueSignals(signals, param);
  // One lookup of the name without underscores names every role below (`remote_path` and `remotePath` alike).
  const role = NAME_ROLES.get(name.includes('_') ? name.replaceAll('_', '') : name);
  if (role !== undefined && (isText || (role !== 'image' && role !== 'agentPrompt'))) {
    const why = ROLE_WHY[role];
    // A bare `image` is a picture unless its description speaks of containers.
    const containerImage =
      name !== 'image' || description.includes('docker') || description.includes('container');
    if (role !== 'image' || (containerImage && !description.includes('url')))
      signals[role] ??= { param, why };
  }
  if (name === 'key' && names.has('value') && topLevel) signals.keyValue ??= { param, why: 'key and value' };
  if (isText && (name === 'query' || name === 'sql' || name === 'statement' || name === 'sql_query'))
    signals.queryText ??= { param, why: 'query text' };
  if (name === 'package_manager' || name === 'packagemanager')
    signals.packageManager ??= { param, why: 'package manager' };
  if ((name === 'branch' || name === 'branch_name' || name === 'ref') && topLevel)
    signals.branch ??= { param, why: 'branch' };
  if (CONTENT_NAMES.has(name) && topLevel) signals.contentParam ??= { param, why: 'whole content' };
  if (MANIFEST_NAMES.has(name) && isText) signals.manifest ??= { param, why: 'a manifest to apply' };
  if (HOST_ACCESS_NAMES.has(name)) signals.hostAccess ??= { param, why: 'host mount or privileged mode' };
  if (TOOL_NAME_PARAMS.has(name)) signals.toolName ??= { param, why: 'names a tool to call' };
  if ((ACTION_NAMES.has(name) || COMMAND_NAMES.has(name)) && isChoice) {
    signals.actions.push({ param, tokens: param.enumValues.map((value) => tokenizeName(value)) });
  }
}
