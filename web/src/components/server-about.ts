// What a server is: how to install it (each package with its command), its repository, remotes and where it was seen.
import { html, type SafeHtml } from '../html.js';
import type { PackageView, ServerAboutView } from '../view-models.js';
import { formatDate } from './format.js';

/** The command that runs a package, by its registry's convention; null for a registry with no one-line runner. */
export function installCommand(pkg: PackageView): string | null {
  const { identifier, version } = pkg;
  switch (pkg.registryType) {
    case 'npm':
      return `npx -y ${identifier}${version ? `@${version}` : ''}`;
    case 'pypi':
      return `uvx ${identifier}${version ? `==${version}` : ''}`;
    case 'oci':
    case 'docker':
      return `docker run -i --rm ${identifier}${version && !identifier.includes(':') ? `:${version}` : ''}`;
    case 'nuget':
      return `dnx ${identifier}${version ? `@${version}` : ''} --yes`;
    default:
      return null;
  }
}

const SOURCE_NAMES: Record<string, string> = {
  seed: 'shipped catalogue',
  import: 'imported',
  registry: 'MCP Registry',
  list: 'directory list',
  explicit: 'crawled by an operator',
  submission: 'submitted, then crawled',
  api: 'stored through the API by a key',
};

function packageItem(pkg: PackageView): SafeHtml {
  const command = installCommand(pkg);
  return html`<li><span class="chip">${pkg.registryType}</span> <code>${pkg.identifier}</code>${pkg.version ? html` <span class="muted small">${pkg.version}</span>` : ''}${pkg.transport ? html` <span class="muted small">over ${pkg.transport}</span>` : ''}${
    command ? html`<pre class="install"><code>${command}</code></pre>` : ''
  }</li>`;
}

/** The "What it is" panel of a server page; every value comes from the registry or a crawl and is escaped. */
export function serverAbout(about: ServerAboutView): SafeHtml {
  return html`<section class="panel" aria-labelledby="server-about" id="about">
<h2 id="server-about">What it is</h2>
<dl class="facts">
${about.registryName ? html`<dt>Registry name</dt><dd><code>${about.registryName}</code></dd>` : ''}
<dt>Install</dt><dd>${
    about.packages.length > 0
      ? html`<ul class="packages">${about.packages.map(packageItem)}</ul>`
      : html`<span class="muted">No package is published.</span>`
  }</dd>
${about.remotes.length > 0 ? html`<dt>Remote</dt><dd><ul class="remotes">${about.remotes.map((remote) => html`<li><span class="chip">${remote.type}</span> <code>${remote.url}</code></li>`)}</ul></dd>` : ''}
<dt>Repository</dt><dd>${about.repositoryUrl ? html`<a href="${about.repositoryUrl}" rel="nofollow noopener">${about.repositoryUrl}</a>` : html`<span class="muted">Not given.</span>`}</dd>
${about.websiteUrl ? html`<dt>Website</dt><dd><a href="${about.websiteUrl}" rel="nofollow noopener">${about.websiteUrl}</a></dd>` : ''}
<dt>Seen in</dt><dd>${
    about.sources.length > 0
      ? html`<ul class="sources">${about.sources.map((source) => html`<li>${SOURCE_NAMES[source.kind] ?? source.kind} <code class="small">${source.ref}</code> <span class="muted small">${formatDate(source.seenAt)}</span></li>`)}</ul>`
      : html`<span class="muted">Nowhere recorded.</span>`
  }</dd>
</dl>
</section>`;
}
