// Stats: the face pipeline's counters per tenant, and stage timings (avg and p95) of all tenants or one.
(function () {
  'use strict';
  const { h, fill, errorBox, num, api } = window.Visage;

  // The stats context's counters (the runbook's names), in the order the pipeline produces them.
  const COUNTERS = [
    ['images_total', 'Images', 'Images the pipeline processed'],
    ['faces_detected', 'Faces detected', 'Every face the detector found'],
    ['faces_processed', 'Faces stored', 'Stored and indexed (faces_processed)'],
    ['faces_rejected', 'Rejected', 'Refused by the quality gate'],
    ['faces_dup_skipped', 'Duplicates', 'Seen before within the dedup TTL, not stored again'],
    ['worker_msgs_acked', 'Messages acked', 'Queue messages finished'],
    ['worker_msgs_dlq', 'Dead-lettered', 'Queue messages parked on the DLQ']
  ];
  const GLOBAL = '';

  function ms(value) {
    if (value === null || value === undefined) return '—';
    if (value >= 1000) return (value / 1000).toFixed(2) + ' s';
    if (value >= 100) return value.toFixed(0) + ' ms';
    if (value >= 1) return value.toFixed(1) + ' ms';
    return value.toFixed(3) + ' ms';
  }

  function tiles(counters) {
    return h('div.tiles', null, COUNTERS.map(([key, label, help]) => h('div.tile' + (key === 'worker_msgs_dlq' && counters[key] ? '.bad' : ''),
      { dataset: { counter: key }, title: help }, h('div.label', null, label), h('div.value', null, num(counters[key])))));
  }

  /** One row per stage: an average bar over a p95 bar, scaled to the slowest p95 (the total is a headline). */
  function timingChart(scope) {
    const stages = scope.stages.filter(s => s.stage !== 'total');
    const total = scope.stages.find(s => s.stage === 'total');
    const max = Math.max(0, ...stages.map(s => s.p95));
    const width = v => (max > 0 ? Math.max(0.5, 100 * v / max) : 0).toFixed(2) + '%';
    return [
      total ? h('div.timing-total', { dataset: { stage: 'total', avg: total.avg, p95: total.p95, count: total.count } },
        'Whole message: ', h('b', null, ms(total.avg)), ' average, ', h('b', null, ms(total.p95)), ' p95 over ',
        num(total.count) + ' messages') : null,
      stages.length ? h('table.timings#stage-timings', null,
        h('thead', null, h('tr', null, h('th', null, 'Stage'), h('th', null, h('span.legend', null,
          h('span', null, h('i.lg-avg'), 'average'), h('span', null, h('i.lg-p95'), 'p95'))),
          h('th.num', null, 'Average'), h('th.num', null, 'p95'), h('th.num', null, 'Samples'))),
        h('tbody', null, stages.map(s => h('tr', { dataset: { stage: s.stage, avg: s.avg, p95: s.p95, count: s.count } },
          h('td', null, s.stage.replace(/_/g, ' ')),
          h('td.bars', null,
            h('div.bar.avg', { dataset: { width: width(s.avg) } }),
            h('div.bar.p95', { dataset: { width: width(s.p95) } })),
          h('td.num', null, ms(s.avg)), h('td.num', null, ms(s.p95)), h('td.num', null, num(s.count))))))
        : h('div.empty', null, 'No timings recorded yet.')
    ];
  }

  /** Bar widths go through CSSOM, not style attributes: the console's CSP allows no inline styles. */
  function sizeBars(root) {
    root.querySelectorAll('.bar[data-width]').forEach(bar => { bar.style.width = bar.dataset.width; });
  }

  window.Visage.page({
    id: 'stats', title: 'Stats', order: 50,
    render(root, ctx) {
      const state = { tenant: GLOBAL, filter: '' };
      const totals = h('div.panel#stats-totals');
      const timingsPanel = h('div.panel#stats-timings');
      // The filter sits outside the re-rendered part, so a refresh never takes the focus away while typing.
      const filter = h('input#stats-tenant-filter', { type: 'text', placeholder: 'filter tenants' });
      filter.addEventListener('input', () => { state.filter = filter.value.trim().toLowerCase(); refresh(); });
      const tenantCount = h('span');
      const tenantsBody = h('div');
      const tenantsPanel = h('div.panel#stats-tenants', null,
        h('h2', null, tenantCount, h('span.toolbar.inline', null, h('span.muted', null, 'click a row for its stage timings'), filter)),
        tenantsBody);
      root.append(totals, timingsPanel, tenantsPanel);

      function select(tenant) {
        state.tenant = tenant;
        refresh();
      }

      function tenantTable(board) {
        const rows = board.tenants.filter(t => !state.filter || t.tenant_id.toLowerCase().includes(state.filter));
        const row = (id, label, counters) => h('tr.clickable', {
          class: 'clickable' + (state.tenant === id ? ' selected' : ''), dataset: { tenant: id || '*' },
          onclick: () => select(id)
        }, h('td', null, label), COUNTERS.map(([key]) => h('td.num', { dataset: { field: key } }, num(counters[key]))));
        return h('div.table-wrap', null, h('table#stats-tenant-table', null,
          h('thead', null, h('tr', null, h('th', null, 'Tenant'), COUNTERS.map(([, label, help]) => h('th.num', { title: help }, label)))),
          h('tbody', null, row(GLOBAL, h('b', null, 'All tenants'), board.global.counters),
            rows.map(t => row(t.tenant_id, t.tenant_id, t.counters)))));
      }

      async function refresh() {
        try {
          const [board, scope] = await Promise.all([api('stats'),
            state.tenant === GLOBAL ? null : api('stats/tenants/' + encodeURIComponent(state.tenant))]);
          if (!ctx.alive()) return;
          const shown = scope || board.global;
          fill(totals, h('h2', null, h('span', null, 'Face pipeline, all tenants'),
            h('span.muted', null, 'persisted counters (/api/v1/stats) · since the last reset')), tiles(board.global.counters));
          fill(tenantCount, num(board.tenants.length) + (board.tenants.length === 1 ? ' tenant' : ' tenants'));
          fill(tenantsBody, tenantTable(board));
          fill(timingsPanel, h('h2', null,
            h('span#timings-scope', { dataset: { scope: state.tenant || '*' } }, 'Stage timings · ' + (state.tenant || 'all tenants')),
            h('span.muted', null, 'p95: histogram bucket bound')), timingChart(shown));
          sizeBars(timingsPanel);
          ctx.status('updated ' + new Date().toLocaleTimeString('en-GB') + ' · refreshes every 5 s');
        } catch (error) {
          if (!ctx.alive()) return;
          fill(timingsPanel, h('h2', null, 'Stage timings'), errorBox(error));
        }
      }
      ctx.every(5000, refresh);
    }
  });
})();
