// Overview: readiness of every dependency, key counters, queue depths, throughput chart.
(function () {
  'use strict';
  const { h, clear, fill, svg, pill, errorBox, num, ago, api } = window.Visage;

  const COUNTER_LABELS = {
    visage_image_jobs_accepted_total: 'Images accepted',
    visage_image_jobs_completed_total: 'Images completed',
    visage_image_jobs_failed_total: 'Images failed'
  };

  function checksPanel(overview) {
    const grid = h('div.checks');
    for (const c of overview.checks) {
      const data = Object.entries(c.data || {});
      grid.appendChild(h('div.check.' + c.status.toLowerCase(), { dataset: { check: c.name } },
        h('div.name', null, h('span', null, c.name), pill(c.status)),
        data.length ? h('dl', null, data.map(([k, v]) => [h('dt', null, k), h('dd', null, String(v))])) : null));
    }
    return h('div.panel#readiness', null,
      h('h2', null, h('span', null, 'Readiness ', pill(overview.status)), h('span.muted', null, 'MicroProfile Health · same checks as /health/ready')),
      grid);
  }

  function tile(label, value, kind, id) {
    return h('div.tile' + (kind ? '.' + kind : ''), { dataset: { counter: id || label } },
      h('div.label', null, label), h('div.value', null, num(value)));
  }

  function countersPanel(overview, summary, queues) {
    const tiles = h('div.tiles');
    if (summary) {
      const s = summary.by_status;
      tiles.append(tile('Jobs queued', s.queued, null, 'jobs-queued'), tile('Jobs processing', s.processing, null, 'jobs-processing'),
        tile('Jobs completed', s.completed, 'ok', 'jobs-completed'), tile('Jobs failed', s.failed, s.failed ? 'bad' : null, 'jobs-failed'));
    }
    if (queues) {
      const dlq = queues.queues.find(q => q.name === 'visage.DLQ');
      if (dlq) tiles.appendChild(tile('Dead letters', dlq.depth, dlq.depth ? 'bad' : 'ok', 'dead-letters'));
    }
    for (const c of overview ? overview.counters : []) {
      tiles.appendChild(tile(COUNTER_LABELS[c.name] || c.name, c.value, null, c.name));
    }
    for (const t of overview ? overview.timings : []) {
      tiles.appendChild(h('div.tile', { dataset: { counter: t.name } }, h('div.label', null, t.name + ' (mean)'),
        h('div.value', null, t.count ? t.mean_ms.toFixed(0) + ' ms' : '—')));
    }
    return h('div.panel#counters', null, h('h2', null, 'Key counters', h('span.muted', null, 'database and /metrics (since this server started)')), tiles);
  }

  function chart(perMinute) {
    const W = 720, H = 220, left = 34, right = 8, top = 10, bottom = 24;
    const max = Math.max(1, ...perMinute.map(m => m.completed + m.failed));
    // Four grid steps with whole numbers.
    const niceMax = Math.max(4, Math.ceil(max / 4) * 4);
    const plotW = W - left - right, plotH = H - top - bottom;
    const slot = plotW / perMinute.length;
    const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img',
      'aria-label': 'Image jobs finished per minute over the last hour' });
    for (let i = 0; i <= 4; i++) {
      const y = top + plotH - plotH * i / 4;
      root.appendChild(svg('line', { x1: left, x2: W - right, y1: y, y2: y, class: 'grid-line' }));
      const label = svg('text', { x: left - 6, y: y + 3.5, 'text-anchor': 'end' });
      label.textContent = String(niceMax * i / 4);
      root.appendChild(label);
    }
    perMinute.forEach((m, i) => {
      const x = left + i * slot + slot * 0.12;
      const w = slot * 0.76;
      const hc = plotH * m.completed / niceMax;
      const hf = plotH * m.failed / niceMax;
      const title = svg('title');
      title.textContent = new Date(m.minute).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })
        + ': ' + m.completed + ' completed, ' + m.failed + ' failed';
      if (m.completed) {
        const bar = svg('rect', { x, y: top + plotH - hc, width: w, height: hc, class: 'bar-completed', rx: 1.5 });
        bar.appendChild(title);
        root.appendChild(bar);
      }
      if (m.failed) {
        root.appendChild(svg('rect', { x, y: top + plotH - hc - hf, width: w, height: hf, class: 'bar-failed', rx: 1.5 }));
      }
      if (i % 10 === 0 || i === perMinute.length - 1) {
        const label = svg('text', { x: x + w / 2, y: H - 6, 'text-anchor': 'middle' });
        label.textContent = i === perMinute.length - 1 ? 'now'
          : new Date(m.minute).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
        root.appendChild(label);
      }
    });
    root.appendChild(svg('line', { x1: left, x2: W - right, y1: top + plotH, y2: top + plotH, class: 'axis' }));
    return root;
  }

  function throughputPanel(summary, error) {
    const panel = h('div.panel#throughput');
    if (error) return h('div.panel#throughput', null, h('h2', null, 'Throughput'), errorBox(error));
    const total = summary.per_minute.reduce((a, m) => a + m.completed, 0);
    const failed = summary.per_minute.reduce((a, m) => a + m.failed, 0);
    panel.append(
      h('h2', null, h('span', null, 'Image jobs per minute'),
        h('span.legend', null, h('span', null, h('i', { class: 'lg-c' }), 'completed ' + num(total)),
          h('span', null, h('i', { class: 'lg-f' }), 'failed ' + num(failed)), h('span', null, 'last hour'))),
      h('div.chart', { dataset: { completed: total, failed } }, chart(summary.per_minute)));
    return panel;
  }

  function queuesPanel(queues, error) {
    if (error) return h('div.panel#queue-depths', null, h('h2', null, 'Queue depths'), errorBox(error));
    const rows = queues.queues.map(q => h('tr', { dataset: { queue: q.name } },
      h('td', null, h('a', { href: '#/queues' }, q.name)), h('td.num', null, num(q.depth)),
      h('td.num', null, num(q.consumers)), h('td.num', null, num(q.in_flight))));
    return h('div.panel#queue-depths', null,
      h('h2', null, 'Queue depths', h('span.muted', null, 'Artemis management')),
      h('table', null, h('thead', null, h('tr', null, h('th', null, 'Queue'), h('th.num', null, 'Depth'),
        h('th.num', null, 'Consumers'), h('th.num', null, 'In flight'))), h('tbody', null, rows)));
  }

  async function settle(promise) {
    try { return { value: await promise }; } catch (error) { return { error }; }
  }

  window.Visage.page({
    id: 'overview', title: 'Overview', order: 10,
    render(root, ctx) {
      ctx.every(5000, async () => {
        const [overview, summary, queues] = await Promise.all([settle(api('overview')), settle(api('jobs/summary')), settle(api('queues'))]);
        if (!ctx.alive()) return;
        clear(root);
        root.append(
          overview.error ? h('div.panel#readiness', null, h('h2', null, 'Readiness'), errorBox(overview.error)) : checksPanel(overview.value),
          countersPanel(overview.value, summary.value, queues.value),
          h('div.grid.two', null, throughputPanel(summary.value, summary.error), queuesPanel(queues.value, queues.error)));
        ctx.status(overview.value ? 'updated ' + ago(overview.value.generated_at) + ' · refreshes every 5 s' : '');
      });
    }
  });
})();
