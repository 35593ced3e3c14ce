// The page in Debian's Chromium (headless, WebGL2 through SwiftShader), driven over the DevTools
// protocol on a pipe (--remote-debugging-pipe: no npm packages, no port). Opens
// ?scenario=02-creation-vs-inheritance&step=4&lang=ko, checks the title, presses the next-step key
// (Right), checks the address and title say step 5, that Back and Forward step (a play run is one
// entry), saves a screenshot
// that must not be blank, checks the canvas follows devicePixelRatio 2, that the page's share
// encoding is deflate-raw + base64url, that a share link of an edited 02 opens and runs the edit,
// and that a share link cut short shows a message and the built-in, not a crash.
// Usage: node browser_test.js PAGE_FOLDER SCREENSHOT.png [KOSIM]   (prints what it observed at each check;
// with KOSIM, the desktop's kosim, it also drops a trace of 02 that `kosim run --json` writes)
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const zlib = require("zlib");
const page_driver = require("./page_driver.js");

const [page_folder, screenshot_path, kosim_exe] = process.argv.slice(2);
if (!page_folder || !screenshot_path) {
  console.error("usage: node browser_test.js PAGE_FOLDER SCREENSHOT.png");
  process.exit(2);
}
const chromium = process.env.KOSIM_CHROMIUM || "chromium";
const children = [];
let profile = null;
function finish(code) {
  for (const child of children) { try { child.kill("SIGKILL"); } catch (e) {} }
  // Chromium may still be writing its profile as it dies: retry, and never fail the test over it.
  if (profile) { try { fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }); } catch (e) {} }
  process.exit(code);
}
function fail(message) { console.error("FAIL: " + message); finish(1); }
setTimeout(() => fail("no result after 150 s"), 150000).unref();
const sleep = page_driver.sleep;

function start_browser() {
  const browser = page_driver.start_browser({ chromium, children,
    on_exit: (code, stderr) => fail("chromium exited (" + code + "):\n" + stderr) });
  profile = browser.profile;
  return browser;
}

// PNG (8-bit RGB or RGBA, as Chromium writes) -> { width, height, channels, pixels }.
function decode_png(bytes) {
  let offset = 8, width = 0, height = 0, channels = 0;
  const data = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString("latin1", offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = body.readUInt32BE(0); height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) throw new Error("unexpected PNG format");
      channels = { 2: 3, 6: 4 }[body[9]];
      if (!channels) throw new Error("unexpected PNG colour type " + body[9]);
    } else if (type === "IDAT") {
      data.push(body);
    }
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(data));
  const stride = width * channels, pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; ++y) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; ++x) {
      const value = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = (value + predictor) & 255;
    }
  }
  return { width, height, channels, pixels };
}

