// Visage console core: page registry, hash router, JSON API client, DOM and format helpers.
// Pages live in ../pages/*.js and call Visage.page({...}). All data reaches the DOM as text
// (never innerHTML): message bodies and failure reasons come from outside.
(function () {
  'use strict';

  const pages = [];
  let current = null;   // {page, timers, alive}

  /** Registers a page: {id, title, order, group?, render(root, ctx)}. */
  function page(definition) {
    pages.push(definition);
  }

  // ------------------------------------------------------------------ API
  class ApiError extends Error {
    constructor(status, detail) {
      super(detail);
      this.status = status;
    }
  }

  async function api(path, options) {
    const opts = Object.assign({ method: 'GET' }, options || {});
    const response = await fetch('api/' + path, {
      method: opts.method,
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-Visage-Console': '1' }
    });
    if (response.status === 401) {
      window.location.assign('login.html?expired');
      throw new ApiError(401, 'signed out');
    }
    if (response.status === 204) {
      return null;
    }
    const text = await response.text();
    let body = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch (e) {
        throw new ApiError(response.status, 'unexpected answer from the server (HTTP ' + response.status + ')');
      }
    }
    if (!response.ok) {
      throw new ApiError(response.status, (body && (body.detail || body.title)) || ('HTTP ' + response.status));
    }
    return body;
  }

  // ------------------------------------------------------------------ DOM
  /** h('div.class#id', {attr: value, onclick: fn}, children...) with text children as text nodes. */
  function h(spec, attrs, ...children) {
    const m = /^([a-z0-9]+)?((?:[.#][\w-]+)*)$/i.exec(spec);
    const el = document.createElement((m && m[1]) || 'div');
    ((m && m[2]) || '').replace(/([.#])([\w-]+)/g, (_, kind, name) => {
      if (kind === '.') el.classList.add(name); else el.id = name;
      return '';
    });
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
        else if (key === 'dataset') Object.assign(el.dataset, value);
        else el.setAttribute(key, value === true ? '' : String(value));
      }
    }
    append(el, children);
    return el;
  }

  function append(el, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
    return el;
  }

  /** Replaces the element's children (arrays are flattened, unlike Element.append). */
  function fill(el, ...children) {
    return append(clear(el), children);
  }

  function svg(tag, attrs) {
    const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [key, value] of Object.entries(attrs || {})) el.setAttribute(key, String(value));
    return el;
  }

  function pill(status) {
    const s = String(status || '').toLowerCase();
    return h('span.pill.' + (s.replace(/[^a-z]/g, '') || 'unknown'), null, s || '?');
  }

  function errorBox(error) {
    return h('div.error-box', null, error && error.message ? error.message : String(error));
  }

  /** A button that needs a second click within 4 s: no modal dialogs, and safe against slips. */
  function confirmButton(label, confirmLabel, action, attrs) {
    let armed = null;
    const button = h('button.danger', Object.assign({ type: 'button' }, attrs || {}), label);
    button.addEventListener('click', async () => {
      if (!armed) {
        button.textContent = confirmLabel;
        button.classList.add('confirming');
        armed = setTimeout(() => {
          armed = null;
          button.textContent = label;
          button.classList.remove('confirming');
        }, 4000);
        return;
      }
      clearTimeout(armed);
      armed = null;
      button.disabled = true;
      try {
        await action();
      } finally {
        button.disabled = false;
        button.textContent = label;
        button.classList.remove('confirming');
      }
    });
    return button;
  }

  function flash(message, kind) {
    const el = document.getElementById('flash');
    el.textContent = message;
    el.className = 'flash' + (kind ? ' ' + kind : '');
    el.hidden = false;
    clearTimeout(flash.timer);
    flash.timer = setTimeout(() => { el.hidden = true; }, 6000);
  }

  // ------------------------------------------------------------------ formats
  const numberFormat = new Intl.NumberFormat('en');
  function num(n) {
    return n === null || n === undefined ? '—' : numberFormat.format(n);
  }
  function rate(r) {
    if (r === null || r === undefined) return '—';
    return (r >= 10 ? r.toFixed(0) : r.toFixed(2)) + '/s';
  }
  function time(iso) {
    if (!iso) return '—';
    const d = new Date(iso);
    return d.toLocaleString('en-GB', { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }
  function ago(iso) {
    if (!iso) return '';
    const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
    if (s < 5) return 'just now';
    if (s < 60) return s + ' s ago';
    if (s < 3600) return Math.round(s / 60) + ' min ago';
    if (s < 86400) return Math.round(s / 3600) + ' h ago';
    return Math.round(s / 86400) + ' d ago';
  }
  function duration(ms) {
    if (ms === null || ms === undefined) return '—';
    if (ms < 1000) return ms + ' ms';
    if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
    return Math.round(ms / 60000) + ' min';
  }

  // ------------------------------------------------------------------ router
  function pageFromHash() {
    const id = (window.location.hash || '').replace(/^#\/?/, '').split('?')[0];
    return pages.find(p => p.id === id) || pages[0];
  }

  function renderNav(active) {
    const nav = clear(document.getElementById('nav'));
    let group = null;
    for (const p of pages) {
      if (p.group && p.group !== group) {
        nav.appendChild(h('div.nav-group', null, p.group));
        group = p.group;
      }
      nav.appendChild(h('a', { href: '#/' + p.id, class: p === active ? 'active' : null, dataset: { page: p.id } },
        h('span', null, p.title)));
    }
  }

  function leave() {
    if (!current) return;
    current.alive = false;
    current.timers.forEach(clearInterval);
    current = null;
  }

  /**
   * What a page gets: timers that stop when the page is left, and child contexts for parts
   * of a page that come and go (a tab): child.stop() ends the child's timers early.
   */
  function context(state, alive) {
    const timers = [];
    let stopped = false;
    const live = () => !stopped && alive();
    return {
      /** Runs fn now and every ms while the page (and this context) lives; overlapping runs are skipped. */
      every(ms, fn) {
        let busy = false;
        const run = async () => {
          if (busy || !live()) return;
          busy = true;
          try { await fn(); } finally { busy = false; }
        };
        run();
        const timer = setInterval(run, ms);
        timers.push(timer);
        state.timers.push(timer);
      },
      alive: live,
      status(text) { document.getElementById('page-status').textContent = text; },
      child() { return context(state, live); },
      stop() {
        stopped = true;
        timers.forEach(clearInterval);
      }
    };
  }

  function show() {
    leave();
    const p = pageFromHash();
    renderNav(p);
    document.title = p.title + ' · Visage console';
    document.getElementById('page-title').textContent = p.title;
    document.getElementById('page-status').textContent = '';
    const root = clear(document.getElementById('page'));
    root.dataset.page = p.id;
    const state = { page: p, timers: [], alive: true };
    current = state;
    const ctx = context(state, () => state.alive);
    p.render(root, ctx);
  }

  function start() {
    pages.sort((a, b) => (a.order || 0) - (b.order || 0));
    window.addEventListener('hashchange', show);
    show();
    api('session').then(s => {
      document.getElementById('who').textContent = 'admin · ' + (s.via === 'session' ? 'key ' + String(s.key_id).slice(0, 8) : s.via);
    }).catch(e => { document.getElementById('who').textContent = 'admin (' + e.message + ')'; });
  }

  window.Visage = { page, api, h, append, clear, fill, svg, pill, errorBox, confirmButton, flash, num, rate, time, ago, duration, start, ApiError };
})();
