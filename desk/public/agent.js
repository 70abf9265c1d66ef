/* The agent's console: sign-in, the queue, live chats over a WebSocket, phone transfers. */
(function () {
  'use strict';
  var csrf = null;
  var me = null;
  var socket = null;
  var chats = {};
  var typingTimers = {};
  var lastTypingSent = {};

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function status(text) { $('status').textContent = text; }

  function api(method, path, body) {
    var headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
    return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' })
      .then(function (res) {
        if (res.status === 204) return {};
        return res.json().then(function (json) {
          if (!res.ok) {
            if (res.status === 401) showSignIn(json.error && json.error.message);
            var error = new Error((json.error && json.error.message) || 'Something went wrong.');
            error.status = res.status;
            throw error;
          }
          return json;
        });
      });
  }

  function showSignIn(message) {
    if (socket) socket.close();
    $('console').hidden = true;
    $('who').hidden = true;
    $('sign-in').hidden = false;
    $('sign-in-error').textContent = message || '';
  }

  function signedIn(info) {
    csrf = info.csrfToken;
    me = info.agent;
    $('sign-in').hidden = true;
    $('console').hidden = false;
    $('who').hidden = false;
    $('agent-name').textContent = me.name + ' (' + me.role + ')';
    $('ops-link').hidden = me.role !== 'supervisor';
    connect();
  }

  function connect() {
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    socket = new WebSocket(scheme + location.host + '/agent/stream');
    socket.onmessage = function (event) {
      var frame = JSON.parse(event.data);
      if (frame.type === 'queue') renderQueue(frame);
      if (frame.type === 'messages') frame.messages.forEach(function (m) { appendMessage(frame.handoffId, m); });
      if (frame.type === 'typing') showTyping(frame.handoffId);
    };
    socket.onclose = function (event) {
      if (event.code === 4401) { showSignIn('Your session has expired. Please sign in again.'); return; }
      if (me) setTimeout(function () { if (me) connect(); }, 2000);
    };
  }

  function summaryList(h) {
    var dl = el('dl');
    var rows = [
      ['Reason', h.reason],
      ['Language', h.language === 'es' ? 'Spanish' : 'English'],
      ['Verified', h.verified ? 'yes' + (h.customer ? ' (' + h.customer + ')' : '') : 'no'],
      ['Account', h.account || '–'],
      ['In progress', h.inProgress || '–'],
      ['Topics', h.topics.length ? h.topics.join(', ') : '–'],
      ['Since', new Date(h.createdAt).toLocaleTimeString()]
    ];
    if (h.callerNumber) rows.push(['Caller', h.callerNumber]);
    rows.forEach(function (r) { dl.appendChild(el('dt', {}, r[0])); dl.appendChild(el('dd', { 'data-field': r[0].toLowerCase().replace(' ', '-') }, r[1])); });
    return dl;
  }

  function turnsList(h) {
    var ol = el('ol', { class: 'turns' });
    h.lastTurns.forEach(function (t) { ol.appendChild(el('li', {}, (t.from === 'customer' ? 'Customer: ' : 'Assistant: ') + t.text)); });
    return ol;
  }

  function renderQueue(frame) {
    $('waiting-count').textContent = String(frame.waiting.length);
    var queue = $('queue');
    queue.textContent = '';
    frame.waiting.forEach(function (h, i) {
      var li = el('li', { class: 'card', 'data-handoff': h.id });
      li.appendChild(el('strong', {}, (i + 1) + '. Web chat'));
      li.appendChild(summaryList(h));
      li.appendChild(turnsList(h));
      var accept = el('button', { type: 'button', class: 'accept' }, 'Accept');
      accept.onclick = function () {
        accept.disabled = true;
        api('POST', '/agent/api/handoffs/' + h.id + '/accept', {}).catch(function (e) { status(e.message); accept.disabled = false; });
      };
      li.appendChild(accept);
      queue.appendChild(li);
    });
    var live = {};
    frame.mine.forEach(function (h) { live[h.id] = true; if (!chats[h.id]) openChat(h); });
    Object.keys(chats).forEach(function (id) { if (!live[id]) closeChat(id); });
    renderPhone(frame.phone);
  }

  function renderPhone(list) {
    var ol = $('phone');
    ol.textContent = '';
    list.forEach(function (h) {
      var li = el('li', { class: 'card', 'data-handoff': h.id });
      li.appendChild(el('strong', {}, 'Phone transfer'));
      li.appendChild(summaryList(h));
      ol.appendChild(li);
    });
  }

  function openChat(h) {
    var box = el('div', { class: 'chat', 'data-chat': h.id });
    box.appendChild(el('strong', {}, 'Chat in ' + (h.language === 'es' ? 'Spanish' : 'English')));
    box.appendChild(summaryList(h));
    box.appendChild(turnsList(h));
    var log = el('div', { class: 'log', 'aria-live': 'polite' });
    box.appendChild(log);
    var typing = el('div', { class: 'typing' });
    box.appendChild(typing);
    var form = el('form', { class: 'reply' });
    var input = el('input', { class: 'reply-text', 'aria-label': 'Reply', maxlength: '2000', autocomplete: 'off' });
    form.appendChild(input);
    form.appendChild(el('button', { type: 'submit' }, 'Send'));
    form.onsubmit = function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text) { status('Write a message first.'); return; }
      api('POST', '/agent/api/handoffs/' + h.id + '/messages', { text: text }).then(function () { input.value = ''; }, function (e) { status(e.message); });
    };
    input.oninput = function () {
      var now = Date.now();
      if (now - (lastTypingSent[h.id] || 0) < 2000) return;
      lastTypingSent[h.id] = now;
      api('POST', '/agent/api/handoffs/' + h.id + '/typing', {}).catch(function () { return undefined; });
    };
    box.appendChild(form);
    var end = el('button', { type: 'button', class: 'end' }, 'Hand back to the assistant');
    end.onclick = function () {
      end.disabled = true;
      api('POST', '/agent/api/handoffs/' + h.id + '/end', {}).catch(function (e) { status(e.message); end.disabled = false; });
    };
    box.appendChild(end);
    $('mine').appendChild(box);
    chats[h.id] = { box: box, log: log, typing: typing };
  }

  function closeChat(id) {
    chats[id].box.remove();
    delete chats[id];
  }

  function appendMessage(id, m) {
    var chat = chats[id];
    if (!chat) return;
    var who = m.sender === 'visitor' ? 'Customer' : m.sender === 'agent' ? 'You' : 'Desk';
    var text = m.sender === 'system' && m.text === 'desk.visitorLeft' ? 'The customer left.' : m.text;
    chat.log.appendChild(el('p', { class: m.sender, 'data-message': String(m.id) }, who + ': ' + text));
    chat.log.scrollTop = chat.log.scrollHeight;
    if (m.sender === 'visitor') chat.typing.textContent = '';
  }

  function showTyping(id) {
    var chat = chats[id];
    if (!chat) return;
    chat.typing.textContent = 'Customer is typing…';
    clearTimeout(typingTimers[id]);
    typingTimers[id] = setTimeout(function () { chat.typing.textContent = ''; }, 4000);
  }

  $('sign-in').onsubmit = function (event) {
    event.preventDefault();
    $('sign-in-error').textContent = '';
    api('POST', '/agent/api/sign-in', { username: $('username').value, password: $('password').value })
      .then(function (info) { $('password').value = ''; signedIn(info); }, function (e) { $('sign-in-error').textContent = e.message; });
  };
  $('sign-out').onclick = function () {
    api('POST', '/agent/api/sign-out', {}).then(function () { me = null; csrf = null; showSignIn('Signed out.'); });
  };
  $('phone-search').onsubmit = function (event) {
    event.preventDefault();
    $('phone-error').textContent = '';
    var caller = $('caller').value.trim();
    var url = caller ? '/agent/api/phone?caller=' + encodeURIComponent(caller) : '/agent/api/queue';
    api('GET', url).then(function (json) { renderPhone(json.phone); }, function (e) { $('phone-error').textContent = e.message; });
  };

  api('GET', '/agent/api/me').then(signedIn, function () { showSignIn(''); });
})();
