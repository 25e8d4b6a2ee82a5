// The object lexicon: what the nouns of a tool name say about the data it touches (taxonomy.md, "Risk factors").
import { hasWord, lookupWord, wordSets } from './tokens.js';

/** What a noun says about a tool's data: its risk class when read or written. */
export type ObjectClass =
  | 'credential'
  | 'privilege'
  | 'financial'
  | 'private'
  | 'file'
  | 'untrusted'
  | 'web'
  | 'metadata'
  | 'public'
  | 'container'
  | 'infrastructure'
  | 'message'
  | 'trivial'
  | 'fragment';

const CLASSES: Record<ObjectClass, string> = {
  credential:
    'secret token password passwd credential apikey dsn keyvault vault env environment envvars keychain passphrase cert certificate ssh kubeconfig',
  privilege:
    'permission role access acl member membership collaborator admin administrator firewall policy owner sharing',
  financial:
    'payment invoice refund charge price pricing billing payout balance wallet fund money card subscription_plan coupon transfer',
  private:
    'content contents log mail inbox email message chat conversation attachment replay event note memory memories graph node row record ' +
    'blame history output activity transcript recording user people contact customer block page slide thumbnail kb knowledge ' +
    'network data sheet spreadsheet cell doc_content dm thread prospect employee candidate patient applicant configmap scm source_code ' +
    'reminder submission meeting appointment',
  file: 'file gist document',
  untrusted:
    'issue pr pull comment review discussion notification console screenshot snapshot html element article post tweet ' +
    'reply markdown dom news headlines',
  web: 'web internet website url image video research',
  metadata:
    'info metadata status tree directory directories folder schema type stats statistic count id names list config configuration ' +
    'settings setting scope version structure branch commit tag label category collaborators release team organization project ' +
    'repository repositories alert advisory session process search task calendar drive template artifact result finding ' +
    'summary size sizes source database workspace board column group dimension component usage prompt mode audit self whoami ' +
    'resource subscription link reference flag self template preview customization customizations analytics metric metrics value values path',
  public:
    'doc docs documentation guide example sample blog changelog change tutorial best practice practices library sdk price prices forecast',
  container:
    'repository repo project database db table cluster account workspace bucket site org organization organisation schema ' +
    'collection index namespace tenant drive sheet worksheet column',
  infrastructure:
    'cluster vm vms instance container pod deployment dns domain server firewall bucket kubernetes k8s helm terraform stack ' +
    'network subnet vpc loadbalancer gateway certificate node_pool region machine droplet service',
  message: 'message email mail sms chat dm tweet notification status_update',
  trivial:
    'reaction star subscription pending draft session cache tab search bookmark favorite notification highlight tag label',
  fragment: 'range text content character line paragraph cell row dimension selection word span',
};

function tableFor(cls: ObjectClass): Map<string, true> {
  const map = new Map<string, true>();
  for (const word of CLASSES[cls].split(' ')) map.set(word, true);
  return map;
}

const CLASS_ORDER = Object.keys(CLASSES) as ObjectClass[];
const TABLES = CLASS_ORDER.map((cls) => tableFor(cls));
const BITS = new Map<ObjectClass, number>(CLASS_ORDER.map((cls, index) => [cls, 1 << index]));

// The same nouns recur on every tool (`file`, `issue`, `repository`), so each noun's classes are looked up once.
// Bounded, so hostile names cannot grow it without limit; clearing it changes no result.
const MEMO_LIMIT = 20_000;
const memo = new Map<string, number>();

function classMask(noun: string): number {
  let mask = memo.get(noun);
  if (mask === undefined) {
    mask = 0;
    for (let index = 0; index < TABLES.length; index++) {
      const table = TABLES[index];
      if (table !== undefined && lookupWord(table, noun) === true) mask |= 1 << index;
    }
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(noun, mask);
  }
  return mask;
}

/** True when the noun (or its simple singular) is in the class. */
export function isObject(cls: ObjectClass, noun: string): boolean {
  return (classMask(noun) & (BITS.get(cls) ?? 0)) !== 0;
}

/** True when any of the nouns is in the class. */
export function anyObject(cls: ObjectClass, nouns: readonly string[]): boolean {
  for (const noun of nouns) if (isObject(cls, noun)) return true;
  return false;
}

const PRIVILEGE_BIT = BITS.get('privilege') ?? 0;
const READ_ORDER: ObjectClass[] = ['public', 'untrusted', 'web', 'private', 'file', 'metadata'];

