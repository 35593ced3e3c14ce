// What tests/web/browser_test.js and page_bench.js share: the page's server (web/serve.py, the one
// `scripts/web.sh serve` runs) on a free port, and Debian's Chromium headless (WebGL2 through
// SwiftShader) driven over the DevTools protocol on a pipe (--remote-debugging-pipe: fds 3 to the
// browser and 4 from it, messages ending with NUL; no npm packages, no port).
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const serve_py = path.join(__dirname, "..", "..", "web", "serve.py");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Resolves to the server's address ("http://127.0.0.1:PORT/"); the process goes into `children`.
function start_server(page_folder, children) {
  return new Promise((resolve, reject) => {
    const server = spawn("python3", [serve_py, page_folder, "0"], { stdio: ["ignore", "pipe", "inherit"] });
    children.push(server);
    let text = "";
    server.stdout.on("data", (chunk) => { text += chunk; if (text.includes("\n")) resolve(text.split("\n")[0].trim()); });
    server.on("exit", (code) => reject(new Error("serve.py exited with " + code)));
  });
}

// One Chromium with a fresh profile (its folder in .profile, for the caller to remove). `send` makes
// a protocol call (with a sessionId, to a page), `on` adds a listener for events, `close` ends the
// browser and waits for it; an exit before `close` calls on_exit(code, last stderr).
function start_browser({ chromium, children, profile_prefix = "kosim-chromium-", on_exit = () => {} }) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), profile_prefix));
  const browser = spawn(chromium, ["--headless=new", "--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
    "--remote-debugging-pipe", "--user-data-dir=" + profile, "--window-size=1280,720", "--no-first-run",
    "--no-default-browser-check", "--disable-gpu-sandbox", "--hide-scrollbars", "about:blank"],
    { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
  children.push(browser);
  let stderr = "", exited = false, closing = false;
  browser.stdio[2].on("data", (chunk) => { stderr = (stderr + chunk).slice(-4000); });
  browser.on("exit", (code) => { exited = true; if (!closing) on_exit(code, stderr.slice(-2000)); });
  const pending = new Map();
  const listeners = [];
  let next_id = 1, buffer = "";
  browser.stdio[4].on("data", (chunk) => {
    buffer += chunk.toString("utf8");
    let end;
    while ((end = buffer.indexOf("\0")) >= 0) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      if (message.id && pending.has(message.id)) {
        const { resolve, reject } = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) reject(new Error(JSON.stringify(message.error)));
        else resolve(message.result);
      } else if (message.method) {
        for (const listener of listeners) listener(message);
      }
    }
  });
  const send = (method, params = {}, sessionId = undefined) => new Promise((resolve, reject) => {
    const id = next_id++;
    pending.set(id, { resolve, reject });
    browser.stdio[3].write(JSON.stringify({ id, method, params, sessionId }) + "\0");
  });
  const close = async () => {
    closing = true;
    try { await send("Browser.close"); } catch (e) {}
    for (let i = 0; i < 50 && !exited; ++i) await sleep(100);
  };
  return { send, on: (listener) => listeners.push(listener), close, profile };
}

module.exports = { start_server, start_browser, sleep };
