// Contacts, chats and messages: WhatsApp Web's collections, the lookups whatsapp-web.js makes before it
// sends (does the number exist, what is its LID), and the chats a linked phone brings along.
((SI) => {
  const { config, Model, Collection, createWid } = SI;

  /** The stand-in network: who exists, by number and LID, and who keeps their LID from this device. */
  const people = (config.people ?? []).map((person) => ({ ...person }));
  const personByNumber = (phone) => people.find((p) => p.phone === phone);
  const personByLid = (lid) => people.find((p) => p.lid === lid);
  /** The LIDs this device has learned (WhatsApp tells them when a number is looked up). */
  const knownLids = new Map(people.filter((p) => p.phone && p.lid && p.wrote).map((p) => [p.phone, p.lid]));

  class Msg extends Model {
    constructor(attributes) {
      super(attributes);
      this.isEphemeral = false;
      this.isStatusV3 = false;
    }
  }

  class Contact extends Model {}

  class Chat extends Model {
    #messages = [];

    constructor(attributes, { contact, tcToken, groupMetadata, lastReceivedKey }) {
      super({
        archive: false,
        pin: 0,
        isReadOnly: false,
        unreadCount: 0,
        t: 0,
        ...attributes,
      });
      this.contact = contact;
      this.tcToken = tcToken;
      this.groupMetadata = groupMetadata;
      this.lastReceivedKey = lastReceivedKey;
      this.mute = { expiration: 0 };
    }

    get formattedTitle() {
      return this.name ?? this.id.user;
    }

    /** WhatsApp's trusted-contact token: the chat has one once the other side wrote to this account. */
    getTcToken() {
      return this.tcToken ?? null;
    }

    addMessage(msg) {
      this.#messages.push(msg);
      this.set({ t: msg.t });
      if (!msg.id.fromMe) {
        this.tcToken = this.tcToken ?? 'tc-token';
        this.lastReceivedKey = msg.id;
      }
    }

    serialize() {
      return { ...super.serialize(), formattedTitle: this.formattedTitle, msgs: [...this.#messages] };
    }
  }

  const Msgs = new Collection();
  /** IndexedDB's answer to a message that cannot be read (e.g. looked up by `undefined`). */
  Msgs.getMessagesById = async (ids) => {
    const messages = ids.map((id) => Msgs.get(id));
    if (ids.some((id) => id == null || SI.unreadable.has(String(id)))) {
      throw new DOMException(
        "Failed to execute 'get' on 'IDBObjectStore': No key or key range specified.",
        'DataError',
      );
    }
    return { messages: messages.filter(Boolean) };
  };
  SI.unreadable = new Set();

  const Contacts = new Collection();
  const Chats = new Collection();

  const contactFor = (wid) =>
    Contacts.get(wid) ?? Contacts.add(new Contact({ id: wid, name: undefined, isBusiness: false }));

  const newChat = (wid, fields = {}) =>
    Chats.add(new Chat({ id: wid, name: fields.name }, { contact: contactFor(wid), ...fields }));

  // The chats the linked phone already has: people who wrote before, some with a last message this
  // device cannot read; groups, one of which cannot be read at all.
  for (const person of people.filter((p) => p.wrote)) {
    const wid = createWid(person.lid && !person.phone ? `${person.lid}` : `${person.phone}@c.us`);
    const lastKey = new SI.MsgKey({ from: wid, to: wid, id: `OLD${people.indexOf(person)}`, selfDir: 'in' });
    if (person.lastMessage === 'unreadable') SI.unreadable.add(String(lastKey));
    newChat(wid, { name: person.name, tcToken: 'tc-token', lastReceivedKey: lastKey }).set({
      t: Math.floor(Date.now() / 1000) - 3600,
    });
  }
  for (const group of config.groups ?? []) {
    const wid = createWid(group.id);
    const participants = group.members.map((member) => ({ id: createWid(member), isAdmin: false }));
    const metadata = new Model({ id: wid, subject: group.name, participants, announce: false });
    const chat = newChat(wid, { name: group.name, groupMetadata: metadata });
    chat.broken = Boolean(group.broken);
  }

  const GroupMetadata = {
    async update(wid) {
      if (Chats.get(wid)?.broken) throw new Error(`Group ${wid} cannot be read (not a member any more)`);
    },
  };

  /** The server's answer to "is this number on WhatsApp": it also tells the LID, unless withheld. */
  async function queryWidExists(wid) {
    if (wid.isLid()) return { wid };
    const person = personByNumber(wid.user);
    if (person?.notOnWhatsApp) return null;
    if (!person?.withholdsLid) knownLids.set(wid.user, person?.lid ?? `7${wid.user}@lid`);
    return { wid: createWid(`${wid.user}@c.us`) };
  }

  const ApiContact = {
    getCurrentLid: (wid) =>
      knownLids.has(wid.user) && !wid.isLid() ? createWid(knownLids.get(wid.user)) : null,
    getPhoneNumber: (wid) => {
      const phone = wid.isLid() ? personByLid(wid._serialized)?.phone : undefined;
      return phone ? createWid(`${phone}@c.us`) : null;
    },
  };

  /** Finds or opens the chat with someone; WhatsApp Web needs the LID of a number to address them. */
  async function findOrCreateLatestChat(wid) {
    const existing = Chats.get(wid);
    if (existing) return { chat: existing };
    if (wid.server === 'c.us' && !knownLids.has(wid.user)) throw new Error('No LID for user');
    return { chat: newChat(wid, { name: (personByNumber(wid.user) ?? personByLid(String(wid)))?.name }) };
  }

  Object.assign(SI, { Msg, Msgs, Chats, openChat: newChat, findOrCreateLatestChat });
  Object.assign(SI.modules, {
    WAWebCollections: { Msg: Msgs, Chat: Chats, Contact: Contacts, GroupMetadata },
    WAWebWidFactory: { createWid },
    WAWebFindChatAction: { findOrCreateLatestChat },
    WAWebQueryExistsJob: { queryWidExists },
    WAWebApiContact: ApiContact,
    WAWebLidMigrationUtils: { toPn: (wid) => (wid.isLid() ? ApiContact.getPhoneNumber(wid) : null) },
    WAWebChatGetters: { getIsNewsletter: () => false, getIsBroadcast: () => false },
    WAWebContactGetters: {
      getIsUser: (contact) => contact.id.isUser(),
      getIsMe: () => false,
      getIsEnterprise: () => false,
      getIsSupportAccount: () => false,
    },
    WAWebGetEphemeralFieldsMsgActionsUtils: { getEphemeralFields: () => ({}) },
    WALinkify: { findLink: () => null, findLinks: () => [] },
    WAWebSyncGatingUtils: {},
    WAWebCallCollection: {},
  });
})(window.__standIn);