/** The class a read tool's head noun puts it in, reading nouns from the last (the head) towards the first. */
export function readClassOf(nouns: readonly string[]): ObjectClass | undefined {
  for (let i = nouns.length - 1; i >= 0; i--) {
    const mask = classMask(nouns[i] ?? '');
    if (mask === 0) continue;
    // A tree, thread or feed of comments or posts returns them: the head is their shape, not metadata.
    if (i > 0 && nounHas('shapesOfItems', nouns[i] ?? '') && isObject('untrusted', nouns[i - 1] ?? ''))
      return 'untrusted';
    for (const cls of READ_ORDER) if ((mask & (BITS.get(cls) ?? 0)) !== 0) return cls;
    // The head is a known thing of another kind (`user_permissions` reads permissions): the nouns before it only
    // qualify it.
    if ((mask & PRIVILEGE_BIT) !== 0) return 'metadata';
  }
  return undefined;
}

/** Roles a noun plays in particular rules, beside its classes: one table, each row a set of words. */
export type NounRole =
  | 'analyses'
  | 'resolvable'
  | 'documentParts'
  | 'codeLanguages'
  | 'agentWords'
  | 'workloads'
  | 'triggeredByCreation'
  | 'startableRunnables'
  | 'projectEnvironments'
  | 'buildable'
  | 'packages'
  | 'operations'
  | 'pageCaptures'
  | 'bulkTokens'
  | 'codeObjects'
  | 'configObjects'
  | 'orgObjects'
  | 'membership'
  | 'metadataFields'
  | 'networkObjects'
  | 'own'
  | 'genericRecords'
  | 'securityRecords'
  | 'catalogue'
  | 'detailWords'
  | 'correspondence'
  | 'clusterStatus'
  | 'apps'
  | 'orders'
  | 'hooks'
  | 'signInSubjects'
  | 'identityObjects'
  | 'orgScopes'
  | 'memberScopes'
  | 'ambiguousMoney'
  | 'cardQualifiers'
  | 'billingObjects'
  | 'financialRecords'
  | 'accountRecords'
  | 'ledgerWords'
  | 'qualifiedHeads'
  | 'tokenWords'
  | 'payees'
  | 'associations'
  | 'ephemeral'
  | 'wholeValues'
  | 'ownSubjects'
  | 'elements'
  | 'elementHosts'
  | 'shapesOfItems'
  | 'waysOfThinking'
  | 'storedValues'
  | 'storedValueMetadata';

