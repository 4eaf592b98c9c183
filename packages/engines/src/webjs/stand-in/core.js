// The stand-in's copy of WhatsApp Web's model layer, as far as whatsapp-web.js relies on it: emitters,
// models whose attribute changes fire `change:<name>` and `change` (WhatsApp Web's models are Backbone-like),
// collections that re-emit their models' events, and the two id classes whatsapp-web.js reads — Wid (users,
// LIDs, groups) and MsgKey (messages), the one whose serialized field WhatsApp Web renamed.
((SI) => {
  class Emitter {
    #listeners = new Map();

    on(events, fn) {
      for (const event of events.split(' ')) {
        this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), fn]);
        this.#onListen?.(event);
      }
      return this;
    }

    once(event, fn) {
      const once = (...args) => {
        this.off(event, once);
        fn(...args);
      };
      return this.on(event, once);
    }

    off(event, fn) {
      this.#listeners.set(
        event,
        (this.#listeners.get(event) ?? []).filter((f) => f !== fn),
      );
      return this;
    }

    emit(event, ...args) {
      for (const fn of this.#listeners.get(event) ?? []) fn(...args);
    }

    /** Runs `fn` once, right after whatsapp-web.js first listens for `event`: scripted events start then. */
    whenListened(event, fn) {
      const previous = this.#onListen;
      let done = false;
      this.#onListen = (heard) => {
        previous?.(heard);
        if (heard !== event || done) return;
        done = true;
        setTimeout(fn, 0);
      };
    }

    #onListen;
  }

  /** A model: attributes are plain properties; `set` fires change events; `serialize` gives the attributes. */
  class Model extends Emitter {
    #attributes;
    #collection;

    constructor(attributes) {
      super();
      this.#attributes = new Set(Object.keys(attributes));
      Object.assign(this, attributes);
    }

    set(attributes) {
      for (const [name, value] of Object.entries(attributes)) {
        this.#attributes.add(name);
        this[name] = value;
        this.emit(`change:${name}`, this, value);
      }
      this.emit('change', this);
    }

    serialize() {
      return Object.fromEntries([...this.#attributes].map((name) => [name, this[name]]));
    }

    attach(collection) {
      this.#collection = collection;
    }

    emit(event, ...args) {
      super.emit(event, ...args);
      this.#collection?.emit(event, ...args);
    }
  }

  /** Models by their id's string (Wid and MsgKey both turn into their serialized id). */
  class Collection extends Emitter {
    #models = new Map();

    add(model) {
      this.#models.set(String(model.id), model);
      model.attach(this);
      this.emit('add', model);
      return model;
    }

    get(id) {
      return id == null ? undefined : this.#models.get(String(id));
    }

    getModelsArray() {
      return [...this.#models.values()];
    }
  }

  /** A WhatsApp id: "4915112345678@c.us" (a number), "86219306106899@lid" (a LID), "…@g.us" (a group). */
  class Wid {
    constructor(serialized) {
      const [user, server] = serialized.split('@');
      this.server = server;
      this.user = user;
      this._serialized = serialized;
    }

    isLid() {
      return this.server === 'lid';
    }

    isGroup() {
      return this.server === 'g.us';
    }

    isUser() {
      return this.server === 'c.us' || this.server === 'lid';
    }

    isStatus() {
      return this._serialized === 'status@broadcast';
    }

    isBot() {
      return false;
    }

    equals(other) {
      return String(other) === this._serialized;
    }

    toString() {
      return this._serialized;
    }
  }

  const createWid = (value) => {
    if (value instanceof Wid) return value;
    const text = typeof value === 'string' ? value : value?._serialized;
    if (!text?.includes('@')) throw new Error(`Invalid wid: ${text}`);
    return new Wid(text);
  };

  /**
   * A message's key. Its serialized form ("true_<chat>_<id>", plus "_<member>" in groups) is kept in
   * `_serialized` by WhatsApp Web until 2.3000.1042401057 and in the minified `$1` since — the stand-in
   * offers whichever its script asks for. `toString()` returns it either way, as WhatsApp Web's does.
   */
  class MsgKey {
    constructor({ from, to, id, participant, selfDir }) {
      this.fromMe = selfDir === 'out';
      this.remote = createWid(this.fromMe ? to : from);
      this.id = id;
      if (participant) this.participant = createWid(participant);
      const serialized = [String(this.fromMe), String(this.remote), id]
        .concat(participant ? [String(participant)] : [])
        .join('_');
      this[SI.config.keyField] = serialized;
    }

    toString() {
      return this[SI.config.keyField];
    }

    static async newId() {
      const bytes = crypto.getRandomValues(new Uint8Array(9));
      return `3EB0${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
    }
  }

  Object.assign(SI, { Emitter, Model, Collection, Wid, createWid, MsgKey });
})(window.__standIn);
