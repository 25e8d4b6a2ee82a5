// Documented attack patterns per taxonomy risk factor: how each factor is abused, and what contains it.

/** How a risk factor is abused through an agent, and the control that contains it. */
export interface AttackPattern {
  title: string;
  attack: string;
  control: string;
}

/** One attack pattern per factor of taxonomy.md, "Risk factors". */
export const ATTACK_PATTERNS: Readonly<Record<string, AttackPattern>> = {
  destructive: {
    title: 'Destructive call hijacking',
    attack:
      'An instruction injected into content the agent reads, or a plain planning mistake, makes the agent delete or overwrite data. The call looks legitimate, and without a confirmation step the loss happens at once and may not be reversible.',
    control:
      'Require human approval for each call, keep backups, and scope the credentials the server holds.',
  },
  financial: {
    title: 'Unauthorised spending',
    attack:
      'Injected text steers the agent to pay, refund, or change prices or billing, with an amount or payee the attacker chose. Money that has moved is hard to recover.',
    control:
      'Deny by default; when enabled, cap amounts with an argument rule and require approval above the cap.',
  },
  credentials: {
    title: 'Secret exposure and exfiltration',
    attack:
      'Secrets the tool reads land in the model context, where any later prompt injection can ask the agent to repeat them into a message, a file or a URL. Tools that write credentials can also plant an attacker-known key.',
    control:
      'Require approval, never combine with outbound tools in one session, and prefer short-lived, narrowly scoped tokens.',
  },
  privilege: {
    title: 'Privilege escalation and persistence',
    attack:
      'An induced call invites an outside account, widens a role or shares a resource publicly, leaving access that outlives the session and the agent.',
    control: 'Require approval and review membership and sharing changes in the audit log.',
  },
  external_comm: {
    title: 'Data exfiltration through outbound messages',
    attack:
      'A prompt injection asks the agent to send private context (files, mail, secrets) to an address, channel or URL the attacker controls. The same tool can post phishing or spam in the user’s name.',
    control: 'Allow-list recipients or hosts with an argument rule, and require approval for anything else.',
  },
  sensitive_read: {
    title: 'Private data in the context window',
    attack:
      'Private data the tool returns becomes part of the model context. With untrusted content and any outbound channel in the same session it is the payload of an exfiltration (the "lethal trifecta").',
    control:
      'Rate-limit reads, restrict paths or scopes, and keep outbound tools out of sessions that read private data.',
  },
  untrusted_content: {
    title: 'Indirect prompt injection',
    attack:
      'The tool returns text written by third parties (web pages, issues, emails, search results). Instructions hidden in that text can be followed by the model and turned into calls to other, more powerful tools.',
    control:
      'Treat results as data, not instructions: pair with approval on every Write or Execute tool in the same session.',
  },
  code_execution: {
    title: 'Arbitrary code execution',
    attack:
      'Whatever the agent is talked into becomes a command or script on the host, container or page: reading secrets, installing malware, or pivoting to other systems.',
    control: 'Require approval per call, run in a sandbox without credentials, and rate-limit.',
  },
  infrastructure: {
    title: 'Infrastructure tampering',
    attack:
      'Changes to DNS, deployments, clusters or network rules can take a service down, expose it to the internet, or redirect its traffic.',
    control: 'Require approval, limit the tool to non-production accounts, and alert on changes.',
  },
  bulk: {
    title: 'Blast-radius amplification',
    attack:
      'One mistaken or induced call touches many items at once: a mass delete, a mass update, or a broadcast to every contact.',
    control:
      'Deny by default or require approval; cap the number of items with an argument rule where the schema allows.',
  },
  suspicious_description: {
    title: 'Tool poisoning',
    attack:
      'The description itself carries instructions to the model (hidden <IMPORTANT> blocks, "do not tell the user", requests to read ~/.ssh or other tools’ data). It acts as soon as the agent lists tools, even if the tool is never called, and a server can add it after review (a rug pull).',
    control: 'Hide the tool from the agent, pin reviewed definition hashes, and report the server.',
  },
};
