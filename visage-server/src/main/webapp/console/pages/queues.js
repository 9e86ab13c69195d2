// Queues: every visage.* queue from Artemis management, with rates between refreshes.
(function () {
  'use strict';
  const { h, clear, fill, pill, errorBox, num, rate, ago, api } = window.Visage;

  const COLUMNS = [
    ['Queue', null], ['Depth', 'Messages waiting (MessageCount)'], ['Consumers', null],
    ['In flight', 'Delivered, not yet acknowledged (DeliveringCount)'], ['Scheduled', 'Waiting for a redelivery delay'],
    ['Added', 'Messages added since the broker started'], ['Acknowledged', 'Messages acknowledged since the broker started'],
    ['Expired', null], ['Killed', 'Sent to the dead-letter address by the broker'],
    ['In rate', 'Added per second'], ['Out rate', 'Acknowledged per second']
  ];

  function table(queues) {
    const rows = queues.map(q => h('tr', { dataset: { queue: q.name } },
      h('td', null, h('b', null, q.name), ' ', q.paused ? pill('paused') : null,
        h('span.sub', null, q.routing_type.toLowerCase() + (q.address !== q.name ? ' · address ' + q.address : ''))),
      h('td.num', { dataset: { field: 'depth' } }, num(q.depth)),
      h('td.num', { dataset: { field: 'consumers' } }, num(q.consumers)),
      h('td.num', { dataset: { field: 'in_flight' } }, num(q.in_flight)),
      h('td.num', null, num(q.scheduled)),
      h('td.num', { dataset: { field: 'messages_added' } }, num(q.messages_added)),
      h('td.num', { dataset: { field: 'messages_acknowledged' } }, num(q.messages_acknowledged)),
      h('td.num', null, num(q.messages_expired)),
      h('td.num', null, num(q.messages_killed)),
      h('td.num', null, rate(q.added_per_second)),
      h('td.num', null, rate(q.acknowledged_per_second))));
    return h('div.table-wrap', null, h('table#queues', null,
      h('thead', null, h('tr', null, COLUMNS.map(([label, help], i) => h(i ? 'th.num' : 'th', { title: help }, label)))),
      h('tbody', null, rows)));
  }

  window.Visage.page({
    id: 'queues', title: 'Queues', order: 20,
    render(root, ctx) {
      const panel = h('div.panel');
      root.appendChild(panel);
      ctx.every(3000, async () => {
        try {
          const data = await api('queues');
          if (!ctx.alive()) return;
          const totalDepth = data.queues.reduce((a, q) => a + q.depth, 0);
          fill(panel, 
            h('h2', null, h('span', null, data.queues.length + ' queues · ' + num(totalDepth) + ' messages waiting'),
              h('span.muted', null, 'Artemis management (Jolokia) · rates from the previous refresh')),
            data.queues.length ? table(data.queues) : h('div.empty', null, 'No visage.* queues on the broker.'));
          ctx.status('updated ' + ago(data.sampled_at) + ' · refreshes every 3 s');
        } catch (error) {
          if (!ctx.alive()) return;
          fill(panel, h('h2', null, 'Queues'), errorBox(error));
        }
      });
    }
  });
})();
