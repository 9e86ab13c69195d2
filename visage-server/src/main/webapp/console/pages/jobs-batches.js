// Jobs page, second kind: digests (folders, S3 prefixes), ZIP batches and image lists: the batch
// context's jobs of every tenant. One kind for all three: they are one table, one life cycle and one
// cancel; a kind filter tells them apart. Live by polling (the SSE streams are per tenant, behind
// API keys, and one per job; a poll covers the whole list with the console's own session).
(function () {
  'use strict';
  const { h, fill, pill, errorBox, confirmButton, flash, num, time, ago, duration, api } = window.Visage;
  const PAGE_SIZE = 25;
  const ITEM_PAGE_SIZE = 50;
  const STATUSES = ['queued', 'processing', 'completed', 'failed', 'cancelled'];
  const ITEM_STATUSES = ['failed', 'skipped', 'done', 'pending', 'cancelled'];
  const KINDS = { digest: 'Digest', zip: 'ZIP batch', images: 'Image list' };
  const SOURCES = { local: 'local folder', s3: 'S3 prefix', zip: 'ZIP upload', objects: 'objects / URLs' };
  const live = job => job.status === 'queued' || job.status === 'processing';
  const shorten = (s, n) => (s && s.length > n ? '…' + s.slice(-(n - 1)) : s);
  const title = s => s[0].toUpperCase() + s.slice(1);
  // digest-1a2b3c4d / 1a2b3c4d: the kind's prefix stays, the UUID is cut like the image jobs' ids.
  const shortId = id => (id.startsWith('digest-') ? 'digest-' + id.slice(7, 15) : id.slice(0, 8));

  /** A determinate bar: the share of the job's images finished (its width is the job's progress). */
  function bar(job) {
    const pct = Math.max(0, Math.min(100, job.progress || 0));
    return h('div.progress.determinate.' + job.status, { title: pct + '% · ' + job.status, dataset: { progress: pct } },
      h('span', { style: 'width: ' + Math.max(pct, job.status === 'queued' ? 4 : 2) + '%' }));
  }

  function counts(job) {
    return num(job.processed) + ' / ' + (job.enumerated ? num(job.images_total) : num(job.images_total) + '+') + ' images';
  }

  function select(id, label, options, onchange) {
    const el = h('select#' + id, { 'aria-label': label },
      h('option', { value: '' }, label), Object.entries(options).map(([v, text]) => h('option', { value: v }, text)));
    el.addEventListener('change', () => onchange(el.value));
    return el;
  }

  function textFilter(id, placeholder, onchange) {
    const el = h('input#' + id, { type: 'text', placeholder });
    el.addEventListener('change', () => onchange(el.value.trim()));
    return el;
  }

  function pager(offset, size, total, go) {
    if (total <= size) return null;
    return h('div.pager', null,
      h('button', { type: 'button', disabled: offset === 0, onclick: () => go(Math.max(0, offset - size)) }, '‹ Previous'),
      h('span.muted', null, (offset + 1) + '–' + Math.min(total, offset + size) + ' of ' + num(total)),
      h('button', { type: 'button', disabled: offset + size >= total, onclick: () => go(offset + size) }, 'Next ›'));
  }

  window.Visage.jobKind({
    id: 'batches', title: 'Digests & ZIP batches', order: 20,
    render(root, ctx) {
      const state = { statuses: new Set(), tenant: '', kind: '', source: '', group: '', offset: 0,
        selected: null, selectedLive: false, itemStatus: '', itemOffset: 0 };
      const filters = h('div.toolbar');
      const tablePanel = h('div.panel');
      const detailPanel = h('div.panel.detail.batch-detail#batch-detail', null, h('h2', null, 'Batch job'),
        h('div.empty', null, 'Select a job to see its images and their outcomes.'));
      root.append(filters, tablePanel, detailPanel);

      const restart = () => { state.offset = 0; refresh(); };
      const segmented = h('div.segmented#batch-status-filter');
      function renderFilters(byStatus) {
        fill(segmented,
          h('button', { type: 'button', class: state.statuses.size === 0 ? 'on' : null, dataset: { status: 'all' },
            onclick: () => { state.statuses.clear(); restart(); } }, 'All'),
          STATUSES.map(s => h('button', { type: 'button', class: state.statuses.has(s) ? 'on' : null, dataset: { status: s },
            onclick: () => {
              if (state.statuses.has(s)) state.statuses.delete(s); else state.statuses.add(s);
              restart();
            } }, title(s) + (byStatus ? ' ' + num(byStatus[s]) : ''))));
      }
      renderFilters(null);
      filters.append(segmented,
        select('batch-kind-filter', 'every kind', { digest: 'Digests', zip: 'ZIP batches', images: 'Image lists' },
          v => { state.kind = v; restart(); }),
        select('batch-source-filter', 'every source', SOURCES, v => { state.source = v; restart(); }),
        textFilter('batch-tenant-filter', 'tenant (all)', v => { state.tenant = v; restart(); }),
        textFilter('batch-group-filter', 'group / project (all)', v => { state.group = v; restart(); }),
        h('span.spacer'), h('span.muted', null, h('span.live-dot'), 'live · refreshes every 2 s'));

      async function cancel(job) {
        try {
          const after = await api('batches/' + encodeURIComponent(job.id) + '/cancel', { method: 'POST' });
          flash('Job ' + after.id + ' is ' + after.status + '.', 'ok');
        } catch (error) {
          flash('Not cancelled: ' + error.message, 'error');
        }
        await Promise.all([showDetail(job.id), refresh()]);
      }

      // Kept across the detail's live re-renders: a new button every 2 s would forget its first click.
      let cancelling = null;
      function cancelButton(job) {
        if (!cancelling || cancelling.id !== job.id) {
          cancelling = { id: job.id, button: confirmButton('Cancel job', 'Really cancel?', () => cancel(job), { id: 'batch-cancel' }) };
        }
        return cancelling.button;
      }

      function itemRows(items) {
        return items.map(i => h('tr', { dataset: { path: i.path, status: i.status } },
          h('td', null, h('span.mono.small', { title: i.path }, shorten(i.path, 60)),
            i.reason ? h('span.sub.reason', { title: i.reason }, i.reason) : null),
          h('td', null, pill(i.status)),
          h('td.num', null, i.faces_stored === undefined || i.faces_stored === null ? '—'
            : num(i.faces_stored) + ' / ' + num(i.faces_detected)),
          h('td', { title: time(i.finished_at) }, ago(i.finished_at))));
      }

      function detail(job, itemCounts, items) {
        const rows = [
          ['Job', h('span.mono', null, job.id)], ['Tenant', job.tenant_id], ['Kind', KINDS[job.kind] || job.kind],
          ['Source', [h('div.mono', null, job.source), h('div.muted.small', null, SOURCES[job.source_type] || job.source_type)]],
          ['Group', job.group_id || '—'],
          ['Images', num(job.images_total) + (job.enumerated ? '' : ' so far (still listing)')],
          ['Processed', num(job.processed) + ' (' + num(job.failed) + ' failed)'], ['Skipped', num(job.skipped)],
          ['Faces', num(job.faces_processed) + ' stored of ' + num(job.faces_detected) + ' detected'],
          ['Settings', 'threads ' + job.threads + ' · priority ' + job.priority + ' · confidence ' + job.confidence
            + (job.webhook ? ' · webhook' : '')],
          ['Created', time(job.created_at)], ['Started', time(job.started_at)], ['Finished', time(job.finished_at)],
          ['Duration', duration(job.duration_ms)]
        ];
        const itemFilter = h('div.segmented#batch-item-filter',
          null, [['', 'All']].concat(ITEM_STATUSES.map(s => [s, title(s)])).map(([s, label]) =>
            h('button', { type: 'button', class: state.itemStatus === s ? 'on' : null, dataset: { status: s || 'all' },
              onclick: () => { state.itemStatus = s; state.itemOffset = 0; showDetail(job.id); } },
              label + ' ' + num(s ? itemCounts[s] : Object.values(itemCounts).reduce((a, b) => a + b, 0)))));
        return [
          h('h2', null, h('span', null, 'Batch job ', pill(job.status)),
            live(job) ? cancelButton(job) : null),
          h('div.batch-progress', null, bar(job), h('span.muted', null, job.progress + '% · ' + counts(job))),
          job.error ? h('div.failure#batch-error', null, job.error) : null,
          h('div.batch-detail-grid', null,
            h('dl', null, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)])),
            h('div', null,
              h('div.toolbar', null, itemFilter),
              items.items.length ? h('div.table-wrap', null, h('table#batch-items', null,
                h('thead', null, h('tr', null, h('th', null, 'Image / entry'), h('th', null, 'Outcome'),
                  h('th.num', null, 'Faces stored / found'), h('th', null, 'Finished'))),
                h('tbody', null, itemRows(items.items)))) : h('div.empty', null, 'No images match.'),
              pager(state.itemOffset, ITEM_PAGE_SIZE, items.total, o => { state.itemOffset = o; showDetail(job.id); })))
        ];
      }

      async function showDetail(id) {
        if (state.selected !== id) {
          state.itemStatus = '';
          state.itemOffset = 0;
        }
        state.selected = id;
        const query = new URLSearchParams({ limit: ITEM_PAGE_SIZE, offset: state.itemOffset });
        if (state.itemStatus) query.set('status', state.itemStatus);
        try {
          const path = 'batches/' + encodeURIComponent(id);
          const [d, items] = await Promise.all([api(path), api(path + '/items?' + query)]);
          if (!ctx.alive() || state.selected !== id) return;
          state.selectedLive = live(d.job);
          detailPanel.dataset.job = d.job.id;
          detailPanel.dataset.status = d.job.status;
          fill(detailPanel, detail(d.job, d.item_counts, items));
        } catch (error) {
          if (!ctx.alive()) return;
          fill(detailPanel, h('h2', null, 'Batch job'), errorBox(error));
        }
      }

      async function refresh() {
        const query = new URLSearchParams({ limit: PAGE_SIZE, offset: state.offset });
        state.statuses.forEach(s => query.append('status', s));
        for (const key of ['tenant', 'kind', 'source', 'group']) if (state[key]) query.set(key, state[key]);
        try {
          const list = await api('batches?' + query);
          if (!ctx.alive()) return;
          renderFilters(list.by_status);
          const rows = list.items.map(j => h('tr', {
            class: 'clickable' + (j.id === state.selected ? ' selected' : ''),
            dataset: { job: j.id, status: j.status, kind: j.kind, tenant: j.tenant_id, progress: j.progress },
            onclick: () => { showDetail(j.id); refresh(); }
          },
            h('td.nowrap', null, h('span.mono', { title: j.id }, shortId(j.id)), h('span.sub', null, j.tenant_id)),
            h('td.nowrap', null, KINDS[j.kind] || j.kind, h('span.sub', null, SOURCES[j.source_type] || j.source_type)),
            h('td', null, pill(j.status)),
            h('td', null, bar(j), h('span.sub', null, j.progress + '% · ' + counts(j)
              + (j.failed ? ' · ' + num(j.failed) + ' failed' : '') + (j.skipped ? ' · ' + num(j.skipped) + ' skipped' : ''))),
            h('td', null, j.group_id || '—'),
            h('td', null, h('span.mono.small', { title: j.source }, shorten(j.source, 40)),
              j.error ? h('span.sub', { title: j.error }, shorten(j.error, 60)) : null),
            h('td', { title: time(j.created_at) }, ago(j.created_at)),
            h('td.num', null, duration(j.duration_ms))));
          fill(tablePanel,
            h('h2', null, h('span', null, num(list.total) + ' batch jobs'), h('span.muted', null, 'digests, ZIP batches and image lists, newest first')),
            list.items.length ? h('div.table-wrap', null, h('table#batches', null,
              h('thead', null, h('tr', null, h('th', null, 'Job'), h('th', null, 'Kind'), h('th', null, 'State'),
                h('th', null, 'Progress'), h('th', null, 'Group'), h('th', null, 'Source'), h('th', null, 'Created'),
                h('th.num', null, 'Took'))),
              h('tbody', null, rows))) : h('div.empty', null, 'No batch jobs match.'),
            pager(state.offset, PAGE_SIZE, list.total, o => { state.offset = o; refresh(); }));
          // The open detail follows its job while it runs, and once more when it ends.
          if (state.selected) {
            const shown = list.items.find(j => j.id === state.selected);
            if (state.selectedLive || (shown && live(shown))) showDetail(state.selected);
          }
        } catch (error) {
          if (!ctx.alive()) return;
          fill(tablePanel, h('h2', null, 'Batch jobs'), errorBox(error));
        }
      }
      ctx.every(2000, refresh);
    }
  });
})();
