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
      receiptTotal: 'Total',
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
      receiptTotal: 'Total',
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
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionBorderColor: ACCENT,
    suggestedActionBorderRadius: 18,
    suggestedActionBorderWidth: 1,
    suggestedActionTextColor: ACCENT,
    suggestedActionHeight: 36,
    suggestedActionBackgroundColorOnHover: '#e8f1fb',
    timestampColor: '#5d6b7e',
  };

  /** Phones: the suggested actions scroll sideways in one row instead of stacking up many rows. */
  var PHONE_QUERY = '(max-width: 560px)';

  /** Web Chat's own name for a receipt card; the page redraws it so every value wraps instead of being cut. */
  var RECEIPT_CARD = 'application/vnd.microsoft.card.receipt';
  var ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

  var page = {
    locale: initialLocale(),
    userID: 'web-' + randomHex(12),
    directLine: null,
    store: null,
    joined: false,
    rejoinOnLanguage: false,
    visitorSpoke: false,
    sensitive: false,
    /** The latest bot buttons in each language (from the bot's channelData), to relabel them on a language switch. */
    actionsByLocale: null,
    /** Activities a language switch on a fresh page replaced (the greeting in the other language). */
    hidden: {},
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

  function pageTextFor(locale, key) {
    return (PAGE_TEXT[locale] || PAGE_TEXT['en-US'])[key];
  }

  /** One label and value row of the receipt: both wrap, the value gets the wider share. */
  function receiptRow(label, value, bold) {
    var weight = bold ? 'Bolder' : 'Default';
    return {
      type: 'ColumnSet',
      spacing: 'Small',
      columns: [
        { type: 'Column', width: 2, items: [{ type: 'TextBlock', text: label, wrap: true, weight: weight }] },
        { type: 'Column', width: 3, items: [{ type: 'TextBlock', text: value, wrap: true, weight: weight, horizontalAlignment: 'Right' }] },
      ],
    };
  }

  /**
   * The receipt card as an Adaptive Card whose every text wraps. Web Chat draws
   * a receipt card's facts in fixed 75%/25% columns that never wrap, which cuts
   * values ("2021 Honda C…") on a phone and even on a desktop.
   */
  function wrappingReceipt(receipt, locale) {
    var body = [{ type: 'TextBlock', text: receipt.title || '', size: 'Medium', weight: 'Bolder', wrap: true }];
    (receipt.facts || []).forEach(function (fact) {
      body.push(receiptRow(String(fact.key || ''), String(fact.value || ''), false));
    });
    if (receipt.total) {
      var total = receiptRow(pageTextFor(locale, 'receiptTotal'), String(receipt.total), true);
      total.separator = true;
      body.push(total);
    }
    return { contentType: ADAPTIVE_CARD, content: { type: 'AdaptiveCard', version: '1.3', body: body } };
  }

  function withWrappingReceipts(activity) {
    var attachments = activity.attachments || [];
    if (!attachments.some(function (a) { return a && a.contentType === RECEIPT_CARD; })) return activity;
    var locale = String(activity.locale || page.locale).toLowerCase().indexOf('es') === 0 ? 'es-US' : 'en-US';
    var copy = Object.assign({}, activity);
    copy.attachments = attachments.map(function (a) {
      return a && a.contentType === RECEIPT_CARD && a.content ? wrappingReceipt(a.content, locale) : a;
    });
    return copy;
  }

  /** Hides what a language switch on a fresh page replaced; every other activity renders as Web Chat draws it. */
  var activityMiddleware = function () {
    return function (next) {
      return function () {
        var card = arguments[0];
        var activity = card && card.activity;
        if (activity && activity.id && page.hidden[activity.id]) return false;
        return next.apply(null, arguments);
      };
    };
  };

  /** Marks every bot message on screen now as replaced (the page is about to greet again in another language). */
  function hideCurrentActivities(state) {
    (state.activities || []).forEach(function (activity) {
      if (activity.id) page.hidden[activity.id] = true;
    });
  }

  /** The buttons on screen now, relabelled in the page's new language (their values stay the same). */
  function relabelSuggestedActions() {
    var lang = page.locale.slice(0, 2);
    var actions = page.actionsByLocale && page.actionsByLocale[lang];
    if (!page.store || !actions || !actions.length) return;
    page.store.dispatch({ type: 'WEB_CHAT/SET_SUGGESTED_ACTIONS', payload: { suggestedActions: actions } });
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
              // Nothing said yet: the greeting in the new language replaces the old one instead of stacking under it.
              hideCurrentActivities(api.getState());
              api.dispatch(joinAction());
            }
            return changed;
          }
          case 'DIRECT_LINE/INCOMING_ACTIVITY': {
            var activity = action.payload && action.payload.activity;
            if (activity && activity.type === 'message' && !isFromVisitor(activity)) {
              var channelData = activity.channelData || {};
              setSensitive(channelData.sensitive === true);
              if (activity.suggestedActions || !(activity.attachments && activity.attachments.length)) {
                page.actionsByLocale = (activity.suggestedActions && channelData.suggestedActionsByLocale) || null;
              }
              var shown = withWrappingReceipts(activity);
              if (shown !== activity) return next(Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: shown }) }));
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

  function isPhone() {
    return !!(window.matchMedia && window.matchMedia(PHONE_QUERY).matches);
  }

  function styleOptions() {
    return Object.assign({}, STYLE_OPTIONS, { suggestedActionLayout: isPhone() ? 'carousel' : 'flow' });
  }

  function render() {
    var host = document.getElementById('webchat');
    window.WebChat.renderWebChat(
      {
        directLine: page.directLine,
        store: page.store,
        locale: page.locale,
        userID: page.userID,
        styleOptions: styleOptions(),
        activityMiddleware: activityMiddleware,
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
    // Before the visitor has said anything, greet again in the new language; afterwards the buttons on
    // screen switch at once and the next reply follows the language.
    page.rejoinOnLanguage = page.joined && !page.visitorSpoke;
    render();
    if (!page.rejoinOnLanguage) relabelSuggestedActions();
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
        // Turning a phone sideways (or resizing a window) across the phone width switches the buttons' layout.
        if (window.matchMedia) {
          var phone = window.matchMedia(PHONE_QUERY);
          if (phone.addEventListener) phone.addEventListener('change', render);
        }
        document.body.setAttribute('data-chat', 'ready');
      })
      .catch(function () {
        showFailure();
      });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
