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
    'secret token password passwd credential apikey dsn keyvault vault env environment keychain passphrase cert certificate ssh',
  privilege:
    'permission role access acl member membership collaborator admin administrator firewall policy owner sharing',
  financial:
    'payment invoice refund charge price pricing billing payout balance wallet fund money card subscription_plan coupon',
  private:
    'content contents log mail inbox email message chat conversation attachment replay event note memory memories graph node row record ' +
    'blame history output activity transcript recording user people contact customer block page slide thumbnail kb knowledge ' +
    'network data sheet spreadsheet cell doc_content dm thread',
  file: 'file gist',
  untrusted:
    'issue pr pull comment review discussion notification console screenshot snapshot html text element article post tweet code ' +
    'reply markdown dom',
  web: 'web internet news website url image video research',
  metadata:
    'info metadata status tree directory directories folder schema type stats statistic count id names list config configuration ' +
    'settings setting scope version structure branch commit tag label category collaborators release team organization project ' +
    'repository repositories alert advisory session process search task calendar drive template artifact result finding ' +
    'summary size sizes source database workspace board column group dimension component usage prompt mode audit self whoami ' +
    'resource subscription link reference flag',
  public:
    'doc docs documentation guide example blog changelog change tutorial best practice practices library sdk',
  container:
    'repository repo project database db table cluster account workspace bucket site org organization organisation schema ' +
    'collection index namespace tenant drive',
  infrastructure:
    'cluster vm vms instance container pod deployment dns domain server firewall bucket kubernetes k8s helm terraform stack ' +
    'network subnet vpc loadbalancer gateway certificate node_pool region machine droplet service',
  message: 'message email mail sms chat dm tweet notification status_update',
  trivial:
    'reaction star subscription pending draft session cache tab search bookmark favorite notification highlight',
  fragment: 'range text content character line paragraph cell row column dimension selection word span',
};

function tableFor(cls: ObjectClass): Map<string, true> {
  const map = new Map<string, true>();
  for (const word of CLASSES[cls].split(' ')) map.set(word, true);
  return map;
}

const TABLES = new Map<ObjectClass, Map<string, true>>(
  (Object.keys(CLASSES) as ObjectClass[]).map((cls) => [cls, tableFor(cls)]),
);

/** True when the noun (or its simple singular) is in the class. */
export function isObject(cls: ObjectClass, noun: string): boolean {
  const table = TABLES.get(cls);
  return table !== undefined && lookupWord(table, noun) === true;
}

/** True when any of the nouns is in the class. */
export function anyObject(cls: ObjectClass, nouns: readonly string[]): boolean {
  for (const noun of nouns) if (isObject(cls, noun)) return true;
  return false;
}

/** The class a read tool's head noun puts it in, reading nouns from the last (the head) towards the first. */
export function readClassOf(nouns: readonly string[]): ObjectClass | undefined {
  const order: ObjectClass[] = ['public', 'untrusted', 'web', 'private', 'file', 'metadata'];
  for (let i = nouns.length - 1; i >= 0; i--) {
    const noun = nouns[i] ?? '';
    for (const cls of order) if (isObject(cls, noun)) return cls;
  }
  return undefined;
}
