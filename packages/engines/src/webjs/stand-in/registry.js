// WhatsApp Web's module registry, as whatsapp-web.js reads it: `window.require(name)`. A module the
// stand-in does not provide fails loudly, naming it, so a path that needs more stubs says so.
((SI) => {
  if (SI.config.neverReady) delete SI.modules.WAWebCollections;
  window.require = (name) => {
    if (!(name in SI.modules)) throw new Error(`The WhatsApp Web stand-in has no module ${name}`);
    return SI.modules[name];
  };
  window.Debug = { VERSION: SI.config.version };
})(window.__standIn);
