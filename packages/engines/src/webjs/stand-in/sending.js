// Sending: WhatsApp Web's hand-off (`addAndSendMsgToChat`: the message joins the chat and goes to the
// server), the media pipeline whatsapp-web.js drives before it (prepare, hash, upload), and the server's
// answers — a receipt, or error 463 to people who never wrote while the account's reach-out is limited.
((SI) => {
  const { config, Msg, Msgs } = SI;

  // ── Reach-out limit (WhatsApp's "reach-out timelock"), mirroring WAWebReachoutTimelockUtils ───────────
  const TIMELOCK_KEY = 'WAReachoutTimelockState';
  const userPrefs = new Map();
  const timelocked = () => userPrefs.get(TIMELOCK_KEY) != null;
  const ReachoutTimelockUtils = {
    REACHOUT_TIMELOCK_IDB_KEY: TIMELOCK_KEY,
    isUserReachoutTimelocked: timelocked,
    /** WhatsApp Web's own rule: while time-locked, only chats whose contact wrote (a trusted-contact token). */
    canSendMsgWhileTimelocked: ({ chat, contact }) =>
      !timelocked() || !contact.id.isUser() || chat?.getTcToken() != null,
  };
  let newContactsReached = 0;

  /** The server: a message to someone who never wrote counts against the limit; past it, 463 and a lock. */
  function serverAccepts(chat) {
    const limit = config.reachOutLimit;
    if (!limit || !chat.id.isUser() || chat.getTcToken() != null) return true;
    if (!timelocked() && newContactsReached++ < (limit.after ?? 0)) return true;
    userPrefs.set(TIMELOCK_KEY, {
      state: 'VISIBLE',
      enforcement_type: 'WEB_COMPANION_ONLY',
      time_enforcement_ends: Date.now() + limit.forMs,
    });
    return false;
  }

  /** The account asks the server for its current limit; an expired one is gone. */
  async function fetchReachoutTimelock() {
    const state = userPrefs.get(TIMELOCK_KEY);
    if (state && state.time_enforcement_ends <= Date.now()) userPrefs.delete(TIMELOCK_KEY);
  }

  // ── The hand-off ───────────────────────────────────────────────────────────────────────────────────
  /** What reached WhatsApp, oldest first: what the phone's test double reads. */
  SI.outbox = [];
  /** Set by the phone: the next send throws after the hand-off, as WhatsApp Web sometimes does. */
  SI.failNextSend = null;

  function addAndSendMsgToChat(chat, message) {
    const msg = new Msg(message);
    chat.addMessage(msg);
    Msgs.add(msg);
    SI.outbox.push({
      id: String(msg.id),
      to: String(chat.id),
      type: msg.type,
      body: msg.type === 'chat' ? (msg.body ?? null) : null,
      caption: msg.caption ?? null,
      mimetype: msg.mimetype ?? null,
      filename: msg.filename ?? null,
      size: msg.size ?? null,
      filehash: msg.filehash ?? null,
      location: msg.type === 'location' ? { lat: msg.lat, lng: msg.lng, loc: msg.loc ?? null } : null,
    });
    const accepted = serverAccepts(chat);
    setTimeout(() => msg.set({ ack: accepted ? 1 : -1 }), 0);
    const failure = SI.failNextSend;
    SI.failNextSend = null;
    const added = failure ? Promise.reject(new Error(failure)) : Promise.resolve(msg);
    return [added, Promise.resolve({ messageSendResult: accepted ? 'OK' : 'ERROR_UNKNOWN' })];
  }

  // ── Media: prepared, hashed and "uploaded" like WhatsApp Web's pipeline ─────────────────────────────
  class OpaqueData {
    constructor(blob) {
      this.blob = blob;
      this.type = blob.type;
    }

    static async createFromData(data, type) {
      return new OpaqueData(data instanceof Blob ? data : new Blob([data], { type }));
    }

    url() {
      return 'blob:stand-in';
    }

    autorelease() {}

    formData() {
      return this.blob;
    }
  }

  const mediaKind = (mimetype, { asDocument, isPtt }) => {
    if (asDocument) return 'document';
    if (isPtt) return 'ptt';
    const kind = mimetype.split('/')[0];
    return ['image', 'video', 'audio'].includes(kind) ? kind : 'document';
  };

  class MediaData {
    constructor(opaque, params, filehash) {
      this.mediaBlob = opaque;
      this.mimetype = opaque.type;
      this.type = mediaKind(opaque.type, params);
      this.isGif = false;
      this.size = opaque.blob.size;
      this.filename = opaque.blob.name;
      this.filehash = filehash;
    }

    toJSON() {
      const { type, mimetype, size, filename, filehash } = this;
      return { type, mimetype, size, filename, filehash };
    }

    set(fields) {
      Object.assign(this, fields);
    }
  }

  const sha256 = async (blob) =>
    btoa(
      String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()))),
    );

  async function uploadMedia({ mediaObject }) {
    return {
      mediaEntry: {
        mmsUrl: `https://mmg.whatsapp.net/stand-in/${encodeURIComponent(mediaObject.filehash)}`,
        deprecatedMms3Url: null,
        directPath: `/v/stand-in/${encodeURIComponent(mediaObject.filehash)}`,
        mediaKey: 'stand-in-media-key',
        mediaKeyTimestamp: Math.floor(Date.now() / 1000),
        encFilehash: mediaObject.filehash,
        uploadHash: mediaObject.filehash,
        sidecar: null,
        firstFrameSidecar: null,
        handle: null,
      },
    };
  }

  /** Stickers skip the prepare step: whatsapp-web.js encrypts and uploads the WebP itself. */
  const UploadManager = {
    encryptAndUpload: async ({ blob, mediaKey }) => {
      const filehash = await sha256(blob);
      return {
        url: `https://mmg.whatsapp.net/stand-in/${encodeURIComponent(filehash)}`,
        directPath: `/v/stand-in/${encodeURIComponent(filehash)}`,
        mediaKey,
        mediaKeyTimestamp: Math.floor(Date.now() / 1000),
        encFilehash: filehash,
      };
    },
  };

  // ── Downloads: received files, fetched from "WhatsApp's servers" by their direct path ─────────────────
  /** directPath → the file's bytes in base64; the phone puts them here when it sends a file. */
  SI.served = new Map();

  const downloadManager = {
    async downloadAndMaybeDecrypt({ directPath }) {
      const data = SI.served.get(directPath);
      if (data === undefined) throw new Error(`media-fault: nothing at ${directPath}`);
      return Uint8Array.from(atob(data), (c) => c.charCodeAt(0)).buffer;
    },
  };

  Object.assign(SI.modules, {
    WAWebMsgKey: SI.MsgKey,
    WAWebUploadManager: UploadManager,
    WAWebStartMediaUploadQpl: { startMediaUploadQpl: () => ({}) },
    WAWebDownloadManager: { downloadManager },
    WAWebSendMsgChatAction: { addAndSendMsgToChat },
    WAWebMediaOpaqueData: OpaqueData,
    WAWebPrepRawMedia: {
      prepRawMedia: (opaque, params) => ({
        waitForPrep: async () => new MediaData(opaque, params, await sha256(opaque.blob)),
      }),
    },
    WAWebMediaStorage: {
      getOrCreateMediaObject: (filehash) => ({
        filehash,
        contentInfo: {},
        consolidate(json) {
          Object.assign(this, json);
        },
      }),
    },
    WAWebMmsMediaTypes: { msgToMediaType: ({ type }) => type, castToV4: (type) => type },
    WAWebMediaDataUtils: { shouldUseMediaCache: () => false },
    WAWebMediaMmsV4Upload: { uploadMedia, uploadUnencryptedMedia: uploadMedia },
    WAWebReachoutTimelockUtils: ReachoutTimelockUtils,
    WAWebUserPrefsIndexedDBStorage: { userPrefsIdb: { get: (key) => userPrefs.get(key) ?? null } },
    WAWebGetReachoutTimelockJob: { fetchReachoutTimelock },
  });
})(window.__standIn);
