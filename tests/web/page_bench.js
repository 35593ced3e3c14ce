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
const fs = require("fs");
const os = require("os");
const path = require("path");
const zlib = require("zlib");
const page_driver = require("./page_driver.js");

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
const children = [];
const profiles = [];
function finish(code) {
  for (const child of children) { try { child.kill("SIGKILL"); } catch (e) {} }
  for (const profile of profiles) { try { fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }); } catch (e) {} }
  process.exit(code);
}
function fail(message) { console.error("FAIL: " + message); finish(1); }
const sleep = page_driver.sleep;
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

function start_browser() {
  const browser = page_driver.start_browser({ chromium, children, profile_prefix: "kosim-bench-" });
  profiles.push(browser.profile);
  return browser;
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
  const base = await page_driver.start_server(page_folder, children);
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
