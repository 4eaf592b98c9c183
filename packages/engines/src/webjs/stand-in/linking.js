// Linking: WhatsApp Web's socket state, QR codes ("refs"), pairing codes and the linked account. The login
// is kept in the browser profile (localStorage here, IndexedDB in WhatsApp Web), so a restart of the session
// comes back linked without a new scan — as it does with the real WhatsApp Web.
((SI) => {
  const { config, Emitter, createWid } = SI;
  const LOGIN = 'standIn.login';

  const storedLogin = () => JSON.parse(localStorage.getItem(LOGIN) ?? 'null');
  if (config.linked && !storedLogin() && !sessionStorage.getItem('unlinked')) {
    localStorage.setItem(LOGIN, JSON.stringify(config.account));
  }

  const Socket = Object.assign(new Emitter(), {
    state: storedLogin() ? 'CONNECTED' : 'UNPAIRED',
    logout() {
      localStorage.removeItem(LOGIN);
    },
  });
  const Cmd = Object.assign(new Emitter(), { refreshQR() {} });
  const Conn = Object.assign(new Emitter(), {
    ref: 'fake-ref-1',
    serialize() {
      const account = storedLogin();
      return account ? { pushname: account.name, platform: 'android' } : {};
    },
  });

  /** The phone scanned the QR code (or entered the pairing code): WhatsApp Web links and syncs. */
  SI.link = () => {
    if (Socket.state === 'CONNECTED') throw new Error('Already linked');
    localStorage.setItem(LOGIN, JSON.stringify(config.account));
    Socket.state = 'CONNECTED';
    Socket.emit('change:state', Socket, 'CONNECTED');
    Socket.emit('change:hasSynced');
  };

  // A stored login syncs as soon as whatsapp-web.js listens; that is when it decides it is authenticated.
  Socket.whenListened('change:hasSynced', () => {
    if (Socket.state === 'CONNECTED') Socket.emit('change:hasSynced');
  });

  // WhatsApp rotates the QR code's ref while nobody scans it.
  let ref = 1;
  Conn.whenListened('change:ref', () => {
    if (!config.rotateQrMs) return;
    setInterval(() => {
      Conn.ref = `fake-ref-${++ref}`;
      Conn.emit('change:ref', Conn, Conn.ref);
    }, config.rotateQrMs);
  });

  // The phone removes this linked device: WhatsApp Web logs out, then reloads (once per browser tab).
  Cmd.whenListened('logout', () => {
    if (!config.unlinkAfterMs || sessionStorage.getItem('unlinked')) return;
    setTimeout(() => {
      sessionStorage.setItem('unlinked', '1');
      localStorage.removeItem(LOGIN);
      Cmd.emit('logout');
      setTimeout(() => location.reload(), 200);
    }, config.unlinkAfterMs);
  });

  const me = (field) => {
    const account = storedLogin();
    return account ? createWid(field === 'lid' ? account.lid : `${account.phone}@c.us`) : null;
  };

  Object.assign(SI.modules, {
    WAWebSocketModel: { Socket },
    WAWebCmd: { Cmd },
    WAWebConnModel: { Conn },
    WAWebOfflineHandler: { OfflineMessageHandler: {} },
    WAWebAltDeviceLinkingApi: {
      setPairingType() {},
      async initializeAltDeviceLinking() {},
      async startAltLinkingFlow(phone) {
        return `PAIR${String(phone).slice(-4)}`;
      },
    },
    WABase64: { encodeB64: (value) => btoa(value) },
    WAWebCompanionRegClientUtils: { DEVICE_PLATFORM: 'Chrome' },
    WAWebAdvSignatureApi: {},
    WAWebUserPrefsInfoStore: {
      waNoiseInfo: { get: async () => ({ staticKeyPair: { pubKey: 'static-key' } }) },
    },
    WAWebSignalStoreApi: {
      waSignalStore: { getRegistrationInfo: async () => ({ identityKeyPair: { pubKey: 'identity-key' } }) },
    },
    WAWebUserPrefsMultiDevice: { getADVSecretKey: () => 'adv-secret' },
    WAWebUserPrefsMeUser: {
      getMaybeMePnUser: () => me('phone'),
      getMaybeMeLidUser: () => me('lid'),
    },
  });
})(window.__standIn);
