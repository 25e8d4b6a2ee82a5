// Model answers the second-opinion tests script the fake Anthropic server with.

/** An opinion that a "purge" tool is a destructive Write, quoting the definition for each claim. */
export const PURGE_OPINION = {
  category: 'Write',
  risk: 'High',
  factors: ['destructive'],
  quotes: [
    { quote: 'the mailbox to purge', supports: 'category' },
    { quote: 'purge', supports: 'destructive' },
    { quote: 'mailbox to purge', supports: 'risk' },
  ],
  rationale: 'It purges a mailbox.',
};
