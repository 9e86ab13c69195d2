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

  // Series of the throughput chart: [field of a minute, css class, label].
  const SERIES = [
    ['images_per_second', 'series-images', 'images/s'],
    ['faces_per_second', 'series-faces', 'faces/s'],
    ['image_jobs_per_second', 'series-jobs', 'image jobs/s']
  ];

  /** A round axis maximum (1, 2 or 5 × 10^n) that is at least max. */
  function niceMax(max) {
    if (!(max > 0)) return 1;
    const raw = max / 4;
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map(f => f * power).find(s => s >= raw);
    return step * 4;
  }

  function tick(value) {
    return value >= 10 ? value.toFixed(0) : value >= 1 ? value.toFixed(1).replace(/\.0$/, '') : String(+value.toFixed(3));
  }

  function clock(iso) {
    return new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  }

  function chart(minutes) {
    const W = 720, H = 220, left = 40, right = 8, top = 10, bottom = 24;
    const top_ = niceMax(Math.max(0, ...minutes.flatMap(m => SERIES.map(([f]) => m[f]))));
    const plotW = W - left - right, plotH = H - top - bottom;
    const step = plotW / Math.max(1, minutes.length - 1);
    const x = i => left + i * step;
    const y = v => top + plotH - plotH * v / top_;
    const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img',
      'aria-label': 'Images and faces per second over the last hour' });
    for (let i = 0; i <= 4; i++) {
      const gy = top + plotH - plotH * i / 4;
      root.appendChild(svg('line', { x1: left, x2: W - right, y1: gy, y2: gy, class: 'grid-line' }));
      const label = svg('text', { x: left - 6, y: gy + 3.5, 'text-anchor': 'end' });
      label.textContent = tick(top_ * i / 4);
      root.appendChild(label);
    }
    for (const [field, cls] of SERIES) {
      const points = minutes.map((m, i) => x(i).toFixed(1) + ',' + y(m[field]).toFixed(1)).join(' ');
      root.appendChild(svg('polyline', { points, class: 'series ' + cls, 'vector-effect': 'non-scaling-stroke' }));
      minutes.forEach((m, i) => {
        if (m[field] > 0) root.appendChild(svg('circle', { cx: x(i), cy: y(m[field]), r: 2.2, class: 'dot ' + cls }));
      });
    }
    minutes.forEach((m, i) => {
      // One hover column per minute with the exact counts.
      const hover = svg('rect', { x: x(i) - step / 2, y: top, width: step, height: plotH, class: 'hover' });
      const title = svg('title');
      title.textContent = clock(m.minute) + (i === minutes.length - 1 ? ' (so far)' : '') + ': '
        + m.images + ' images, ' + m.faces_stored + ' faces stored (' + m.faces_detected + ' detected, '
        + m.faces_rejected + ' rejected, ' + m.faces_dup_skipped + ' duplicates), ' + m.image_jobs + ' image jobs';
      hover.appendChild(title);
      root.appendChild(hover);
      if (i % 10 === 0 || i === minutes.length - 1) {
        const label = svg('text', { x: x(i), y: H - 6, 'text-anchor': i === minutes.length - 1 ? 'end' : 'middle' });
        label.textContent = i === minutes.length - 1 ? 'now' : clock(m.minute);
        root.appendChild(label);
      }
    });
    root.appendChild(svg('line', { x1: left, x2: W - right, y1: top + plotH, y2: top + plotH, class: 'axis' }));
    return root;
  }

  function throughputPanel(throughput, error) {
    if (error) return h('div.panel#throughput', null, h('h2', null, 'Throughput'), errorBox(error));
    const t = throughput.totals;
    return h('div.panel#throughput', null,
      h('h2', null, h('span', null, 'Throughput'),
        h('span.legend', null,
          h('span', null, h('i.lg-images'), 'images/s'),
          h('span', null, h('i.lg-faces'), 'faces/s'),
          h('span', null, h('i.lg-jobs'), 'image jobs/s'),
          h('span', null, 'last hour, per-minute averages'))),
      h('div.chart', { dataset: { images: t.images, faces: t.faces_stored, imageJobs: t.image_jobs } }, chart(throughput.minutes)),
      h('div.chart-totals.muted.small', null,
        num(t.images) + ' images · ' + num(t.faces_stored) + ' faces stored (' + num(t.faces_detected) + ' detected) · '
        + num(t.image_jobs) + ' image jobs in the last hour · peak ' + tick(t.peak_images_per_second) + ' images/s, '
        + tick(t.peak_faces_per_second) + ' faces/s'));
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
        const [overview, summary, queues, throughput] = await Promise.all([settle(api('overview')),
          settle(api('jobs/summary')), settle(api('queues')), settle(api('throughput'))]);
        if (!ctx.alive()) return;
        clear(root);
        root.append(
          overview.error ? h('div.panel#readiness', null, h('h2', null, 'Readiness'), errorBox(overview.error)) : checksPanel(overview.value),
          countersPanel(overview.value, summary.value, queues.value),
          h('div.grid.two', null, throughputPanel(throughput.value, throughput.error), queuesPanel(queues.value, queues.error)));
        ctx.status(overview.value ? 'updated ' + ago(overview.value.generated_at) + ' · refreshes every 5 s' : '');
      });
    }
  });
})();
