// Pocket Mail: a small local webmail used as the demo and test page for Pocket SLM. Plain DOM, no framework.
'use strict';

const state = {
  folder: 'inbox',
  query: '',
  unreadOnly: false,
  selected: new Set(),
  messages: [
    { id: 1, folder: 'inbox', from: 'Maya Chen', email: 'maya@example.com', subject: 'Quarterly report draft', date: '2026-11-24', unread: true, body: 'Here is the first draft of the quarterly report. Comments by Friday please.' },
    { id: 2, folder: 'inbox', from: 'The Weekly Byte', email: 'news@byte.example', subject: 'Newsletter: 10 tips for faster builds', date: '2026-11-23', unread: true, body: 'This week: caching, parallel jobs and smaller images.' },
    { id: 3, folder: 'inbox', from: 'Jonas Berg', email: 'jonas@example.com', subject: 'Lunch on Thursday?', date: '2026-11-22', unread: false, body: 'Shall we try the new ramen place on Thursday at noon?' },
    { id: 4, folder: 'inbox', from: 'Bank of Example', email: 'alerts@bank.example', subject: 'Your statement is ready', date: '2026-11-20', unread: false, body: 'Your November statement is available in online banking.' },
    { id: 5, folder: 'inbox', from: 'The Weekly Byte', email: 'news@byte.example', subject: 'Newsletter: what is new in WebGPU', date: '2026-11-16', unread: false, body: 'Compute shaders, subgroups and more.' },
    { id: 6, folder: 'archive', from: 'Priya Natarajan', email: 'priya@example.com', subject: 'Trip photos', date: '2026-10-30', unread: false, body: 'Uploaded the photos from the hike.' },
  ],
  nextId: 7,
};

const $ = (selector) => document.querySelector(selector);

function visibleMessages() {
  const query = state.query.toLowerCase();
  return state.messages.filter((m) => m.folder === state.folder
    && (!state.unreadOnly || m.unread)
    && (!query || m.from.toLowerCase().includes(query) || m.subject.toLowerCase().includes(query)));
}

function renderList() {
  const list = $('#messages');
  list.replaceChildren();
  for (const message of visibleMessages()) {
    const item = document.createElement('li');
    item.className = `message${message.unread ? ' unread' : ''}`;
    item.dataset.id = String(message.id);
    const check = document.createElement('input');
    check.type = 'checkbox';
    check.setAttribute('aria-label', `Select message from ${message.from}`);
    check.checked = state.selected.has(message.id);
    check.addEventListener('change', () => {
      if (check.checked) state.selected.add(message.id); else state.selected.delete(message.id);
      $('#archive-selected').disabled = state.selected.size === 0;
    });
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'open';
    open.innerHTML = '<span class="sender"></span><span class="subject"></span><time class="date"></time>';
    open.querySelector('.sender').textContent = message.to ? `To: ${message.to}` : message.from;
    open.querySelector('.subject').textContent = message.subject;
    open.querySelector('.date').textContent = message.date;
    open.addEventListener('click', () => openMessage(message.id));
    const archive = document.createElement('button');
    archive.type = 'button';
    archive.textContent = message.folder === 'archive' ? 'Move to inbox' : 'Archive';
    archive.addEventListener('click', () => moveTo([message.id], message.folder === 'archive' ? 'inbox' : 'archive'));
    item.append(check, open, archive);
    list.append(item);
  }
  $('#inbox-count').textContent = `(${state.messages.filter((m) => m.folder === 'inbox' && m.unread).length})`;
  $('#status').textContent = list.children.length ? '' : 'No messages here.';
}

function openMessage(id) {
  const message = state.messages.find((m) => m.id === id);
  if (!message) return;
  message.unread = false;
  $('#reader-subject').textContent = message.subject;
  $('#reader-meta').textContent = `${message.from} <${message.email}> · ${message.date}`;
  $('#reader-body').textContent = message.body;
  $('#reader').hidden = false;
  $('#messages').hidden = true;
  $('#reply').onclick = () => compose({ to: message.email, subject: `Re: ${message.subject}` });
  renderList();
}

function closeReader() {
  $('#reader').hidden = true;
  $('#messages').hidden = false;
}

function moveTo(ids, folder) {
  for (const message of state.messages) if (ids.includes(message.id)) message.folder = folder;
  state.selected.clear();
  $('#archive-selected').disabled = true;
  renderList();
  // After the list is drawn, which says only whether the folder is empty.
  const moved = `${ids.length} message${ids.length === 1 ? '' : 's'} moved to ${folder}.`;
  $('#status').textContent = $('#messages').children.length ? moved : `${moved} No messages here.`;
}

function showFolder(folder) {
  state.folder = folder;
  state.selected.clear();
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.folder === folder) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  const settings = folder === 'settings';
  $('#settings').hidden = !settings;
  $('#mail').hidden = settings;
  const title = { inbox: 'Inbox', archive: 'Archive', sent: 'Sent', settings: 'Settings' }[folder] ?? 'Inbox';
  $('#folder-title').textContent = title;
  document.title = `Pocket Mail — ${title}`;
  closeReader();
  renderList();
}

function compose(prefill = {}) {
  const form = $('#compose-form');
  form.reset();
  form.elements.to.value = prefill.to ?? '';
  form.elements.subject.value = prefill.subject ?? '';
  $('#compose-dialog').showModal();
}

$('#compose').addEventListener('click', () => compose());
$('#compose-cancel').addEventListener('click', () => $('#compose-dialog').close('discard'));
$('#compose-form').addEventListener('submit', (event) => {
  const form = event.currentTarget;
  if (!form.checkValidity()) { event.preventDefault(); form.reportValidity(); return; }
  state.messages.unshift({
    id: state.nextId++, folder: 'sent', from: 'Alex Doe', email: 'alex@example.com', to: form.elements.to.value,
    subject: form.elements.subject.value, body: form.elements.body.value, date: new Date().toISOString().slice(0, 10), unread: false,
  });
  renderList();
  $('#status').textContent = `Message sent to ${form.elements.to.value}.`;
});
$('#search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  state.query = $('#search').value.trim();
  renderList();
});
$('#unread-only').addEventListener('change', (event) => { state.unreadOnly = event.currentTarget.checked; renderList(); });
$('#archive-selected').addEventListener('click', () => moveTo([...state.selected], 'archive'));
$('#close-reader').addEventListener('click', closeReader);
$('#settings-form').addEventListener('submit', (event) => {
  event.preventDefault();
  $('#status').textContent = 'Settings saved.';
  showFolder('inbox');
});
window.addEventListener('hashchange', () => showFolder(location.hash.slice(1) || 'inbox'));
showFolder(location.hash.slice(1) || 'inbox');
