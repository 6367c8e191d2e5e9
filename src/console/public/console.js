/*
 * The Arising console page. It asks the server for the panes, listens to the server's event stream, and
 * sends what the person types or presses. Messages arrive as HTML the server rendered and escaped, so
 * this script never builds markup from user text: everything it writes itself goes through textContent.
 */

(() => {
  const STORAGE_KEY = 'arising-console-person';
  const state = { as: null, people: [], source: null, unread: new Set() };

  const byId = (id) => document.getElementById(id);
  const lists = { channel: byId('channel-messages'), dm: byId('dm-messages') };

  async function api(path, body) {
    const init =
      body === undefined
        ? {}
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    const response = await fetch(path, init);
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(data.reason || data.error || `the server answered ${response.status}`);
    return data;
  }

  let toastTimer = null;
  function toast(message) {
    const box = byId('toast');
    box.textContent = message;
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => {
      box.hidden = true;
    }, 6000);
  }

  function nameOf(id) {
    return state.people.find((p) => p.id === id)?.name ?? id;
  }

  /* ---------- who is acting ---------- */

  function renderPeople() {
    const nav = byId('people');
    nav.replaceChildren(
      ...state.people.map((person) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset.person = person.id;
        button.title = `${person.name}, who ${person.role}`;
        button.setAttribute('aria-pressed', String(person.id === state.as));
        const initial = document.createElement('span');
        initial.className = 'avatar';
        initial.textContent = person.name.charAt(0);
        const name = document.createElement('span');
        name.className = 'person-name';
        name.textContent = person.name;
        button.append(initial, name);
        if (state.unread.has(person.id)) {
          const dot = document.createElement('span');
          dot.className = 'dot';
          dot.title = 'New direct message';
          button.append(dot);
        }
        button.addEventListener('click', () => choose(person.id));
        return button;
      }),
    );
  }

  function choose(id) {
    state.as = id;
    state.unread.delete(id);
    try {
      localStorage.setItem(STORAGE_KEY, id);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    byId('dm-name').textContent = nameOf(id);
    document.body.dataset.as = id;
    renderPeople();
    connect();
  }

  /* ---------- messages ---------- */

  function timeOf(iso) {
    return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function metaOf(message) {
    const meta = document.createElement('div');
    meta.className = 'meta';
    const who = document.createElement('strong');
    who.textContent = message.from ? message.from.name : 'Arising';
    const when = document.createElement('time');
    when.dateTime = message.at;
    when.textContent = timeOf(message.at);
    meta.append(who, ' ', when);
    if (!message.from) {
      const app = document.createElement('span');
      app.className = 'badge';
      app.textContent = 'APP';
      who.after(' ', app);
    }
    if (message.ephemeral) {
      const only = document.createElement('span');
      only.className = 'only-you';
      only.textContent = 'Only visible to you';
      meta.append(' ', only);
    }
    if (message.editedAt) {
      const edited = document.createElement('span');
      edited.className = 'edited';
      edited.textContent = '(updated)';
      meta.append(' ', edited);
    }
    return meta;
  }

  function bodyOf(message) {
    const body = document.createElement('div');
    body.className = 'body';
    // Rendered and escaped by the server (src/console/html-view.ts).
    body.innerHTML = message.html;
    return body;
  }

  function elementOf(message) {
    const item = document.createElement('li');
    item.className = `msg ${message.from ? 'from-person' : 'from-bot'}${message.ephemeral ? ' ephemeral' : ''}`;
    item.id = `msg-${message.id}`;
    item.dataset.id = message.id;
    item.dataset.pane = message.pane;
    const avatar = document.createElement('span');
    avatar.className = 'avatar';
    avatar.setAttribute('aria-hidden', 'true');
    avatar.textContent = message.from ? message.from.name.charAt(0) : 'A';
    const content = document.createElement('div');
    content.className = 'content';
    content.append(metaOf(message), bodyOf(message));
    if (!message.thread) {
      const thread = document.createElement('ol');
      thread.className = 'thread';
      content.append(thread);
      // Only where the core acts on a reply (a card, a reminder): anywhere else a reply would do nothing.
      if (message.takesReplies) {
        const reply = document.createElement('button');
        reply.type = 'button';
        reply.className = 'reply-link';
        reply.textContent = 'Reply in thread';
        reply.addEventListener('click', () => openThreadForm(item));
        content.append(reply);
      }
    }
    item.append(avatar, content);
    return item;
  }

  function nearBottom(list) {
    return list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  }

  const signs = { channel: byId('channel-new-below'), dm: byId('dm-new-below') };

  function toBottom(pane) {
    lists[pane].scrollTop = lists[pane].scrollHeight;
    signs[pane].hidden = true;
  }

  /** Whether any of the element is below what the list shows. */
  function below(list, element) {
    return element.getBoundingClientRect().bottom > list.getBoundingClientRect().bottom + 1;
  }

  /**
   * Where a new message leaves the view. What the person did themselves, or an answer only they see, is
   * scrolled into view (a thread reply where it is, not the list's end). Someone else's message follows
   * only when the list was at its end; otherwise a sign says there is something below, as Slack does.
   */
  function follow(message, element, wasAtBottom) {
    const list = lists[message.pane];
    if (message.from?.id === state.as || message.ephemeral) {
      if (message.thread) element.scrollIntoView({ block: 'nearest' });
      else toBottom(message.pane);
    } else if (wasAtBottom && !message.thread) {
      toBottom(message.pane);
    } else if (!message.thread && below(list, element)) {
      signs[message.pane].hidden = false;
    }
  }

  function upsert(message, isNew) {
    const existing = byId(`msg-${message.id}`);
    if (existing) {
      const content = existing.querySelector(':scope > .content');
      content.querySelector(':scope > .meta').replaceWith(metaOf(message));
      content.querySelector(':scope > .body').replaceWith(bodyOf(message));
      return;
    }
    if (!isNew) return;
    const list = lists[message.pane];
    const parent = message.thread
      ? byId(`msg-${message.thread}`)?.querySelector(':scope > .content > .thread')
      : list;
    if (!parent) return;
    const wasAtBottom = nearBottom(list);
    const element = elementOf(message);
    parent.append(element);
    follow(message, element, wasAtBottom);
    if (message.pane === 'dm' && byId('panes').dataset.show !== 'dm') byId('dm-dot').hidden = false;
  }

  for (const pane of ['channel', 'dm']) {
    signs[pane].addEventListener('click', () => toBottom(pane));
    lists[pane].addEventListener('scroll', () => {
      if (nearBottom(lists[pane])) signs[pane].hidden = true;
    });
  }

  function fill(pane, messages) {
    lists[pane].replaceChildren();
    for (const message of messages) {
      if (message.thread) {
        byId(`msg-${message.thread}`)
          ?.querySelector(':scope > .content > .thread')
          ?.append(elementOf(message));
      } else {
        lists[pane].append(elementOf(message));
      }
    }
    toBottom(pane);
  }

  async function load() {
    const as = state.as;
    try {
      const panes = await api(`/console/api/panes?as=${encodeURIComponent(as)}`);
      if (as !== state.as) return;
      fill('channel', panes.channel);
      fill('dm', panes.dm);
      document.body.dataset.ready = 'true';
    } catch (error) {
      toast(`Could not load the messages: ${error.message}`);
    }
  }

  function connect() {
    if (state.source) state.source.close();
    document.body.dataset.ready = 'false';
    const source = new EventSource(`/console/api/stream?as=${encodeURIComponent(state.as)}`);
    state.source = source;
    // Every (re)connection reloads the panes, so nothing sent while the stream was down is missed.
    source.addEventListener('open', load);
    source.addEventListener('post', (event) => upsert(JSON.parse(event.data), true));
    source.addEventListener('update', (event) => upsert(JSON.parse(event.data), false));
    source.addEventListener('unread', (event) => {
      const { person } = JSON.parse(event.data);
      if (person === state.as) return;
      state.unread.add(person);
      renderPeople();
    });
  }

  /* ---------- sending ---------- */

  function afterAnswer(outcome) {
    if (outcome.form === 'import') openImport();
  }

  async function send(pane, text, thread) {
    afterAnswer(await api('/console/api/send', { as: state.as, pane, text, thread }));
  }

  function bindComposer(form) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const input = form.elements.text;
      const text = input.value.trim();
      if (!text) return;
      input.value = '';
      try {
        await send(form.dataset.pane, text, null);
      } catch (error) {
        input.value = text;
        toast(`Not sent: ${error.message}`);
      }
    });
  }

  function openThreadForm(item) {
    const content = item.querySelector(':scope > .content');
    let form = content.querySelector(':scope > .thread-form');
    if (!form) {
      form = document.createElement('form');
      form.className = 'composer thread-form';
      const input = document.createElement('input');
      input.name = 'text';
      input.required = true;
      input.autocomplete = 'off';
      input.placeholder = 'Reply: done, or a progress note';
      input.setAttribute('aria-label', 'Reply in thread');
      const button = document.createElement('button');
      button.type = 'submit';
      button.textContent = 'Reply';
      form.append(input, button);
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const text = input.value.trim();
        if (!text) return;
        input.value = '';
        try {
          await send(item.dataset.pane, text, item.dataset.id);
        } catch (error) {
          input.value = text;
          toast(`Not sent: ${error.message}`);
        }
      });
      content.append(form);
    }
    form.elements.text.focus();
  }

  async function press(button, input) {
    const item = button.closest('.msg');
    const body = {
      as: state.as,
      pane: item.dataset.pane,
      id: button.dataset.button,
      value: button.dataset.value,
      messageId: item.dataset.id,
    };
    if (input !== undefined) body.input = input;
    button.disabled = true;
    try {
      afterAnswer(await api('/console/api/button', body));
    } catch (error) {
      toast(`That did not work: ${error.message}`);
    } finally {
      button.disabled = false;
    }
  }

  /** A menu item that needs words (a due date, owners, a reason) asks for them under the buttons. */
  function ask(button) {
    const row = button.closest('.v-buttons');
    row.parentElement.querySelector(':scope > .ask')?.remove();
    const form = document.createElement('form');
    form.className = 'ask composer';
    const label = document.createElement('label');
    label.textContent = button.dataset.input;
    const input = document.createElement('input');
    input.name = 'input';
    input.autocomplete = 'off';
    input.placeholder = button.dataset.placeholder || '';
    input.required = button.dataset.required === 'true';
    label.append(input);
    const ok = document.createElement('button');
    ok.type = 'submit';
    ok.textContent = 'OK';
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.textContent = 'Cancel';
    cancel.addEventListener('click', () => form.remove());
    form.append(label, ok, cancel);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      form.remove();
      await press(button, input.value.trim());
    });
    row.after(form);
    input.focus();
  }

  /* ---------- the More menu ---------- */

  /**
   * Places an open More menu in the window: fixed, so the message list's scrolling cannot clip it; under
   * its button when there is room, else above; moved left when it would pass the right edge (a phone).
   */
  function placeMenu(menu) {
    const items = menu.querySelector(':scope > .v-menu-items');
    const anchor = menu.querySelector(':scope > summary').getBoundingClientRect();
    const margin = 8;
    const width = document.documentElement.clientWidth;
    const height = document.documentElement.clientHeight;
    items.style.maxHeight = `${height - 2 * margin}px`;
    const box = items.getBoundingClientRect();
    const left = Math.max(margin, Math.min(anchor.left, width - box.width - margin));
    const under = anchor.bottom + 4;
    const top = under + box.height <= height - margin ? under : Math.max(margin, anchor.top - 4 - box.height);
    items.style.left = `${left}px`;
    items.style.top = `${top}px`;
  }

  function closeMenus(except) {
    for (const open of document.querySelectorAll('details.v-menu[open]')) {
      if (open !== except) open.open = false;
    }
  }

  // `toggle` does not bubble: listen while it passes down.
  document.addEventListener(
    'toggle',
    (event) => {
      const menu = event.target;
      if (!(menu instanceof HTMLDetailsElement) || !menu.classList.contains('v-menu') || !menu.open) return;
      closeMenus(menu);
      placeMenu(menu);
    },
    true,
  );
  // A fixed menu would stay put while its card moves: close it instead.
  for (const list of Object.values(lists)) list.addEventListener('scroll', () => closeMenus(null));
  window.addEventListener('resize', () => closeMenus(null));
  document.addEventListener('click', (event) => {
    if (!event.target.closest('details.v-menu')) closeMenus(null);
  });

  document.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-button]');
    if (!button) return;
    const menu = button.closest('details');
    if (menu) menu.open = false;
    if (button.dataset.input) ask(button);
    else press(button);
  });

  /* ---------- import ---------- */

  function openImport() {
    const dialog = byId('import-dialog');
    if (!dialog.open) dialog.showModal();
    dialog.querySelector('textarea').focus();
  }

  byId('import-cancel').addEventListener('click', () => byId('import-dialog').close());
  byId('import-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const area = event.target.elements.text;
    try {
      await api('/console/api/import', { as: state.as, text: area.value });
      area.value = '';
      byId('import-dialog').close();
    } catch (error) {
      toast(`Not imported: ${error.message}`);
    }
  });

  /* ---------- panes on a narrow screen ---------- */

  for (const tab of document.querySelectorAll('[data-tab]')) {
    tab.addEventListener('click', () => {
      byId('panes').dataset.show = tab.dataset.tab;
      for (const other of document.querySelectorAll('[data-tab]')) {
        other.setAttribute('aria-selected', String(other === tab));
      }
      if (tab.dataset.tab === 'dm') byId('dm-dot').hidden = true;
    });
  }

  /* ---------- start ---------- */

  bindComposer(byId('channel-form'));
  bindComposer(byId('dm-form'));

  api('/console/api/session').then(
    (session) => {
      state.people = session.people;
      let saved = null;
      try {
        saved = localStorage.getItem(STORAGE_KEY);
      } catch {
        /* no storage: start as the chair */
      }
      const first = state.people.find((p) => p.id === saved) ?? state.people[0];
      choose(first.id);
    },
    (error) => toast(`Could not reach Arising: ${error.message}`),
  );
})();