async function main() {
  const base = await page_driver.start_server(page_folder, children);
  const cdp = start_browser();
  const problems = [];
  cdp.on((message) => {
    if (message.method === "Runtime.exceptionThrown") problems.push(message.params.exceptionDetails.exception?.description || message.params.exceptionDetails.text);
    if (message.method === "Runtime.consoleAPICalled" && message.params.type === "error")
      problems.push(message.params.args.map((a) => a.value ?? a.description).join(" "));
  });
  const { targetId } = await cdp.send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: true });
  const page = (method, params) => cdp.send(method, params, sessionId);
  const evaluate = async (expression) => (await page("Runtime.evaluate", { expression, returnByValue: true })).result.value;
  await page("Runtime.enable");
  await page("Page.enable");
  // A 1280x720 view (the window's own size; headless Chromium's window includes room for its toolbar).
  await page("Emulation.setDeviceMetricsOverride", { width: 1280, height: 720, deviceScaleFactor: 1, mobile: false });
  const url = base + "?scenario=02-creation-vs-inheritance&step=4&lang=ko";
  console.log("opening " + url);
  const opened = Date.now();
  await page("Page.navigate", { url });

  async function wait_for(what, expression, test, seconds) {
    let value;
    for (const start = Date.now(); Date.now() - start < seconds * 1000; await sleep(100)) {
      value = await evaluate(expression);
      if (test(value)) return value;
      if (problems.length) break;
    }
    fail(what + ": last saw " + JSON.stringify(value) + (problems.length ? "\npage errors:\n" + problems.join("\n") : ""));
  }
  const title = await wait_for("the title names the scenario at step 4", "document.title",
    (t) => /^kosim - 02-creation-vs-inheritance - step 4\/\d+$/.test(t || ""), 90);
  console.log("title: " + title + " (after " + (Date.now() - opened) + " ms)");
  const first_frame = await wait_for("a first frame is drawn", "Module.kosim_first_frame_ms", (v) => typeof v === "number", 30);
  console.log("first frame with fonts: " + Math.round(first_frame) + " ms after navigation started");
  const search = await evaluate("location.search");
  console.log("address: " + search);
  if (!/[?&]lang=ko(&|$)/.test(search)) fail("the address lost lang=ko: " + search);

  // The next-step key: Right. ImGui sees a key only if a frame runs while it is down, and repeats
  // it once it has been down 0.275 s (ImGui's KeyRepeatDelay): hold it for 150 ms.
  await page("Input.dispatchKeyEvent", { type: "rawKeyDown", key: "ArrowRight", code: "ArrowRight", windowsVirtualKeyCode: 39, nativeVirtualKeyCode: 39 });
  await sleep(150);
  await page("Input.dispatchKeyEvent", { type: "keyUp", key: "ArrowRight", code: "ArrowRight", windowsVirtualKeyCode: 39, nativeVirtualKeyCode: 39 });
  const after = await wait_for("the address says step 5 after Right", "location.search", (s) => /[?&]step=5(&|$)/.test(s || ""), 10);
  console.log("address after Right: " + after);
  const title5 = await evaluate("document.title");
  console.log("title after Right: " + title5);
  if (!/ - step 5\/\d+$/.test(title5)) fail("the title does not say step 5: " + title5);

  // Back and Forward step: each step taken is a history entry (history.pushState).
  await evaluate("history.back()");
  const back = await wait_for("Back returns to step 4", "document.title + ' ' + location.search",
    (s) => / - step 4\/\d+ .*[?&]step=4(&|$)/.test(s || ""), 10);
  console.log("after Back: " + back);
  await evaluate("history.forward()");
  const forward = await wait_for("Forward goes to step 5 again", "document.title + ' ' + location.search",
    (s) => / - step 5\/\d+ .*[?&]step=5(&|$)/.test(s || ""), 10);
  console.log("after Forward: " + forward);

  await sleep(300);
  const shot = await page("Page.captureScreenshot", { format: "png" });
  const png = Buffer.from(shot.data, "base64");
  fs.writeFileSync(screenshot_path, png);
  const image = decode_png(png);
  const counts = new Map();
  for (let i = 0; i < image.pixels.length; i += image.channels) {
    const key = (image.pixels[i] << 16) | (image.pixels[i + 1] << 8) | image.pixels[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const total = image.width * image.height, most = Math.max(...counts.values());
  console.log(`screenshot ${screenshot_path}: ${image.width}x${image.height}, ${counts.size} colours, the commonest covers ` +
              `${(100 * most / total).toFixed(1)}%`);
  if (image.width < 640 || counts.size < 32 || most / total > 0.95) fail("the screenshot looks blank");
  if (problems.length) fail("page errors:\n" + problems.join("\n"));

  // HiDPI: at devicePixelRatio 2 the canvas draws at device pixels and the text at twice the size.
  await page("Emulation.setDeviceMetricsOverride", { width: 1280, height: 720, deviceScaleFactor: 2, mobile: false });
  const hidpi = await wait_for("the framebuffer follows devicePixelRatio 2", "JSON.stringify(kosim_state())",
    (s) => { const v = JSON.parse(s || "null"); return v && v.framebuffer[0] === 2560 && v.framebuffer[1] === 1440 && v.scale === 2; }, 10);
  console.log("at devicePixelRatio 2: " + hidpi);
  await page("Emulation.setDeviceMetricsOverride", { width: 1280, height: 720, deviceScaleFactor: 1, mobile: false });

  // A play run is one history entry: Space plays 5 -> 7 (the end stops it), Back returns to 5.
  const entries = await evaluate("history.length");
  const space = { key: " ", code: "Space", windowsVirtualKeyCode: 32, nativeVirtualKeyCode: 32 };
  await page("Input.dispatchKeyEvent", { type: "rawKeyDown", ...space });
  await sleep(100);
  await page("Input.dispatchKeyEvent", { type: "keyUp", ...space });
  await wait_for("play reaches step 7", "document.title", (t) => / - step 7\/7$/.test(t || ""), 15);
  await sleep(300);
  const entries_after = await evaluate("history.length");
  console.log("history entries before and after playing 5 -> 7: " + entries + ", " + entries_after);
  if (entries_after !== entries + 1) fail("a play run should add one history entry");
  await evaluate("history.back()");
  await wait_for("Back after playing returns to step 5", "document.title", (t) => / - step 5\/7$/.test(t || ""), 10);

  // The page's share format, read back here: deflate-raw, then base64url.
  const sample = "say \"한국어 and \\\\.\\mailslot\\x\"\n".repeat(3);
  const encoded_by_page = (await page("Runtime.evaluate", { expression: "kosim_page.encode_text(" + JSON.stringify(sample) + ")",
    awaitPromise: true, returnByValue: true })).result.value;
  const decoded = zlib.inflateRawSync(Buffer.from(encoded_by_page || "", "base64url")).toString("utf8");
  console.log("the page's share encoding: " + (encoded_by_page || "").length + " characters, decodes to the text: " + (decoded === sample));
  if (decoded !== sample || !/^[A-Za-z0-9_-]+$/.test(encoded_by_page)) fail("the page's share text does not decode with inflateRaw + base64url");

  // A share link of an edited 02 (a title of its own, the child's exit removed): it opens, runs the edit, and keeps its text in the address.
  const original = fs.readFileSync(path.join(__dirname, "..", "..", "assets", "scenarios", "02-creation-vs-inheritance.kos"), "utf8");
  const exit_at = original.indexOf("\nChild: ExitProcess(0)");
  if (exit_at < 0 || !original.includes('scenario    "Independent creation')) fail("02's text changed: update the edit below");
  const edited = original.slice(0, exit_at + 1).replace(/^scenario {4}"[^"]*"/m, 'scenario    "Shared quiz: inheritance"');
  const encoded = zlib.deflateRawSync(Buffer.from(edited, "utf8")).toString("base64url");
  const share_url = base + "?scenario=02-quiz&step=2&lang=en#text=" + encoded;
  console.log("opening a share link (" + share_url.length + " characters)");
  await page("Page.navigate", { url: share_url });
  const shared_title = await wait_for("the share link opens 02-quiz at step 2 of 6", "document.title",
    (t) => t === "kosim - 02-quiz - step 2/6", 60);
  const shared = await evaluate("kosim_state()");
  console.log("title: " + shared_title + "; state: " + JSON.stringify(shared));
  if (!shared.shared || shared.title !== "Shared quiz: inheritance" || shared.steps !== 6 || !shared.valid || shared.message)
    fail("the shared scenario is not the edited text");
  await page("Input.dispatchKeyEvent", { type: "rawKeyDown", key: "ArrowRight", code: "ArrowRight", windowsVirtualKeyCode: 39, nativeVirtualKeyCode: 39 });
  await sleep(150);
  await page("Input.dispatchKeyEvent", { type: "keyUp", key: "ArrowRight", code: "ArrowRight", windowsVirtualKeyCode: 39, nativeVirtualKeyCode: 39 });
  const stepped = await wait_for("stepping keeps the shared text in the address", "location.search + location.hash",
    (s) => /[?&]step=3(&|#)/.test(s || "") && s.endsWith("#text=" + encoded), 10);
  console.log("after Right: " + stepped.slice(0, 80) + "...");

  // A share link cut short: the built-in of that name at the link's step, and the reason in a message.
  const broken_url = base + "?scenario=02-creation-vs-inheritance&step=1&lang=en#text=" + encoded.slice(0, Math.floor(encoded.length / 8) * 4);
  await page("Page.navigate", { url: broken_url });
  await wait_for("a broken share link says so", "kosim_state() && kosim_state().message", (m) => /damaged/.test(m || ""), 60);
  const broken = await evaluate("kosim_state()");
  console.log("broken link: " + JSON.stringify(broken));
  const broken_title = await wait_for("the page runs on after a broken link", "document.title",
    (t) => t === "kosim - 02-creation-vs-inheritance - step 1/7", 10);
  if (broken.shared || !broken.valid) fail("a broken link left the page without a scenario");
  if (problems.length) fail("page errors:\n" + problems.join("\n"));
  console.log("title after the broken link: " + broken_title);

  // A trace dropped on the page opens Model vs real beside the open scenario (02): the model's own
  // trace (`kosim run --json`, the native trace's schema) agrees with it.
  if (kosim_exe) {
    const trace_path = path.join(os.tmpdir(), "kosim-web-02-" + process.pid + ".json");
    try { execFileSync(kosim_exe, ["run", "02-creation-vs-inheritance", "--quiet", "--json", trace_path], { stdio: "ignore" }); } catch (e) {}
    const trace = fs.existsSync(trace_path) ? fs.readFileSync(trace_path, "utf8") : "";
    fs.rmSync(trace_path, { force: true });
    if (!trace) fail("kosim run --json wrote no trace");
    await evaluate(`(() => { const data = new DataTransfer(); data.items.add(new File([${JSON.stringify(trace)}], "02.native.json"));
      Module.canvas.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true })); })()`);
    const compared = await wait_for("a dropped trace opens Model vs real", "kosim_state().compare", (c) => !!c, 10);
    console.log("Model vs real after dropping 02's trace: " + compared);
    if (!/^PASS/.test(compared)) fail("Model vs real did not find 02's own trace the same");
  }

  // A .kos dropped on the canvas opens (the edited text again, under the file's name).
  await evaluate(`(() => { const data = new DataTransfer(); data.items.add(new File([${JSON.stringify(edited)}], "mine.kos"));
    Module.canvas.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true })); })()`);
  const dropped = await wait_for("a dropped .kos opens", "document.title", (t) => t === "kosim - mine.kos - step 0/6", 10);
  console.log("after dropping mine.kos: " + dropped);

  // Ctrl+S saves it: a download of mine.kos with the text.
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), "kosim-downloads-"));
  await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: downloads });
  const control = { key: "Control", code: "ControlLeft", windowsVirtualKeyCode: 17, nativeVirtualKeyCode: 17 };
  const s_key = { key: "s", code: "KeyS", windowsVirtualKeyCode: 83, nativeVirtualKeyCode: 83, modifiers: 2 };
  await page("Input.dispatchKeyEvent", { type: "rawKeyDown", ...control, modifiers: 2 });
  await page("Input.dispatchKeyEvent", { type: "rawKeyDown", ...s_key });
  await sleep(150);
  await page("Input.dispatchKeyEvent", { type: "keyUp", ...s_key });
  await page("Input.dispatchKeyEvent", { type: "keyUp", ...control, modifiers: 0 });
  let saved = null;
  for (const start = Date.now(); Date.now() - start < 10000 && saved === null; await sleep(100))
    if (fs.existsSync(path.join(downloads, "mine.kos"))) saved = fs.readFileSync(path.join(downloads, "mine.kos"), "utf8");
  fs.rmSync(downloads, { recursive: true, force: true });
  console.log("Ctrl+S downloaded mine.kos: " + (saved === null ? "no" : saved.length + " bytes, the text: " + (saved === edited)));
  if (saved !== edited) fail("Ctrl+S did not download the scenario's text");

  // Share's link (what Classroom > Share a link starts): the page builds it and its dialog shows it.
  await evaluate(`kosim_page.make_link(${JSON.stringify(edited)}, "?scenario=mine.kos&step=0")`);
  const link = await wait_for("Share's dialog shows the link", "kosim_state().link", (l) => (l || "").includes("#text="), 10);
  const link_text = zlib.inflateRawSync(Buffer.from(link.split("#text=")[1], "base64url")).toString("utf8");
  console.log("Share's link: " + link.slice(0, 60) + "... (" + link.length + " characters), carries the text: " + (link_text === edited));
  if (!link.startsWith(base + "?scenario=mine.kos&step=0#text=") || link_text !== edited) fail("Share's link is not this page with the text");
  console.log("PASS (" + ((Date.now() - opened) / 1000).toFixed(1) + " s after the first navigation)");
  finish(0);
}

main().catch((error) => fail(error.stack || String(error)));
