// Pages whose data arrives with later issues: listed so operators know they are coming.
// Replace an entry with a real page file when its context ships its application service.
(function () {
  'use strict';
  const { h } = window.Visage;
  const upcoming = [
    { id: 'dedup', title: 'Dedup', order: 70, what: 'dedup cache size, hit rates and flush' }
  ];
  for (const u of upcoming) {
    window.Visage.page({
      id: u.id, title: u.title, order: u.order, group: 'Coming later', pending: true,
      render(root) {
        root.appendChild(h('div.panel.upcoming', { dataset: { pending: u.id } },
          h('h2', null, 'Not available yet'),
          h('p.muted', null, 'This page will show ' + u.what + ' once Visage records them.')));
      }
    });
  }
})();
