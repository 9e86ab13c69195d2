// Dedup: the cache of remembered images and faces (size, hit rates, settings); flush one tenant or all.
(function () {
  'use strict';
  const { h, fill, pill, errorBox, confirmButton, flash, num, api } = window.Visage;

  function percent(rate) {
    return rate === null || rate === undefined ? '—' : (100 * rate).toFixed(rate > 0 && rate < 0.1 ? 1 : 0) + '%';
  }

  function seconds(s) {
    if (s % 86400 === 0) return s / 86400 + ' d';
    if (s % 3600 === 0) return s / 3600 + ' h';
    if (s % 60 === 0) return s / 60 + ' min';
    return s + ' s';
  }

  /** A rate as text over a thin bar (its width set through CSSOM: the CSP allows no inline styles). */
  function rateCell(field, rate, hits, checks) {
    const bar = h('div.rate-bar', null, h('span'));
    bar.firstChild.style.width = rate ? (100 * rate).toFixed(1) + '%' : '0';
    return h('td.num', { dataset: { field }, title: num(hits) + ' of ' + num(checks) }, percent(rate), bar);
  }

  function tile(label, value, sub, id) {
    return h('div.tile', { dataset: { counter: id } }, h('div.label', null, label), h('div.value', null, value),
      sub ? h('div.sub.muted.small', null, sub) : null);
  }

  window.Visage.page({
    id: 'dedup', title: 'Dedup', order: 70,
    render(root, ctx) {
      const summary = h('div.panel#dedup-summary');
      const tenants = h('div.panel#dedup-tenants');
      root.append(summary, tenants);

      async function flush(tenant) {
        try {
          const result = await api('dedup' + (tenant ? '?' + new URLSearchParams({ tenant }) : ''), { method: 'DELETE' });
          flash('Flushed ' + num(result.removed) + ' remembered images and faces of ' + (tenant || 'every tenant') + '.', 'ok');
        } catch (error) {
          flash('Flush failed: ' + error.message, 'error');
        }
        await refresh();
      }

      async function refresh() {
        try {
          const board = await api('dedup');
          if (!ctx.alive()) return;
          const g = board.global;
          const s = board.settings;
          fill(summary,
            h('h2', null, h('span', null, 'Dedup cache ', pill(s.enabled ? 'enabled' : 'disabled')),
              h('span.toolbar.inline', null,
                h('span.chip', { title: 'DEDUP_MAX_HAMMING' }, 'near duplicate ≤', h('b', null, s.max_hamming + ' bits')),
                h('span.chip', { title: 'DEDUP_TTL_SECONDS' }, 'remembered for', h('b', null, seconds(s.ttl_seconds))),
                confirmButton('Flush all', 'Flush every tenant?', () => flush(null), { id: 'flush-all' }))),
            h('div.tiles', null,
              tile('Images remembered', num(g.images), 'live entries (pHash)', 'images'),
              tile('Faces remembered', num(g.faces), 'live entries (face keys)', 'faces'),
              tile('Image hit rate', percent(g.image_hit_rate), num(g.image_hits) + ' of ' + num(g.image_checks) + ' lookups', 'image-hit-rate'),
              tile('Face hit rate', percent(g.face_hit_rate), num(g.face_hits) + ' of ' + num(g.face_checks) + ' faces', 'face-hit-rate')));
          const rows = board.tenants.map(t => h('tr', { dataset: { tenant: t.scope } },
            h('td', null, t.scope),
            h('td.num', { dataset: { field: 'images' } }, num(t.images)),
            h('td.num', { dataset: { field: 'faces' } }, num(t.faces)),
            h('td.num', null, num(t.image_hits) + ' / ' + num(t.image_checks)),
            rateCell('image_hit_rate', t.image_hit_rate, t.image_hits, t.image_checks),
            h('td.num', null, num(t.face_hits) + ' / ' + num(t.face_checks)),
            rateCell('face_hit_rate', t.face_hit_rate, t.face_hits, t.face_checks),
            h('td.num', null, confirmButton('Flush', 'Flush ' + t.scope + '?', () => flush(t.scope), { dataset: { action: 'flush' } }))));
          fill(tenants,
            h('h2', null, h('span', null, num(board.tenants.length) + (board.tenants.length === 1 ? ' tenant' : ' tenants')),
              h('span.muted', null, 'hits / lookups since the last flush')),
            rows.length ? h('div.table-wrap', null, h('table#dedup-table', null,
              h('thead', null, h('tr', null, h('th', null, 'Tenant'), h('th.num', null, 'Images'), h('th.num', null, 'Faces'),
                h('th.num', null, 'Image hits'), h('th.num', null, 'Image hit rate'), h('th.num', null, 'Face hits'),
                h('th.num', null, 'Face hit rate'), h('th.num', null, ''))),
              h('tbody', null, rows))) : h('div.empty', null, 'Nothing remembered: the cache is empty.'));
          ctx.status('updated ' + new Date().toLocaleTimeString('en-GB') + ' · refreshes every 5 s');
        } catch (error) {
          if (!ctx.alive()) return;
          fill(summary, h('h2', null, 'Dedup cache'), errorBox(error));
        }
      }
      // A half-confirmed Flush must not vanish under a refresh.
      ctx.every(5000, () => (root.querySelector('.confirming') ? null : refresh()));
    }
  });
})();
