// toolrisk progressive enhancement: copy buttons and search-as-you-type. The pages work fully without it.

function enableCopyButtons(root) {
  for (const button of root.querySelectorAll('button[data-copy-target]')) {
    if (!navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener('click', async () => {
      const target = document.getElementById(button.dataset.copyTarget);
      if (!target) return;
      const label = button.textContent;
      try {
        await navigator.clipboard.writeText(target.textContent);
        button.textContent = 'Copied';
        button.dataset.copied = '';
      } catch {
        button.textContent = 'Copy failed';
      }
      setTimeout(() => {
        button.textContent = label;
        delete button.dataset.copied;
      }, 2000);
    });
  }
}

function enableLiveSearch() {
  const form = document.querySelector('form[data-live-search]');
  const results = document.getElementById('results');
  if (!form || !results || !window.fetch) return;
  let timer;
  let controller;
  const update = () => {
    const params = new URLSearchParams(new FormData(form));
    for (const [key, value] of [...params]) if (!value) params.delete(key);
    const url = `/search${params.size > 0 ? `?${params}` : ''}`;
    controller?.abort();
    controller = new AbortController();
    fetch(url, { signal: controller.signal, headers: { accept: 'text/html' } })
      .then((response) =>
        response.ok ? response.text() : Promise.reject(new Error(String(response.status))),
      )
      .then((text) => {
        const next = new DOMParser().parseFromString(text, 'text/html').getElementById('results');
        const current = document.getElementById('results');
        if (next && current) {
          current.replaceWith(document.importNode(next, true));
          history.replaceState(null, '', url);
        }
      })
      .catch(() => {});
  };
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 200);
  });
}

enableCopyButtons(document);
enableLiveSearch();