const NOUN_ROLES: Record<NounRole, string> = {
  // Objects of "run X" that are analyses, not programs: `runAccessibilityAudit` reads.
  analyses:
    'audit mode check analysis report diagnostic diagnostics scan lint debugger inspection benchmark operation',
  resolvable: 'thread issue alert conflict incident comment ticket review',
  documentParts: 'paragraph text cell range slide sheet document doc row column table',
  // Nouns that make "run X" run code: a language, a shell, a notebook cell (`execute_python`, `run_shell`).
  codeLanguages:
    'code script python javascript js typescript ts bash shell powershell terminal command cmd cell snippet ruby lua node deno applescript',
  // "computer use": an agent that moves the mouse and types on a whole machine.
  agentWords: 'agent agents computer autopilot operator',
  // LABELLING: running a caller-chosen image (run a pod, create a deployment, install a chart) is a deployment.
  workloads: 'deployment pod chart helm statefulset daemonset replicaset cronjob workload',
  // Creating one of these starts it: a CI build or a run is triggered by being created (taxonomy: triggering a job is Execute; starting a fixed, named operation such as a VM is Write).
  triggeredByCreation: 'build run rerun execution',
  // Things started by a start/queue/submit verb that run what someone defined: a named job, pipeline or workflow.
  startableRunnables: 'job pipeline workflow dag notebook',
  projectEnvironments: 'devcontainer compose',
  buildable: 'project plugin app application site package extension target module crate',
  packages: 'package dependency dependencies component block module library plugin extension gem crate',
  // "Confirm and execute application deletion": executing a named operation performs it; it runs no code.
  operations: 'deletion removal transfer payment order trade swap transaction update changes action',
  pageCaptures: 'screenshot snapshot',
  bulkTokens: 'bulk batch mass all multiple many everything',
  codeObjects: 'pr branch commit package release version workflow tag',
  configObjects: 'config configuration setting settings policy rule preference',
  orgObjects: 'org organization organisation account workspace tenant admin administrator role enterprise',
  membership: 'member membership role user admin administrator owner',
  // Fields whose edit changes a description of a thing, not the thing (`update_bucket_description`).
  metadataFields: 'description name title label tag comment note metadata',
  networkObjects: 'rule policy segment location route service upstream zone tunnel',
  // The caller's own profile or session ("current user", "whoami"): metadata about themselves (Low).
  own: 'current me my own self whoami profile',
  // "current" is the caller's own only beside who they are ("current user"); "the current page" is the page open now.
  ownSubjects: 'user account profile member identity me self',
  // A page's or screen's elements carry what third parties put there; a building model's or a diagram's do not.
  elements: 'element elements',
  elementHosts: 'page screen dom ui web website browser tab app',
  genericRecords: 'resource resources object objects',
  securityRecords: 'entity host account incident detection alert threat',
  catalogue: 'product price coupon plan tax rate currency country',
  detailWords: 'details detail full complete contents content records body bodies',
  // Correspondence, people, calendars and logs: even a listing exposes who wrote to whom, who someone is, where they will be, what they did (LABELLING: Medium).
  correspondence:
    'user people contact customer member employee prospect candidate patient event meeting appointment request log mail email inbox message chat conversation dm thread transcript',
  // On a cloud or cluster server these are the infrastructure's own status, not anyone's private data.
  clusterStatus: 'node event',
  apps: 'apk app application ipa binary',
  orders: 'order trade position',
  hooks: 'webhook hook callback',
  signInSubjects: 'application app user account',
  identityObjects: 'policy role group member membership user admin permission',
  orgScopes: 'org organization organisation workspace tenant enterprise',
  // What one is a member of below the organisation: adding someone shares it (LABELLING: privilege, High).
  memberScopes: 'project team group channel repository repo space board',
  // Billing words that are financial only on a server that fronts payments: a Stripe subscription is billing, a GitHub notification subscription is not.
  billingObjects: 'subscription plan order trade position',
  // What a read of payment data returns: a customer's or a business's billing records (taxonomy: private data). Balances and transactions are left out: on a public blockchain they are public.
  financialRecords: 'payment invoice refund charge payout billing',
  // On a trading or payments server, the account's own holdings and funds are private financial data.
  accountRecords: 'holding margin fund balance position portfolio',
  // Words that make `token` a unit of value (a crypto token's balance, symbol or contract), not a secret.
  ledgerWords: 'balance price symbol supply holder contract address swap mint transfer account pair pool',
  // Heads that a credential word only qualifies: the organisation, user, scope or owner of a token is not the token.
  qualifiedHeads:
    'status info metadata count expiry expiration organization organisation org user owner scope scopes account',
  tokenWords: 'token',
  payees: 'payee beneficiary dispute',
  // Financial words that name something else as often: a board's card, a game's card.
  ambiguousMoney: 'card cards',
  // Words that make a card a payment card.
  cardQualifiers: 'credit debit payment virtual gift prepaid issuing cardholder',
  associations: 'domain brand association mapping assignment owner',
  ephemeral: 'thought thoughts log logs cache history console session progress temp tmp',
  wholeValues: 'key kv object entry blob',
  shapesOfItems: 'tree thread feed',
  waysOfThinking:
    'method methods model models approach approaches technique techniques framework frameworks reasoning thinking principle principles heuristic heuristics',
  // What a key-value or document store holds at a key: its data, not its metadata.
  storedValues:
    'value values field fields member members element elements entry entries document documents vector',
  // What describes stored values without returning them: how many, how long, which type, whether they exist.
  storedValueMetadata: 'number count length size type exists existence ttl expiration schema info',
};

const NOUN_ROLE_SETS = wordSets(NOUN_ROLES);

/** True when the word, exactly as written, plays the role. */
export function nounIs(role: NounRole, word: string): boolean {
  return NOUN_ROLE_SETS.get(role)?.has(word) === true;
}

// The rules ask of the same few nouns whether they play one role after another, and each question tries up to
// four spellings (`policies`, `policy`, …): each noun's roles are found once, for every role at a time. Bounded like
// the class memo above; clearing it changes no result.
const NO_ROLES: ReadonlySet<NounRole> = new Set();
const roleMemo = new Map<string, ReadonlySet<NounRole>>();

function rolesOf(word: string): ReadonlySet<NounRole> {
  const known = roleMemo.get(word);
  if (known !== undefined) return known;
  let roles: Set<NounRole> | undefined;
  for (const [role, set] of NOUN_ROLE_SETS) {
    if (!hasWord(set, word)) continue;
    roles ??= new Set();
    roles.add(role);
  }
  if (roleMemo.size >= MEMO_LIMIT) roleMemo.clear();
  roleMemo.set(word, roles ?? NO_ROLES);
  return roles ?? NO_ROLES;
}

/** True when the word or its simple singular (`files`, `policies`) plays the role. */
export function nounHas(role: NounRole, word: string): boolean {
  return rolesOf(word).has(role);
}
