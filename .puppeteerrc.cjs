// Switchboard drives the system Chromium (see README); puppeteer must never try to download its own.
module.exports = { skipDownload: true };
