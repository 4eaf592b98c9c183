/**
 * The dashboard's ceiling: plain DOM pages showing the same data from the same API — no framework, no
 * state library, built once with createElement and patched in place on each live event. They carry the
 * dashboard's test ids, so the bench measures both the same way.
 */

const STYLE = `body{font:14px system-ui,sans-serif;margin:0;padding:24px;color:#18181b}
ul{list-style:none;margin:0;padding:0}
#sessions{display:grid;grid-template-columns:1fr 1fr;gap:16px}
section{border:1px solid #e4e4e7;border-radius:16px;padding:16px}
dl{display:grid;grid-template-columns:1fr 1fr;gap:8px}dd{margin:0}
[data-testid=status-badge]{border-radius:99px;padding:2px 8px;background:#f4f4f5}`;

const page = (title: string, script: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>${STYLE}</style></head>` +
  `<body><h1>${title}</h1><script type="module">${script}</script></body></html>`;

/** A tRPC query over plain fetch. */
const QUERY = `const query = async (path, input) => {
  const url = '/trpc/' + path + (input ? '?input=' + encodeURIComponent(JSON.stringify(input)) : '');
  return (await (await fetch(url)).json()).result.data;
};
const el = (tag, text, attrs = {}) => {
  const node = document.createElement(tag);
  if (text != null) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
};`;

/** Every session as a card, and their status badges kept live from sessions.onEvent. */
export const PLAIN_SESSIONS = page(
  'Sessions',
  `${QUERY}
const sessions = await query('sessions.list');
const list = el('ul', null, { id: 'sessions' });
const badges = new Map();
for (const s of sessions) {
  const card = el('section', null, { 'data-testid': 'session-card', 'data-session-id': s.id });
  const title = el('h3');
  title.append(el('a', s.name, { href: '/sessions/' + s.id }));
  const badge = el('span', s.status, { 'data-testid': 'status-badge', 'data-status': s.status });
  badges.set(s.id, badge);
  const facts = el('dl');
  for (const [label, value] of [['Phone', s.phone ?? 'Not linked'], ['Push name', s.pushName ?? '—'],
    ['Last connected', s.lastConnectedAt ? new Date(s.lastConnectedAt).toLocaleString() : 'Never']]) {
    facts.append(el('dt', label), el('dd', value));
  }
  const actions = el('div');
  for (const action of ['Start', 'Stop', 'Restart', 'Log out', 'Delete']) actions.append(el('button', action));
  card.append(title, el('p', s.id + ' · ' + s.engine), badge, facts, el('p', s.statusReason ?? ''), actions);
  const item = el('li');
  item.append(card);
  list.append(item);
}
document.body.append(list);
const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/trpc');
ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'sessions.onEvent', input: {} } }));
ws.onmessage = (message) => {
  const event = JSON.parse(message.data).result?.data;
  if (event?.type !== 'status') return;
  const badge = badges.get(event.sessionId);
  if (badge && badge.dataset.status !== event.status) {
    badge.dataset.status = event.status;
    badge.textContent = event.status;
  }
};`,
);

/** The first page of conversations (what the inbox shows first), as plain rows. */
export const PLAIN_CONVERSATIONS = page(
  'Inbox',
  `${QUERY}
const { items } = await query('conversations.list', { limit: 100 });
const list = el('ul');
for (const c of items) {
  const row = el('button', null, { 'data-testid': 'conversation', 'data-conversation-id': c.id });
  row.append(el('strong', c.contact.name ?? c.contact.phone), el('time', new Date(c.lastMessageAt).toLocaleTimeString()),
    el('span', c.lastMessagePreview ?? ''), el('span', c.unreadCount > 0 ? c.unreadCount + ' unread' : ''));
  const item = el('li');
  item.append(row);
  list.append(item);
}
document.body.append(list);`,
);

/** The newest page of a thread (what the thread shows first), oldest first, as plain bubbles. */
export const plainThread = (conversationId: string) =>
  page(
    'Thread',
    `${QUERY}
const { items } = await query('conversations.messages', { conversationId: ${JSON.stringify(conversationId)}, limit: 50 });
const list = el('ol');
for (const m of items.reverse()) {
  const bubble = el('li', null, { 'data-testid': 'bubble', 'data-direction': m.direction });
  bubble.append(el('p', m.body ?? ''), el('time', new Date(m.createdAt).toLocaleTimeString()));
  list.append(bubble);
}
document.body.append(list);`,
  );
