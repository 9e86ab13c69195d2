// People & faces: recognition companies, users and enrolled faces (delete any of them), and the
// faces the pipeline stored per tenant, each with its thumbnail. Loads on demand (no polling:
// thumbnails are images, and a list that reshuffles under the mouse is no help).
(function () {
  'use strict';
  const { h, fill, errorBox, confirmButton, flash, num, time, ago, api } = window.Visage;
  const PIPELINE_PAGE = 48;

  function count(n, one, many) {
    return num(n) + ' ' + (n === 1 ? one : many);
  }

  function query(params) {
    return new URLSearchParams(params).toString();
  }

  function thumb(src, alt) {
    return src ? h('img.thumb', { src, alt, loading: 'lazy', width: 96, height: 96 })
      : h('div.thumb.none', { title: 'no stored image (imported face)' }, 'no image');
  }

  function score(value, digits) {
    return value === null || value === undefined ? '—' : Number(value).toFixed(digits);
  }

  function listItem(selected, data, title, sub, onclick, extra) {
    return h('li', { class: selected ? 'selected' : null, dataset: data },
      h('button.item', { type: 'button', onclick }, h('span.item-title', null, title), h('span.sub', null, sub)), extra || null);
  }

  // ------------------------------------------------------------------ enrolled people
  function enrolled(panes) {
    const state = { company: null, user: null, filter: '', companies: [] };
    const companyFilter = h('input#company-filter', { type: 'text', placeholder: 'filter companies' });
    companyFilter.addEventListener('input', () => { state.filter = companyFilter.value.trim().toLowerCase(); renderCompanies(); });
    const companyCount = h('span', null, 'Companies');
    const companyList = h('ul.list#companies');
    const usersHead = h('h2', null, 'Users');
    const usersActions = h('div.pane-actions');
    const userList = h('div#users');
    const facesHead = h('h2', null, 'Faces');
    const faceGrid = h('div#enrolled-faces');
    fill(panes,
      h('div.panel.pane', null, h('h2', null, companyCount, companyFilter), companyList),
      h('div.panel.pane', null, usersHead, usersActions, userList),
      h('div.panel.pane.wide', null, facesHead, faceGrid));
    fill(userList, h('div.empty', null, 'Select a company.'));
    fill(faceGrid, h('div.empty', null, 'Select a user to see the faces.'));

    function renderCompanies() {
      const shown = state.companies.filter(c => !state.filter || c.company_id.toLowerCase().includes(state.filter));
      fill(companyCount, count(state.companies.length, 'company', 'companies'));
      fill(companyList, shown.length ? shown.map(c => listItem(c.company_id === state.company, { company: c.company_id },
        c.company_id, count(c.users, 'user', 'users') + ' · ' + count(c.faces, 'face', 'faces'), () => selectCompany(c.company_id)))
        : h('li.empty', null, state.companies.length ? 'No company matches.' : 'No companies yet.'));
    }

    async function loadCompanies() {
      try {
        state.companies = await api('people/companies');
        renderCompanies();
      } catch (error) {
        fill(companyList, h('li', null, errorBox(error)));
      }
    }

    async function selectCompany(company) {
      state.company = company;
      state.user = null;
      renderCompanies();
      fill(faceGrid, h('div.empty', null, 'Select a user to see the faces.'));
      await loadUsers();
    }

    async function loadUsers() {
      const company = state.company;
      try {
        const users = await api('people/users?' + query({ company }));
        if (state.company !== company) return;
        const removeCompany = confirmButton('Delete company', 'Delete ' + company + ' and everything in it?', async () => {
          try {
            await api('people/companies?' + query({ company }), { method: 'DELETE' });
            flash('Deleted company ' + company + ' with its users and faces.', 'ok');
            state.company = null;
            state.user = null;
            fill(usersHead, 'Users');
            fill(usersActions);
            fill(userList, h('div.empty', null, 'Select a company.'));
            fill(facesHead, 'Faces');
            fill(faceGrid, h('div.empty', null, 'Select a user to see the faces.'));
          } catch (error) {
            flash('Delete failed: ' + error.message, 'error');
          }
          await loadCompanies();
        }, { id: 'delete-company' });
        fill(usersHead, h('span.of', null, 'Users of ', h('b', null, company)));
        fill(usersActions, h('span.muted.small', null, count(users.length, 'user', 'users')), removeCompany);
        fill(userList, users.length ? h('ul.list#user-list', null, users.map(u => listItem(u.user_id === state.user,
          { user: u.user_id }, u.user_id, count(u.faces, 'face', 'faces') + ' · since ' + time(u.created_at),
          () => selectUser(u.user_id),
          confirmButton('Delete', 'Delete user?', () => deleteUser(company, u.user_id), { dataset: { action: 'delete-user' } }))))
          : h('div.empty', null, 'No users in this company.'));
      } catch (error) {
        fill(userList, errorBox(error));
      }
    }

    async function deleteUser(company, user) {
      try {
        await api('people/users?' + query({ company, user }), { method: 'DELETE' });
        flash('Deleted user ' + user + ' of ' + company + ' with all faces.', 'ok');
        if (state.user === user) {
          state.user = null;
          fill(facesHead, 'Faces');
          fill(faceGrid, h('div.empty', null, 'Select a user to see the faces.'));
        }
      } catch (error) {
        flash('Delete failed: ' + error.message, 'error');
      }
      await Promise.all([loadUsers(), loadCompanies()]);
    }

    async function selectUser(user) {
      state.user = user;
      userList.querySelectorAll('li[data-user]').forEach(li => li.classList.toggle('selected', li.dataset.user === user));
      await loadFaces();
    }

    async function loadFaces() {
      const { company, user } = state;
      try {
        const faces = await api('people/faces?' + query({ company, user }));
        if (state.company !== company || state.user !== user) return;
        fill(facesHead, h('span', null, 'Faces of ', h('b', null, user)), h('span.muted', null, num(faces.length) + ' enrolled'));
        fill(faceGrid, faces.length ? h('div.faces', null, faces.map(f => h('div.face-card', { dataset: { face: f.face_id } },
          thumb(f.has_image ? 'api/people/thumbnail?' + query({ company, user, face: f.face_id }) : null, f.face_id),
          h('div.face-id', { title: f.face_id }, f.face_id),
          h('div.sub', null, f.model),
          h('div.sub', null, 'score ' + score(f.detection_score, 2) + ' · sharpness ' + score(f.sharpness, 0)),
          h('div.sub', null, f.quality_ok === false ? 'quality: below the gate' : 'quality: ok'),
          h('div.sub', { title: time(f.created_at) }, 'enrolled ' + ago(f.created_at)),
          confirmButton('Delete', 'Delete face?', () => deleteFace(company, user, f.face_id), { dataset: { action: 'delete-face' } }))))
          : h('div.empty', null, 'This user has no faces left.'));
      } catch (error) {
        fill(faceGrid, errorBox(error));
      }
    }

    async function deleteFace(company, user, face) {
      try {
        await api('people/faces?' + query({ company, user, face }), { method: 'DELETE' });
        flash('Deleted face ' + face + ' of ' + user + '.', 'ok');
      } catch (error) {
        flash('Delete failed: ' + error.message, 'error');
      }
      await Promise.all([loadFaces(), loadUsers(), loadCompanies()]);
    }

    loadCompanies();
    return () => Promise.all([loadCompanies(), state.company ? loadUsers() : null, state.user ? loadFaces() : null]);
  }

  // ------------------------------------------------------------------ pipeline faces
  function pipeline(panes) {
    const state = { tenant: null, offset: 0 };
    const tenantCount = h('span', null, 'Tenants');
    const tenantList = h('ul.list#face-tenants');
    const facesHead = h('h2', null, 'Stored faces');
    const faceGrid = h('div#stored-faces', null, h('div.empty', null, 'Select a tenant.'));
    fill(panes,
      h('div.panel.pane', null, h('h2', null, tenantCount, h('span.muted', null, 'faces table')), tenantList),
      h('div.panel.pane.wider', null, facesHead, faceGrid));

    async function loadTenants() {
      try {
        const tenants = await api('faces/tenants');
        fill(tenantCount, count(tenants.length, 'tenant', 'tenants'));
        fill(tenantList, tenants.length ? tenants.map(t => listItem(t.tenant_id === state.tenant, { tenant: t.tenant_id },
          t.tenant_id, count(t.faces, 'face', 'faces') + ' · ' + count(t.images, 'image', 'images') + ' · last ' + ago(t.last_stored_at),
          () => { state.tenant = t.tenant_id; state.offset = 0; loadTenants(); loadFaces(); }))
          : h('li.empty', null, 'The pipeline has stored no faces yet.'));
      } catch (error) {
        fill(tenantList, h('li', null, errorBox(error)));
      }
    }

    async function loadFaces() {
      const tenant = state.tenant;
      try {
        const page = await api('faces?' + query({ tenant, limit: PIPELINE_PAGE, offset: state.offset }));
        if (state.tenant !== tenant) return;
        fill(facesHead, h('span', null, 'Faces of ', h('b', null, tenant)), h('span.muted', null, num(page.total) + ' stored, newest first'));
        fill(faceGrid, page.items.length ? [
          h('div.faces', null, page.items.map(f => h('div.face-card', { dataset: { storedFace: f.id } },
            thumb('api/faces/' + encodeURIComponent(f.id) + '/thumbnail', 'face ' + f.face_index + ' of ' + f.image_sha256),
            h('div.face-id.mono', { title: f.image_sha256 }, f.image_sha256.slice(0, 12) + ' #' + f.face_index),
            h('div.sub', null, 'score ' + score(f.det_score, 2) + ' · sharpness ' + score(f.sharpness, 0)),
            f.age !== null && f.age !== undefined ? h('div.sub', null, 'age ' + score(f.age, 0) + (f.gender ? ' · ' + f.gender : '')) : null,
            f.site || f.group_id ? h('div.sub', { title: f.url || '' }, [f.site, f.group_id].filter(Boolean).join(' · ')) : null,
            h('div.sub', { title: time(f.created_at) }, 'stored ' + ago(f.created_at))))),
          page.total > PIPELINE_PAGE ? h('div.pager', null,
            h('button', { type: 'button', disabled: state.offset === 0, onclick: () => { state.offset = Math.max(0, state.offset - PIPELINE_PAGE); loadFaces(); } }, '‹ Newer'),
            h('span.muted', null, (state.offset + 1) + '–' + Math.min(page.total, state.offset + PIPELINE_PAGE) + ' of ' + num(page.total)),
            h('button', { type: 'button', disabled: state.offset + PIPELINE_PAGE >= page.total, onclick: () => { state.offset += PIPELINE_PAGE; loadFaces(); } }, 'Older ›')) : null
        ] : h('div.empty', null, 'No faces stored for this tenant.'));
      } catch (error) {
        fill(faceGrid, errorBox(error));
      }
    }

    loadTenants();
    return () => Promise.all([loadTenants(), state.tenant ? loadFaces() : null]);
  }

  window.Visage.page({
    id: 'people', title: 'People & faces', order: 60,
    render(root, ctx) {
      const tabs = [['enrolled', 'Enrolled people', enrolled], ['pipeline', 'Pipeline faces', pipeline]];
      const state = { tab: 'enrolled', reload: null };
      const segmented = h('div.segmented#people-tabs');
      const panes = h('div.people');
      root.append(h('div.toolbar', null, segmented, h('span.spacer'),
        h('button#people-refresh', { type: 'button', onclick: () => state.reload && state.reload() }, 'Refresh')), panes);

      function show(tab) {
        state.tab = tab;
        fill(segmented, tabs.map(([id, label]) => h('button', { type: 'button', class: id === tab ? 'on' : null,
          dataset: { tab: id }, onclick: () => show(id) }, label)));
        panes.dataset.tab = tab;
        state.reload = tabs.find(([id]) => id === tab)[2](panes);
        ctx.status(tab === 'enrolled' ? 'recognition companies, users and faces' : 'faces stored by the pipeline');
      }
      show('enrolled');
    }
  });
})();
