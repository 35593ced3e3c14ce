// The page's size and start-up time (docs/benchmarks.md, "The web page"). Sizes: every file the
// page loads at start compressed with gzip at its default level (6, what web servers use), per file and in
// total. Time: the page opened in Debian's Chromium (headless, WebGL2 through SwiftShader, as
// tests/web/browser_test.js does) over the DevTools pipe, RUNS times, each in a fresh profile (no
// cache); the first frame is `Module.kosim_first_frame_ms`, performance.now() at the end of the
// second frame (the first one drawn with the font atlas, ui/app/window_web.cpp), that is, ms since
// navigation started. Also prints when each file finished downloading (Resource Timing).
// Usage: node page_bench.js PAGE_FOLDER [--runs N] [--max-gzip-bytes N] [--sizes-only]
//   --max-gzip-bytes: exit 1 when the gzip total is larger (the CTest size check, label web).
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const zlib = require("zlib");

const args = process.argv.slice(2);
const page_folder = args[0];
const option = (name, fallback) => { const at = args.indexOf(name); return at > 0 ? Number(args[at + 1]) : fallback; };
if (!page_folder || !fs.existsSync(path.join(page_folder, "index.html"))) {
  console.error("usage: node page_bench.js PAGE_FOLDER [--runs N] [--max-gzip-bytes N] [--sizes-only]");
  process.exit(2);
}
const runs = option("--runs", 5);
const max_gzip = option("--max-gzip-bytes", Infinity);
const chromium = process.env.KOSIM_CHROMIUM || "chromium";
const serve_py = path.join(__dirname, "..", "..", "web", "serve.py");
const children = [];
const profiles = [];
function finish(code) {
  for (const child of children) { try { child.kill("SIGKILL"); } catch (e) {} }
  for (const profile of profiles) { try { fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }); } catch (e) {} }
  process.exit(code);
}
function fail(message) { console.error("FAIL: " + message); finish(1); }
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes) => (bytes / 1e6).toFixed(2) + " MB";

// The files the page loads at start (the folder's top level) count; fonts/ (the whole Nanum files,
// fetched only for characters outside the subset) is listed apart.
function sizes() {
  let raw_total = 0, gzip_total = 0;
  const row = (name, bytes, gzip) => console.log(name.padEnd(28) + String(bytes).padStart(10) + String(gzip).padStart(11));
  console.log("file".padEnd(28) + "bytes".padStart(10) + "gzip".padStart(11));
  const on_demand = [];
  for (const name of fs.readdirSync(page_folder).sort()) {
    const file = path.join(page_folder, name);
    if (fs.statSync(file).isDirectory()) {
      for (const inner of fs.readdirSync(file).sort()) on_demand.push(path.join(name, inner));
      continue;
    }
    const bytes = fs.readFileSync(file);
    const gzip = zlib.gzipSync(bytes, { level: 6 }).length;
    raw_total += bytes.length;
    gzip_total += gzip;
    row(name, bytes.length, gzip);
  }
  row("total at start", raw_total, gzip_total);
  console.log(`(${mb(gzip_total)} gzip at start)`);
  for (const name of on_demand) {
    const bytes = fs.readFileSync(path.join(page_folder, name));
    row(name + " (on demand)", bytes.length, zlib.gzipSync(bytes, { level: 6 }).length);
  }
  return gzip_total;
}

function start_server() {
  return new Promise((resolve, reject) => {
    const server = spawn("python3", [serve_py, page_folder, "0"], { stdio: ["ignore", "pipe", "inherit"] });
    children.push(server);
    let text = "";
    server.stdout.on("data", (chunk) => { text += chunk; if (text.includes("\n")) resolve(text.split("\n")[0].trim()); });
    server.on("exit", (code) => reject(new Error("serve.py exited with " + code)));
  });
}

// One Chromium with a fresh profile, DevTools protocol over fds 3 and 4 (messages end with NUL).
function start_browser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "kosim-bench-"));
  profiles.push(profile);
  const browser = spawn(chromium, ["--headless=new", "--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
    "--remote-debugging-pipe", "--user-data-dir=" + profile, "--window-size=1280,720", "--no-first-run",
    "--no-default-browser-check", "--disable-gpu-sandbox", "--hide-scrollbars", "about:blank"],
    { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] });
  children.push(browser);
  let exited = false;
  browser.on("exit", () => { exited = true; });
  const pending = new Map();
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
        if (message.error) reject(new Error(JSON.stringify(message.error))); else resolve(message.result);
      }
    }
  });
  const send = (method, params = {}, sessionId = undefined) => new Promise((resolve, reject) => {
    const id = next_id++;
    pending.set(id, { resolve, reject });
    browser.stdio[3].write(JSON.stringify({ id, method, params, sessionId }) + "\0");
  });
  const close = async () => { try { await send("Browser.close"); } catch (e) {} for (let i = 0; i < 50 && !exited; ++i) await sleep(100); };
  return { send, close };
}

async function one_run(base) {
  const browser = start_browser();
  const { targetId } = await browser.send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await browser.send("Target.attachToTarget", { targetId, flatten: true });
  const page = (method, params) => browser.send(method, params, sessionId);
  const evaluate = async (expression) => (await page("Runtime.evaluate", { expression, returnByValue: true })).result.value;
  await page("Emulation.setDeviceMetricsOverride", { width: 1280, height: 720, deviceScaleFactor: 1, mobile: false });
  await page("Page.navigate", { url: base + "?scenario=03-worked-example&lang=ko" });
  let first = null;
  for (const start = Date.now(); Date.now() - start < 60000 && typeof first !== "number"; await sleep(50)) {
    first = await evaluate("typeof Module === 'object' ? Module.kosim_first_frame_ms : undefined");
  }
  if (typeof first !== "number") fail("no first frame within 60 s");
  const files = await evaluate("performance.getEntriesByType('resource').filter(e => !/favicon/.test(e.name))" +
                              ".map(e => [e.name.split('/').pop(), Math.round(e.responseEnd)])");
  const main = await evaluate("Module.kosim_main_ms"), atlas = await evaluate("Module.kosim_atlas_ms");
  await browser.close();
  return { first, files, main, atlas };
}

async function main() {
  const gzip_total = sizes();
  if (gzip_total > max_gzip) fail(`the page is ${gzip_total} bytes gzip, more than the ${max_gzip} allowed`);
  if (args.includes("--sizes-only")) { console.log("PASS"); finish(0); }
  const base = await start_server();
  const times = [];
  for (let run = 1; run <= runs; ++run) {
    const { first, files, main, atlas } = await one_run(base);
    times.push(first);
    console.log(`run ${run}: first frame ${Math.round(first)} ms after navigation; downloaded: ` +
                files.map(([name, end]) => name + " " + end).join(", ") +
                `; main() ${Math.round(main)}, atlas built ${Math.round(atlas)}`);
  }
  times.sort((a, b) => a - b);
  console.log(`first frame: median ${Math.round(times[times.length >> 1])} ms, min ${Math.round(times[0])}, ` +
              `max ${Math.round(times[times.length - 1])} (${runs} runs; load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")})`);
  finish(0);
}

main().catch((error) => fail(error.stack || String(error)));
