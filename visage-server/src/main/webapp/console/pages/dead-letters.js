// Dead letters: browse visage.DLQ, retry one or all to their original queues, delete, export.
(function () {
  'use strict';
  const { h, clear, fill, errorBox, confirmButton, flash, num, time, ago, api } = window.Visage;
  const PAGE_SIZE = 20;

  function kvTable(title, map) {
    const entries = Object.entries(map || {});
    return h('div', null, h('div.muted.small', null, title),
      h('table', null, h('tbody', null, entries.length
        ? entries.map(([k, v]) => h('tr', null, h('td', null, k), h('td', null, v === null ? 'null' : String(v))))
        : h('tr', null, h('td', null, '—'), h('td', null, '')))));
  }

  function describeRetry(result) {
    const where = Object.entries(result.by_queue).map(([q, n]) => n + ' to ' + q).join(', ');
    return result.retried === 0 ? 'Nothing to retry.' : 'Sent ' + result.retried + ' back' + (where ? ' (' + where + ')' : '') + '.';
  }

  function card(d, state, reload) {
    const retry = h('button', { type: 'button', dataset: { action: 'retry' } }, 'Retry');
    retry.addEventListener('click', async () => {
      retry.disabled = true;
      try {
        const result = await api('dead-letters/' + d.id + '/retry', { method: 'POST' });
        flash(describeRetry(result), 'ok');
      } catch (error) {
        flash('Retry failed: ' + error.message, 'error');
      }
      await reload();
    });
    const remove = confirmButton('Delete', 'Really delete?', async () => {
      try {
        await api('dead-letters/' + d.id, { method: 'DELETE' });
        flash('Deleted dead letter ' + d.id + '.', 'ok');
      } catch (error) {
        flash('Delete failed: ' + error.message, 'error');
      }
      await reload();
    }, { dataset: { action: 'delete' } });

    const details = h('details', { open: state.open.has(d.id) },
      h('summary', null, 'Headers and properties'),
      h('div.kv', null, kvTable('Headers', d.headers), kvTable('Properties', d.properties)));
    details.addEventListener('toggle', () => {
      if (details.open) state.open.add(d.id); else state.open.delete(d.id);
    });
    const attempts = d.delivery_attempts === null || d.delivery_attempts === undefined ? '—' : d.delivery_attempts;
    return h('article.dead-letter', { dataset: { id: d.id, originalQueue: d.original_queue || '' } },
      h('div.head', null,
        h('div', null,
          h('div.reason', null, d.failure_reason || 'No reason recorded (dead-lettered by the broker)'),
          h('div.meta', null,
            h('span', null, 'original queue ', h('b', null, d.original_queue || 'unknown')),
            h('span', null, 'attempts ', h('b', null, String(attempts))),
            h('span', { title: d.first_failed_at || '' }, 'first failure ', h('b', null, time(d.first_failed_at))),
            h('span', { title: d.last_failed_at || '' }, 'last failure ', h('b', null, time(d.last_failed_at)), ' (' + ago(d.last_failed_at) + ')'),
            h('span', null, 'id ', h('b', null, String(d.id))),
            d.message_id ? h('span.mono', null, d.message_id) : null)),
        h('div.actions', null, retry, remove)),
      d.body === null || d.body === undefined
        ? h('div.muted.small', null, d.body_type + ' message: body not shown')
        : h('pre.body', { dataset: { json: d.pretty_body ? 'yes' : 'no' } }, d.pretty_body || d.body),
      details);
  }

  window.Visage.page({
    id: 'dead-letters', title: 'Dead letters', order: 30,
    render(root, ctx) {
      const state = { page: 1, open: new Set() };
      const toolbar = h('div.toolbar');
      const list = h('div#dead-letters');
      const pager = h('div.pager');
      root.append(toolbar, list, pager);

      async function reload() {
        try {
          const data = await api('dead-letters?page=' + state.page + '&size=' + PAGE_SIZE);
          if (!ctx.alive()) return;
          const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
          if (state.page > pages) { state.page = pages; return reload(); }
          const retryAll = confirmButton('Retry all', 'Retry all ' + data.total + '?', async () => {
            try {
              flash(describeRetry(await api('dead-letters/retry', { method: 'POST' })), 'ok');
            } catch (error) {
              flash('Retry all failed: ' + error.message, 'error');
            }
            await reload();
          }, { id: 'retry-all', disabled: data.total === 0 });
          fill(toolbar, 
            h('span#dlq-total', { dataset: { total: data.total } }, h('b', null, num(data.total)), ' dead letters in ', h('code', null, data.queue)),
            Object.entries(data.by_original_queue).map(([q, n]) => h('span.chip', { title: 'from ' + q }, q, h('b', null, num(n)))),
            h('span.spacer'),
            h('button', { type: 'button', onclick: reload }, 'Refresh'),
            retryAll,
            h('a.button#export', { href: 'api/dead-letters/export', download: 'visage-dead-letters.json' }, 'Export JSON'));
          fill(list, data.items.length ? data.items.map(d => card(d, state, reload))
            : h('div.panel.empty', null, 'The dead-letter queue is empty.'));
          fill(pager, pages > 1 ? [
            h('button', { type: 'button', disabled: state.page <= 1, onclick: () => { state.page--; reload(); } }, '‹ Previous'),
            h('span.muted', null, 'page ' + state.page + ' of ' + pages),
            h('button', { type: 'button', disabled: state.page >= pages, onclick: () => { state.page++; reload(); } }, 'Next ›')] : []);
          ctx.status('updated ' + new Date().toLocaleTimeString('en-GB') + ' · refreshes every 5 s');
        } catch (error) {
          if (!ctx.alive()) return;
          fill(list, errorBox(error));
        }
      }
      // A half-confirmed Delete / Retry all must not vanish under a refresh.
      ctx.every(5000, () => (root.querySelector('.confirming') ? null : reload()));
    }
  });
})();
