// What the test's "phone" (and WhatsApp's network) can do to the stand-in, reached through the DevTools
// protocol: link the device, send it messages, acknowledge what it sent, read what reached WhatsApp.
((SI) => {
  const { createWid, Msg, Msgs, Chats } = SI;
  const ACKS = { failed: -1, sent: 1, delivered: 2, read: 3, played: 4 };

  /** A received file's fields as WhatsApp Web keeps them; its bytes go where downloads find them. */
  SI.receivedFile = (id, { type, mimetype, data, filename, caption }) => {
    const directPath = `/v/stand-in/in/${encodeURIComponent(id)}`;
    SI.served.set(directPath, data);
    return {
      type,
      mimetype,
      caption,
      filename,
      size: atob(data).length,
      directPath,
      mediaKey: 'stand-in-media-key',
      mediaKeyTimestamp: Math.floor(Date.now() / 1000),
      filehash: 'stand-in',
      encFilehash: 'stand-in',
      mediaData: { mediaStage: 'RESOLVED' },
    };
  };

  window.standIn = {
    link: () => SI.link(),

    /**
     * Someone writes to the account: `from` is their number's id or their LID; `author` in groups. A file
     * (`media`: its WhatsApp type, mimetype, base64 data, filename, caption) is put on "WhatsApp's servers"
     * for whatsapp-web.js to download; a `location` is a place (lat, lng and "name\naddress").
     */
    async receive({ from, body, notifyName, author, media, location }) {
      const chatWid = createWid(from);
      const me = SI.modules.WAWebUserPrefsMeUser.getMaybeMePnUser();
      const chat = Chats.get(chatWid) ?? SI.openChat(chatWid, { name: notifyName });
      const id = new SI.MsgKey({
        from: chatWid,
        to: me,
        id: await SI.MsgKey.newId(),
        participant: author,
        selfDir: 'in',
      });
      const msg = new Msg({
        id,
        body,
        type: 'chat',
        ...(media ? SI.receivedFile(String(id), media) : {}),
        ...(location ? { type: 'location', body: '/9j/stand-in-map-thumbnail', ...location } : {}),
        t: Math.floor(Date.now() / 1000),
        from: chatWid,
        to: me,
        ...(author ? { author: createWid(author) } : {}),
        notifyName,
        ack: 1,
        isNewMsg: true,
        local: false,
      });
      chat.addMessage(msg);
      Msgs.add(msg);
      return String(id);
    },

    /** A receipt for a message the account sent. */
    ack(id, level) {
      const msg = Msgs.get(id);
      if (!msg) throw new Error(`No message ${id}`);
      msg.set({ ack: ACKS[level] });
    },

    outbox: () => SI.outbox,

    /** The fields of a message's key: shows which WhatsApp Web (before or after the rename) this is. */
    keyFields: (id) => Object.keys(Msgs.get(id)?.id ?? {}),

    failNextSendAfterHandOff(reason) {
      SI.failNextSend = reason;
    },
  };
})(window.__standIn);
