/*
 * The web chat page: starts a Direct Line conversation on this server, renders
 * the official Web Chat, and keeps sensitive answers (SSN, bank account) out
 * of the transcript. Plain browser JavaScript, no build step: the server
 * serves this file as is.
 */
(function () {
  'use strict';

  var JOIN_EVENT = 'webchat/join';
  var MASK_BULLETS = '\u2022\u2022\u2022\u2022\u2022';

  var PAGE_TEXT = {
    'en-US': {
      docTitle: 'Vehicle account assistant',
      title: 'Vehicle account assistant',
      subtitle: 'Payments, balances, Auto Pay and title status for your financed or leased vehicle.',
      chatHeading: 'Chat with the assistant',
      secure: 'Secure connection',
      loading: 'Connecting…',
      failed: 'We couldn\u2019t start the chat. Please refresh the page, or call 1-888-925-2559.',
      feeBadge: '$0 fee',
      feeNote: 'Payments you make here have no fee.',
      feeDetail: 'Third-party services such as ACI Payments by phone or CheckFreePay charge their own fees; we never do.',
      helpHeading: 'I can help you',
      help1: 'Make or schedule a payment',
      help2: 'Check your amount due, due date or payoff',
      help3: 'Turn Auto Pay on or off',
      help4: 'Track your title after payoff',
      help5: 'See your FICO\u00ae Score, with no impact on your credit',
      privacyHeading: 'Your privacy',
      privacyNote: 'Your Social Security number and bank account number are masked as you send them and never shown in the chat.',
      phoneNote: 'Prefer to talk? Call 1-888-925-2559, in English or Spanish.',
      sensitivePlaceholder: 'Type the number; it will be masked',
      infoLabel: 'About this assistant',
    },
    'es-US': {
      docTitle: 'Asistente de su cuenta de vehículo',
      title: 'Asistente de su cuenta de vehículo',
      subtitle: 'Pagos, saldos, Auto Pay y estado del título de su vehículo financiado o arrendado.',
      chatHeading: 'Converse con el asistente',
      secure: 'Conexión segura',
      loading: 'Conectando…',
      failed: 'No pudimos iniciar el chat. Actualice la página o llame al 1-888-925-2559.',
      feeBadge: 'Sin cargo',
      feeNote: 'Los pagos que haga aquí no tienen cargo.',
      feeDetail: 'Servicios de terceros como ACI Payments por teléfono o CheckFreePay cobran sus propios cargos; nosotros nunca.',
      helpHeading: 'Puedo ayudarle a',
      help1: 'Hacer o programar un pago',
      help2: 'Consultar su monto adeudado, fecha de vencimiento o liquidación',
      help3: 'Activar o cancelar Auto Pay',
      help4: 'Seguir su título después de liquidar',
      help5: 'Ver su FICO\u00ae Score, sin impacto en su crédito',
      privacyHeading: 'Su privacidad',
      privacyNote: 'Su número de Seguro Social y su número de cuenta bancaria se ocultan al enviarlos y nunca se muestran en el chat.',
      phoneNote: '¿Prefiere hablar? Llame al 1-888-925-2559, en inglés o en español.',
      sensitivePlaceholder: 'Escriba el número; se ocultará',
      infoLabel: 'Acerca de este asistente',
    },
  };

  var ACCENT = '#0a5bab';
  var STYLE_OPTIONS = {
    accent: ACCENT,
    primaryFont: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    backgroundColor: '#f6f8fb',
    rootHeight: '100%',
    rootWidth: '100%',
    paddingRegular: 12,
    bubbleBackground: '#ffffff',
    bubbleBorderColor: '#dfe5ee',
    bubbleBorderRadius: 14,
    bubbleBorderWidth: 1,
    bubbleTextColor: '#1c2430',
    bubbleMaxWidth: 600,
    bubbleFromUserBackground: ACCENT,
    bubbleFromUserBorderColor: ACCENT,
    bubbleFromUserBorderRadius: 14,
    bubbleFromUserBorderWidth: 1,
    bubbleFromUserTextColor: '#ffffff',
    botAvatarInitials: 'VA',
    botAvatarBackgroundColor: '#0d2d52',
    userAvatarInitials: '',
    avatarSize: 36,
    hideUploadButton: true,
    sendBoxHeight: 56,
    sendBoxBackground: '#ffffff',
    sendBoxTextColor: '#1c2430',
    sendBoxButtonColor: ACCENT,
    sendBoxBorderTop: 'solid 1px #dfe5ee',
    suggestedActionLayout: 'flow',
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionBorderColor: ACCENT,
    suggestedActionBorderRadius: 18,
    suggestedActionBorderWidth: 1,
    suggestedActionTextColor: ACCENT,
    suggestedActionHeight: 36,
    suggestedActionBackgroundColorOnHover: '#e8f1fb',
    timestampColor: '#5d6b7e',
  };

  var page = {
    locale: initialLocale(),
    userID: 'web-' + randomHex(12),
    directLine: null,
    store: null,
    joined: false,
    rejoinOnLanguage: false,
    visitorSpoke: false,
    sensitive: false,
  };

  function initialLocale() {
    var param = new URLSearchParams(location.search).get('lang');
    var tag = (param || navigator.language || 'en').toLowerCase();
    return tag.indexOf('es') === 0 ? 'es-US' : 'en-US';
  }

  function randomHex(bytes) {
    var values = new Uint8Array(bytes);
    crypto.getRandomValues(values);
    return Array.prototype.map.call(values, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function text(key) {
    return (PAGE_TEXT[page.locale] || PAGE_TEXT['en-US'])[key];
  }

  function applyPageText() {
    document.documentElement.lang = page.locale.slice(0, 2);
    document.body.setAttribute('data-locale', page.locale);
    document.title = text('docTitle');
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (el) {
      var value = text(el.getAttribute('data-i18n'));
      if (value) el.textContent = value;
    });
    var info = document.querySelector('.info');
    if (info) info.setAttribute('aria-label', text('infoLabel'));
    Array.prototype.forEach.call(document.querySelectorAll('.lang__btn'), function (btn) {
      btn.setAttribute('aria-pressed', String(btn.getAttribute('data-locale') === page.locale));
    });
    applySensitiveInput();
  }

  /** Only the last four characters survive, and a fixed count of bullets hides the length. */
  function maskOf(typed) {
    var compact = typed.replace(/[\s-]/g, '');
    return compact.length > 4 ? MASK_BULLETS + ' ' + compact.slice(-4) : MASK_BULLETS;
  }

  function isFromVisitor(activity) {
    var from = activity.from || {};
    return from.role === 'user' || from.id === page.userID;
  }

  function setSensitive(sensitive) {
    page.sensitive = sensitive;
    document.body.setAttribute('data-sensitive', String(sensitive));
    applySensitiveInput();
  }

  // Web Chat owns the send box element; a class on the container plus attributes on the input
  // make it password-like (CSS text-security, no autofill or spellcheck upload) while a secret is asked.
  function applySensitiveInput() {
    var host = document.getElementById('webchat');
    if (!host) return;
    host.classList.toggle('is-sensitive', page.sensitive);
    var input = host.querySelector('.webchat__send-box-text-box__input');
    if (!input) return;
    if (page.sensitive) {
      input.setAttribute('autocomplete', 'off');
      input.setAttribute('spellcheck', 'false');
      input.setAttribute('inputmode', 'numeric');
      input.setAttribute('data-masked', 'true');
      if (!input.hasAttribute('data-placeholder')) input.setAttribute('data-placeholder', input.getAttribute('placeholder') || '');
      input.setAttribute('placeholder', text('sensitivePlaceholder'));
    } else if (input.hasAttribute('data-masked')) {
      input.removeAttribute('data-masked');
      input.removeAttribute('inputmode');
      input.setAttribute('autocomplete', 'off');
      input.setAttribute('placeholder', input.getAttribute('data-placeholder') || '');
      input.removeAttribute('data-placeholder');
    }
  }

  function joinAction() {
    return { type: 'WEB_CHAT/SEND_EVENT', payload: { name: JOIN_EVENT, value: { locale: page.locale } } };
  }

  var storeMiddleware = function (api) {
    return function (next) {
      return function (action) {
        switch (action.type) {
          case 'DIRECT_LINE/CONNECT_FULFILLED': {
            var connected = next(action);
            // Direct Line reconnects also fulfil; greet once per page, not once per reconnect.
            if (!page.joined) {
              page.joined = true;
              api.dispatch(joinAction());
            }
            return connected;
          }
          case 'WEB_CHAT/SET_LANGUAGE': {
            var changed = next(action);
            // Web Chat stamps activity.locale from its language state, so re-greet only after it has switched.
            if (page.rejoinOnLanguage && page.joined) {
              page.rejoinOnLanguage = false;
              api.dispatch(joinAction());
            }
            return changed;
          }
          case 'DIRECT_LINE/INCOMING_ACTIVITY': {
            var activity = action.payload && action.payload.activity;
            if (activity && activity.type === 'message' && !isFromVisitor(activity)) {
              setSensitive(!!(activity.channelData && activity.channelData.sensitive === true));
            }
            break;
          }
          case 'WEB_CHAT/SEND_MESSAGE': {
            page.visitorSpoke = true;
            var typed = action.payload && action.payload.text;
            if (page.sensitive && typeof typed === 'string' && typed.trim()) {
              // The secret travels only in `value`; the transcript, the echo and the bot's log see the mask.
              return api.dispatch({
                type: 'DIRECT_LINE/POST_ACTIVITY',
                meta: { method: (action.payload && action.payload.method) || 'keyboard' },
                payload: { activity: { type: 'message', text: maskOf(typed.trim()), value: { secret: typed.trim() } } },
              });
            }
            break;
          }
          case 'WEB_CHAT/SEND_MESSAGE_BACK':
          case 'WEB_CHAT/SEND_POST_BACK':
            page.visitorSpoke = true;
            break;
          default:
            break;
        }
        return next(action);
      };
    };
  };

  function render() {
    var host = document.getElementById('webchat');
    window.WebChat.renderWebChat(
      {
        directLine: page.directLine,
        store: page.store,
        locale: page.locale,
        userID: page.userID,
        styleOptions: STYLE_OPTIONS,
        sendTypingIndicator: true,
      },
      host,
    );
    // The send box may be re-created on a re-render; re-apply the masking attributes.
    window.requestAnimationFrame(applySensitiveInput);
  }

  function setLocale(locale) {
    if (locale === page.locale || !PAGE_TEXT[locale]) return;
    page.locale = locale;
    applyPageText();
    if (!page.store) return;
    // Before the visitor has said anything, greet again in the new language; afterwards the next reply follows it.
    page.rejoinOnLanguage = page.joined && !page.visitorSpoke;
    render();
  }

  function startConversation() {
    return fetch('/v3/directline/conversations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: { id: page.userID }, locale: page.locale }),
      credentials: 'same-origin',
    }).then(function (res) {
      if (!res.ok) throw new Error('Direct Line answered ' + res.status);
      return res.json();
    });
  }

  function showFailure() {
    var status = document.getElementById('webchat-status');
    if (status) {
      status.setAttribute('data-i18n', 'failed');
      status.textContent = text('failed');
      status.classList.add('is-error');
    }
    document.body.setAttribute('data-chat', 'failed');
  }

  function start() {
    applyPageText();
    setSensitive(false);
    Array.prototype.forEach.call(document.querySelectorAll('.lang__btn'), function (btn) {
      btn.addEventListener('click', function () { setLocale(btn.getAttribute('data-locale')); });
    });
    if (!window.WebChat) {
      showFailure();
      return;
    }
    startConversation()
      .then(function (conversation) {
        page.directLine = window.WebChat.createDirectLine({
          domain: location.origin + '/v3/directline',
          token: conversation.token,
          webSocket: true,
        });
        page.store = window.WebChat.createStore({}, storeMiddleware);
        render();
        document.body.setAttribute('data-chat', 'ready');
      })
      .catch(function () {
        showFailure();
      });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
