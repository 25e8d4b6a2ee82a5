// The full-text expressions of tools and servers (shared by their GIN indexes and every query) and search terms.
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';

/**
 * A name's words: camelCase, snake_case, kebab-case and dotted names split apart (`deleteItem` → `delete Item`,
 * `HTTPServer` → `HTTP Server`), the name itself kept too so the joined spelling is still a word.
 */
function nameWordsSql(name: AnyColumn | SQL): SQL {
  return sql`${name} || ' ' || regexp_replace(regexp_replace(regexp_replace(${name}, '([[:lower:][:digit:]])([[:upper:]])', '\\1 \\2', 'g'), '([[:upper:]])([[:upper:]][[:lower:]])', '\\1 \\2', 'g'), '[^[:alnum:]]+', ' ', 'g')`;
}

/** A name folded to its letters and digits, lower case: `delete_item`, `deleteItem` and `Delete-Item` are one key. */
export function nameKeySql(name: AnyColumn | SQL): SQL {
  return sql`lower(regexp_replace(${name}, '[^[:alnum:]]+', '', 'g'))`;
}

/**
 * The tool search vector: name words weigh A, the title B, the description C. The GIN index
 * `tools_search_idx` is built on exactly this expression, so the planner uses it for `@@`.
 */
export function toolSearchVector(columns: {
  name: AnyColumn;
  title: AnyColumn;
  description: AnyColumn;
}): SQL {
  return sql`(setweight(to_tsvector('simple'::regconfig, ${nameWordsSql(columns.name)}), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce(${columns.title}, '')), 'B') || setweight(to_tsvector('simple'::regconfig, coalesce(${columns.description}, '')), 'C'))`;
}

/**
 * A server's name as people say it: the last segment of its registry name (`io.github.acme/github-mcp` → `github-mcp`,
 * so the `io.github.` namespace every registry server carries is not a word of its name), else its id.
 */
export function serverNameSql(columns: { id: AnyColumn; registryName: AnyColumn }): SQL {
  return sql`coalesce(nullif(substring(${columns.registryName} from '[^/]+$'), ''), ${columns.id})`;
}

/**
 * The server search vector: its name and title weigh A, its packages' identifiers B, the description C; the GIN index
 * `servers_search_idx` is built on exactly this expression.
 */
export function serverSearchVector(columns: {
  id: AnyColumn;
  registryName: AnyColumn;
  title: AnyColumn;
  description: AnyColumn;
  packages: AnyColumn;
}): SQL {
  const name = serverNameSql(columns);
  const packages = sql`regexp_replace(jsonb_path_query_array(${columns.packages}, '$[*].identifier')::text, '[^[:alnum:]]+', ' ', 'g')`;
  return sql`(setweight(to_tsvector('simple'::regconfig, ${nameWordsSql(name)} || ' ' || coalesce(${columns.title}, '')), 'A') || setweight(to_tsvector('simple'::regconfig, ${packages}), 'B') || setweight(to_tsvector('simple'::regconfig, coalesce(${columns.description}, '')), 'C'))`;
}

/** What a search text asks for: its words (as the vectors split names) and its name key. */
export interface SearchTerms {
  /** Lower-case words, camelCase and punctuation split as in the vectors; empty when the text has none. */
  words: string[];
  /** The words joined, compared with a name's key for exact and prefix matches. */
  key: string;
}

/** Splits a search text like the vectors split names: `deleteItem`, `delete item` and `delete-item` ask for the same words. */
export function searchTermsOf(text: string): SearchTerms {
  const spaced = text
    .normalize('NFKC')
    .replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2');
  const words = (spaced.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16);
  return { words, key: words.join('') };
}

/**
 * The tsquery text of the words: all must appear, the last as a prefix (search as you type); `weights` narrows the
 * match to vector weights (`AB`: name or title). The words hold letters and digits only, so quoting them is safe.
 */
export function tsQueryOf(words: readonly string[], weights = ''): string {
  return words
    .map((word, index) => {
      const label = `${index === words.length - 1 ? '*' : ''}${weights}`;
      return label === '' ? `'${word}'` : `'${word}':${label}`;
    })
    .join(' & ');
}
