// The object lexicon: what the nouns of a tool name say about the data it touches (taxonomy.md, "Risk factors").
import { lookupWord } from './tokens.js';

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
    'network data sheet spreadsheet cell doc_content dm thread prospect employee candidate patient applicant configmap scm source_code',
  file: 'file gist',
  untrusted:
    'issue pr pull comment review discussion notification console screenshot snapshot html element article post tweet ' +
    'reply markdown dom',
  web: 'web internet news website url image video research',
  metadata:
    'info metadata status tree directory directories folder schema type stats statistic count id names list config configuration ' +
    'settings setting scope version structure branch commit tag label category collaborators release team organization project ' +
    'repository repositories alert advisory session process search task calendar drive template artifact result finding ' +
    'summary size sizes source database workspace board column group dimension component usage prompt mode audit self whoami ' +
    'resource subscription link reference flag self template preview customization customizations analytics metric metrics value values',
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
    for (const cls of READ_ORDER) if ((mask & (BITS.get(cls) ?? 0)) !== 0) return cls;
    // The head is a known thing of another kind (`user_permissions` reads permissions): the nouns before it only
    // qualify it.
    if ((mask & PRIVILEGE_BIT) !== 0) return 'metadata';
  }
  return undefined;
}
