// Jobs: every kind of job the platform runs, one tab each. Image jobs (POST /api/v1/images) are the
// first kind: every tenant's, with status filters, progress, detail; live by polling.
//
// Extension point: another kind of job (digests, ZIP batches, ...) registers itself from its own
// file, loaded after this one (one more <script> line in index.html):
//   Visage.jobKind({ id: 'batches', title: 'ZIP batches', order: 20, render(root, ctx) { ... } });
// render() gets its own part of the page and a child context whose timers stop when another tab
// is chosen or the page is left. With more than one kind the page shows tabs.
(function () {
  'use strict';
  const { h, clear, fill, pill, errorBox, num, time, ago, duration, api } = window.Visage;
  const kinds = [];

  /** Registers a kind of job: {id, title, order, render(root, ctx)}. */
  window.Visage.jobKind = function (kind) {
    kinds.push(kind);
  };
  const PAGE_SIZE = 25;
  const STATUSES = ['queued', 'processing', 'completed', 'failed'];

  function progress(status) {
    return h('div.progress.' + status, { title: status }, h('span'));
  }

  function detail(job) {
    const rows = [
      ['Job', h('span.mono', null, job.id)], ['Tenant', job.tenant_id], ['Status', pill(job.status)],
      ['Attempts', String(job.attempts)], ['Source', h('span.mono', null, job.source)],
      ['Created', time(job.created_at)], ['Started', time(job.started_at)], ['Finished', time(job.finished_at)],
      ['Duration', duration(job.duration_ms)]
    ];
    if (job.image) {
      rows.push(['Format', job.image.format + ' · ' + job.image.width + '×' + job.image.height],
        ['Size', num(job.image.size_bytes) + ' bytes'], ['SHA-256', h('span.mono', null, job.image.sha256)],
        ['pHash', h('span.mono', null, job.image.phash)]);
    }
    return [
      h('h2', null, 'Job detail', progress(job.status)),
      job.failure_reason ? h('div.failure#job-failure', null, job.failure_reason) : null,
      h('dl', null, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]))
    ];
  }

  window.Visage.jobKind({
    id: 'images', title: 'Image jobs', order: 10,
    render(root, ctx) {
      const state = { statuses: new Set(), tenant: '', offset: 0, selected: null };
      const filters = h('div.toolbar');
      const tablePanel = h('div.panel');
      const detailPanel = h('div.panel.detail#job-detail', null, h('h2', null, 'Job detail'), h('div.empty', null, 'Select a job to see its detail.'));
      root.append(filters, h('div.split', null, tablePanel, detailPanel));

      const tenantInput = h('input#tenant-filter', { type: 'text', placeholder: 'tenant (all)', value: '' });
      tenantInput.addEventListener('change', () => { state.tenant = tenantInput.value.trim(); state.offset = 0; refresh(); });
      const segmented = h('div.segmented#status-filter');
      function renderFilters(byStatus) {
        fill(segmented, 
          h('button', { type: 'button', class: state.statuses.size === 0 ? 'on' : null, dataset: { status: 'all' },
            onclick: () => { state.statuses.clear(); state.offset = 0; refresh(); } }, 'All'),
          STATUSES.map(s => h('button', { type: 'button', class: state.statuses.has(s) ? 'on' : null, dataset: { status: s },
            onclick: () => {
              if (state.statuses.has(s)) state.statuses.delete(s); else state.statuses.add(s);
              state.offset = 0;
              refresh();
            } }, s[0].toUpperCase() + s.slice(1) + (byStatus ? ' ' + num(byStatus[s]) : ''))));
      }
      renderFilters(null);
      filters.append(segmented, tenantInput, h('span.spacer'), h('span.muted', null, h('span.live-dot'), 'live · refreshes every 3 s'));

      async function showDetail(id) {
        state.selected = id;
        try {
          const job = await api('jobs/' + encodeURIComponent(id));
          if (!ctx.alive() || state.selected !== id) return;
          fill(detailPanel, detail(job));
        } catch (error) {
          fill(detailPanel, h('h2', null, 'Job detail'), errorBox(error));
        }
      }

      async function refresh() {
        const query = new URLSearchParams({ limit: PAGE_SIZE, offset: state.offset });
        state.statuses.forEach(s => query.append('status', s));
        if (state.tenant) query.set('tenant', state.tenant);
        try {
          const [list, summary] = await Promise.all([api('jobs?' + query), api('jobs/summary')]);
          if (!ctx.alive()) return;
          renderFilters(summary.by_status);
          const rows = list.items.map(j => h('tr.clickable', {
            class: 'clickable' + (j.id === state.selected ? ' selected' : ''), dataset: { job: j.id, status: j.status },
            onclick: () => { showDetail(j.id); refresh(); }
          },
            h('td', null, h('span.mono', null, j.id.slice(0, 8)), h('span.sub', null, j.tenant_id)),
            h('td', null, pill(j.status)),
            h('td', null, progress(j.status)),
            h('td.num', null, String(j.attempts)),
            h('td', null, h('span.mono.small', { title: j.source }, j.source.length > 48 ? '…' + j.source.slice(-47) : j.source),
              j.failure_reason ? h('span.sub', { title: j.failure_reason }, j.failure_reason.length > 70 ? j.failure_reason.slice(0, 69) + '…' : j.failure_reason) : null),
            h('td', { title: time(j.created_at) }, ago(j.created_at)),
            h('td.num', null, duration(j.duration_ms))));
          fill(tablePanel, 
            h('h2', null, h('span', null, num(list.total) + ' jobs'), h('span.muted', null, 'image_jobs, newest first')),
            list.items.length ? h('div.table-wrap', null, h('table#jobs', null,
              h('thead', null, h('tr', null, h('th', null, 'Job'), h('th', null, 'State'), h('th', null, 'Progress'),
                h('th.num', null, 'Attempts'), h('th', null, 'Source'), h('th', null, 'Created'), h('th.num', null, 'Took'))),
              h('tbody', null, rows))) : h('div.empty', null, 'No jobs match.'),
            list.total > PAGE_SIZE ? h('div.pager', null,
              h('button', { type: 'button', disabled: state.offset === 0, onclick: () => { state.offset = Math.max(0, state.offset - PAGE_SIZE); refresh(); } }, '‹ Newer'),
              h('span.muted', null, (state.offset + 1) + '–' + Math.min(list.total, state.offset + PAGE_SIZE) + ' of ' + num(list.total)),
              h('button', { type: 'button', disabled: state.offset + PAGE_SIZE >= list.total, onclick: () => { state.offset += PAGE_SIZE; refresh(); } }, 'Older ›')) : null);
          if (state.selected) {
            const job = list.items.find(j => j.id === state.selected);
            if (job && job.status !== 'completed' && job.status !== 'failed') showDetail(job.id);
          }
        } catch (error) {
          if (!ctx.alive()) return;
          fill(tablePanel, h('h2', null, 'Jobs'), errorBox(error));
        }
      }
      ctx.every(3000, refresh);
    }
  });

  window.Visage.page({
    id: 'jobs', title: 'Jobs', order: 40,
    render(root, ctx) {
      const sorted = kinds.slice().sort((a, b) => (a.order || 0) - (b.order || 0));
      const tabs = h('div.segmented#job-kinds');
      const body = h('div#job-kind');
      if (sorted.length > 1) root.appendChild(h('div.toolbar', null, tabs));
      root.appendChild(body);
      let shown = null;
      function show(kind) {
        if (shown) shown.ctx.stop();
        shown = { kind, ctx: ctx.child() };
        fill(tabs, sorted.map(k => h('button', { type: 'button', class: k === kind ? 'on' : null, dataset: { kind: k.id },
          onclick: () => show(k) }, k.title)));
        body.dataset.kind = kind.id;
        kind.render(clear(body), shown.ctx);
      }
      show(sorted[0]);
    }
  });
})();
