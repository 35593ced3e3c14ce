// The browser's window layer (emscripten): GLFW on a WebGL2 canvas that fills the browser window
// at device pixels, one frame per animation frame, the settings in localStorage, the address
// (?scenario=NAME&step=N&lang=ko&theme=dark, #text= for a share link) and document.title kept in
// step with the view (Back and Forward step), and the visitor's files through web/index.html.
#include "app/window_web.h"

#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLFW/glfw3.h>
#include <GLES3/gl3.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "app/app.h"
#include "app/fonts.h"
#include "app/frame_setup.h"
#include "app/settings_ini.h"
#include "view_models/page_address.h"

namespace kosim::ui {
namespace {

// Text from the page: 0 = location.search, 1 = the saved settings, 2 = a share link's text,
// 3 = why a share link could not be read, 4 = the link Share built, 5 = the address Back or Forward
// went to, 6 = the upload taken last ("purpose\npath"). Returns the bytes needed (with the NUL);
// the text is written only when it fits.
EM_JS(int, page_text, (int which, char* out, int capacity), {
    var text = "", page = window.kosim_page || {};
    try {
        if (which == 0) text = location.search;
        else if (which == 1) text = localStorage.getItem("kosim.ini") || "";
        else if (which == 2) text = (page.share && page.share.text) || "";
        else if (which == 3) text = (page.share && page.share.error) || "";
        else if (which == 4) text = (page.link && page.link.url) || "";
        else if (which == 5) text = page.popped || "";
        else if (which == 6) text = page.upload || "";
    } catch (e) {}
    var needed = lengthBytesUTF8(text) + 1;
    if (needed <= capacity) stringToUTF8(text, out, capacity);
    return needed;
});

std::string read_page_text(int which) {
    std::vector<char> buffer(256);
    int needed = page_text(which, buffer.data(), static_cast<int>(buffer.size()));
    if (needed > static_cast<int>(buffer.size())) {
        buffer.resize(static_cast<std::size_t>(needed));
        page_text(which, buffer.data(), needed);
    }
    return std::string(buffer.data());
}

// A share link's text (web/index.html decodes #text= as the page loads, and again after Back or
// Forward reaches another one): 0 none, 1 still decoding, 2 ready, 3 damaged. Taking it resets to 0.
EM_JS(int, share_state, (int take), {
    var share = window.kosim_page && window.kosim_page.share;
    var states = { pending: 1, ready: 2, failed: 3 };
    var state = share ? (states[share.state] || 0) : 0;
    if (take && state >= 2) share.state = "taken";
    return state;
});

// The link Share builds (compressing is asynchronous): 0 none, 1 building, 2 ready and copied to
// the clipboard, 3 ready but the clipboard refused, 4 failed. Taking it resets to 0.
EM_JS(int, link_state, (int take), {
    var link = window.kosim_page && window.kosim_page.link;
    if (!link) return 0;
    var state = link.state == "building" ? 1 : link.state == "ready" ? (link.copied ? 2 : 3) : link.state == "failed" ? 4 : 0;
    if (take && state >= 2) link.state = "taken";
    return state;
});

EM_JS(void, start_share_link, (const char* text, const char* query), {
    if (window.kosim_page) window.kosim_page.make_link(UTF8ToString(text), UTF8ToString(query));
});

// Copy (and ImGui's Ctrl+C: emscripten's GLFW keeps the clipboard to itself) to the system clipboard.
EM_JS(void, copy_to_clipboard, (const char* text), {
    if (window.kosim_page) window.kosim_page.copy(UTF8ToString(text)).catch(function() {});
});

// Back or Forward reached another address: 1 once (index.html's popstate listener sets it), 2 when
// that entry carries a share link's text.
EM_JS(int, take_popped, (), {
    var page = window.kosim_page;
    if (!page || page.popped_new !== true) return 0;
    page.popped_new = false;
    return page.popped_text ? 2 : 1;
});

// A file the visitor picked or dropped (index.html keeps its bytes): written to the page's file
// system under /uploads, where the app opens it by name like any file; 1 when there was one.
EM_JS(int, take_upload, (), {
    var page = window.kosim_page;
    if (!page || !page.inbox || !page.inbox.length) return 0;
    var item = page.inbox.shift();
    var name = item.name.split("/").join("_").split(String.fromCharCode(92)).join("_") || "upload";   // no backslash in EM_JS (3.1.6)
    FS.writeFile("/uploads/" + name, item.bytes);
    page.upload = item.purpose + String.fromCharCode(10) + name;
    return 1;
});

// localStorage may be unavailable (private windows, file:// in some browsers): settings then last the visit.
EM_JS(void, store_settings, (const char* text), {
    try { localStorage.setItem("kosim.ini", UTF8ToString(text)); } catch (e) {}
});

// The address (a new history entry, or in place of the current one) and the tab's title. A share
// link's #text= stays while its scenario is open, so a reload opens it again.
EM_JS(void, show_address, (const char* query, const char* title, int push, int keep_hash), {
    document.title = UTF8ToString(title);
    var url = UTF8ToString(query) + (keep_hash ? location.hash : "");
    try {
        if (push) history.pushState(null, "", url);
        else history.replaceState(history.state, "", url || location.pathname);
    } catch (e) {}
});

// For tests: the page's state as JSON, read by window.kosim_state() (web/index.html).
EM_JS(void, publish_state, (const char* json), { Module.kosim_state_json = UTF8ToString(json); });

// The canvas's pixels as a PNG download, read in the frame that drew them (before the browser
// presents and clears the drawing buffer).
EM_JS(void, download_canvas_png, (const char* name), {
    var link = document.createElement("a");
    link.download = UTF8ToString(name);
    link.href = Module.canvas.toDataURL("image/png");
    document.body.appendChild(link);
    link.click();
    link.remove();
});

// A file of the page's file system (what Save wrote) as a download.
EM_JS(void, download_file, (const char* path, const char* name), {
    try {
        var bytes = FS.readFile(UTF8ToString(path));
        var link = document.createElement("a");
        link.download = UTF8ToString(name);
        link.href = URL.createObjectURL(new Blob([bytes], { type: "text/plain" }));
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function() { URL.revokeObjectURL(link.href); }, 10000);
    } catch (e) {}
});

// Browsers allow full screen within a user gesture's activation window (about 5 s): the menu
// click a frame ago is one. The page's F11 is the browser's own and never reaches the page.
EM_JS(void, request_fullscreen, (int on), {
    try {
        if (on) document.documentElement.requestFullscreen().catch(function() {});
        else if (document.fullscreenElement) document.exitFullscreen().catch(function() {});
    } catch (e) {}
});

EM_JS(int, is_fullscreen, (), { return document.fullscreenElement ? 1 : 0; });

// The canvas's drawing buffer at device pixels (devicePixelRatio: HiDPI screens and browser zoom),
// the CSS size from the stylesheet. Emscripten's GLFW reports the mouse in canvas pixels, so its
// window is sized in device pixels too (set here: its own resizing forces screen.width in full
// screen). Returns the ratio; the app draws its text that much larger.
EM_JS(double, fit_canvas, (), {
    var canvas = Module.canvas, ratio = window.devicePixelRatio || 1;
    var rect = canvas.getBoundingClientRect();
    var width = Math.max(1, Math.round(rect.width * ratio)), height = Math.max(1, Math.round(rect.height * ratio));
    if (canvas.width != width) canvas.width = width;
    if (canvas.height != height) canvas.height = height;
    if (GLFW.active) { GLFW.active.width = width; GLFW.active.height = height; }
    return ratio;
});

// For tests and measurements (tests/web/page_bench.js), in ms since navigation: when main ran, when
// the first frame (which builds the font atlas) ended, and the first frame drawn with the fonts.
EM_JS(void, mark_time, (int which), {
    Module[["kosim_main_ms", "kosim_atlas_ms", "kosim_first_frame_ms"][which]] = performance.now();
});

// The page carries its fonts cut down to the interface, the built-ins and KS X 1001's Hangul
// (web/font_subset.py); a scenario with a character outside them fetches the whole Nanum files
// from the page's fonts/ folder, once, and rebuilds the atlas with them. Until they arrive, or if
// they cannot (a page opened from file://), the missing characters draw as ImGui's fallback '?'.
enum class WholeFonts { NotNeeded, Fetching, Arrived, Unavailable };

constexpr const char* upload_folder = "/uploads";

struct Page {
    GLFWwindow* window = nullptr;
    App* app = nullptr;
    FontPaths fonts;
    std::string address;      // the last query and title shown
    std::string title;
    std::string history_key;  // scenario and step of the current history entry
    double last_history = -1e9;   // when a step change last wrote the history
    bool play_pushed = false;     // this play run already has its history entry
    std::string saved_ini;    // the last settings written to localStorage
    std::string state_json;   // the last state published for tests
    double last = 0;
    double last_save = 0;
    std::size_t frames = 0;
    std::uint64_t save_serial = 0;   // the session's save_status().serial already downloaded
    // A share link's text being decoded: its name and the step to open it at.
    bool share_waiting = false;
    std::string share_name;
    std::size_t share_step = 0;
    std::string shared_file_name;    // the open scenario came from the address's #text=
    // The page's dialogs (drawn after the app's frame): the link Share built, and a message.
    bool link_popup = false, link_copied = false;
    std::string link;
    std::string message;
    bool message_popup = false;
    WholeFonts whole_fonts = WholeFonts::NotNeeded;
    int whole_fonts_pending = 0;
    std::string checked_text;   // the atlas text last checked for characters the fonts lack
};

Page* the_page = nullptr;   // for emscripten_async_wget's callbacks, which take no argument

void whole_font_arrived(const char*) {
    Page& page = *the_page;
    if (--page.whole_fonts_pending > 0 || page.whole_fonts != WholeFonts::Fetching) return;
    page.whole_fonts = WholeFonts::Arrived;
    page.fonts.korean = "/fonts/whole/NanumGothic.ttf";
    page.fonts.korean_mono = "/fonts/whole/NanumGothicCoding.ttf";
    page.app->font_rebuild_needed = true;
    std::printf("kosim: fetched the whole Hangul fonts for characters outside the page's subset\n");
}

void whole_font_unavailable(const char* file) {
    the_page->whole_fonts = WholeFonts::Unavailable;
    std::printf("kosim: %s could not be fetched; characters outside the page's fonts show as '?'\n", file);
}

void fetch_whole_fonts_if_needed(Page& page) {
    const App& app = *page.app;
    if (page.whole_fonts != WholeFonts::NotNeeded || app.atlas_text == page.checked_text) return;
    page.checked_text = app.atlas_text;
    if (!font_lacks_glyphs(app.fonts.ui, app.atlas_text)) return;
    page.whole_fonts = WholeFonts::Fetching;
    page.whole_fonts_pending = 2;
    emscripten_async_wget("fonts/NanumGothic.ttf", "/fonts/whole/NanumGothic.ttf", whole_font_arrived, whole_font_unavailable);
    emscripten_async_wget("fonts/NanumGothicCoding.ttf", "/fonts/whole/NanumGothicCoding.ttf", whole_font_arrived, whole_font_unavailable);
}

std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') out += '\\', out += c;
        else if (c == '\n') out += "\\n";
        else if (static_cast<unsigned char>(c) < 0x20) out += ' ';
        else out += c;
    }
    return out + '"';
}

void sync_canvas_size(Page& page) {
    const float ratio = static_cast<float>(fit_canvas());
    if (ratio > 0 && ratio != page.app->display_scale) {
        page.app->display_scale = ratio;
        page.app->font_rebuild_needed = true;
        page.app->theme_dirty = true;
    }
}

void save_settings(Page& page) {
    const char* text = ImGui::SaveIniSettingsToMemory();
    if (text && page.saved_ini != text) {
        page.saved_ini = text;
        store_settings(text);
    }
}

void seek(App& app, std::size_t step) {
    Intent intent;
    intent.kind = Intent::Kind::Seek;
    intent.step = step;
    app.apply(intent);
}

void show_message(Page& page, std::string text) {
    page.message = std::move(text);
    page.message_popup = true;
}

void open_shared(Page& page) {
    App& app = *page.app;
    app.session.open_text(read_page_text(2), page.share_name);
    page.shared_file_name = app.session.scenario().file_name;
    seek(app, page.share_step);
}

// A share link's text, once decoded: opened as in-memory text under the link's name; a damaged
// link leaves the scenario that is open and says why.
void take_shared_text(Page& page) {
    App& app = *page.app;
    const int state = share_state(0);
    if (state == 1) {
        page.share_waiting = true;
        return;
    }
    if (!page.share_waiting) return;
    page.share_waiting = false;
    share_state(1);
    const Language l = app.session.language();
    if (state == 2) {
        open_shared(page);
    } else if (state == 3) {
        seek(app, page.share_step);
        const std::string reason = read_page_text(3);
        const char* why = reason == "base64" ? N_("it has characters a share link never has")
                          : reason == "utf8" ? N_("its text is not UTF-8")
                                             : N_("it is cut short or corrupted");
        show_message(page, fmt(tr(l, "This share link is damaged: {0}, so its scenario cannot be shown. Ask for the link again; "
                                     "meanwhile kosim shows {1}."),
                               {tr(l, why), page_address_of(app.session, {}).scenario}));
    }
}

// Back or Forward: the step (and scenario) of that history entry.
void take_popped_address(Page& page) {
    const int popped = take_popped();
    if (!popped) return;
    App& app = *page.app;
    const PageAddress address = parse_page_address(read_page_text(5));
    page.share_name = address.scenario;
    page.share_step = address.step.value_or(0);
    if (share_state(0) == 1) {   // the entry carries another share link's text: open it when decoded
        page.share_waiting = true;
    } else if (popped == 2 && page.shared_file_name.empty()) {   // the text decoded before, not open now
        open_shared(page);
    } else {
        const PageAddress current = page_address_of(app.session, {});
        if (!address.scenario.empty() && (address.scenario != current.scenario || (popped == 1 && !page.shared_file_name.empty()))) {
            Intent open;
            open.kind = Intent::Kind::Open;
            open.path = address.scenario;
            app.apply(open);
        }
        seek(app, address.step.value_or(0));
    }
    PageAddress key = page_address_of(app.session, {});
    key.language.reset();
    page.history_key = format_page_address(key);
}

// A file the visitor picked or dropped: a .kos opens as on the desktop (asking first about unsaved
// edits), a .json is a recording or a native trace for Model vs real.
void take_uploads(Page& page) {
    while (take_upload()) {
        App& app = *page.app;
        const std::string text = read_page_text(6);
        const std::size_t newline = text.find('\n');
        const std::string purpose = text.substr(0, newline), name = text.substr(newline + 1);
        if (purpose == "trace") {
            app.open_native_trace(name);
        } else if (name.ends_with(".json")) {
            app.open(name);
        } else {
            Intent open;
            open.kind = Intent::Kind::Open;
            open.path = name;
            app.apply(open);
        }
    }
}

// The address follows the view. A step the user takes is a history entry, so Back and Forward
// step; a run of quick steps (a held key, the slider dragged) and a play run are one entry each.
void write_address(Page& page, double now) {
    App& app = *page.app;
    if (!page.shared_file_name.empty() && app.session.scenario().file_name != page.shared_file_name) page.shared_file_name.clear();
    const bool keep_hash = !page.shared_file_name.empty();
    if (page.share_waiting) return;   // the address still names what is being decoded
    PageAddress state = page_address_of(app.session, theme_name(app.settings.theme));
    const std::string address = format_page_address(state);
    const std::string title = page_title(app.session);
    if (address == page.address && title == page.title) return;
    state.language.reset();
    state.theme.clear();
    const std::string key = format_page_address(state);
    bool push = !page.address.empty() && key != page.history_key && now - page.last_history > 0.3;
    if (app.session.playing()) {
        if (page.play_pushed) push = false;
        page.play_pushed = true;
    } else {
        page.play_pushed = false;   // the next play run gets an entry of its own
    }
    if (key != page.history_key) page.last_history = now;
    page.history_key = key;
    page.address = address;
    page.title = title;
    show_address(address.c_str(), title.c_str(), push ? 1 : 0, keep_hash ? 1 : 0);
}

void publish(Page& page) {
    const Session& session = page.app->session;
    std::string error = session.load_error();
    if (const std::size_t newline = error.find('\n'); newline != std::string::npos) error.resize(newline);
    const Timeline* timeline = session.timeline();
    const std::string title = timeline ? timeline->program().title.en : std::string();
    int width = 0, height = 0;
    glfwGetFramebufferSize(page.window, &width, &height);
    const auto& comparison = page.app->native_comparison();
    const std::string compare = !comparison ? std::string() : comparison->ok() ? comparison->summary : comparison->error;
    const std::string json = "{\"scenario\":" + json_string(page_address_of(session, {}).scenario) +
                             ",\"step\":" + std::to_string(session.position()) + ",\"steps\":" + std::to_string(session.step_count()) +
                             ",\"valid\":" + (session.valid() ? "true" : "false") + ",\"title\":" + json_string(title) +
                             ",\"error\":" + json_string(error) + ",\"message\":" + json_string(page.message) +
                             ",\"shared\":" + (page.shared_file_name.empty() ? "false" : "true") +
                             ",\"link\":" + json_string(page.link) + ",\"compare\":" + json_string(compare) +
                             ",\"framebuffer\":[" + std::to_string(width) + "," + std::to_string(height) + "]" +
                             ",\"scale\":" + std::to_string(page.app->display_scale) + "}";
    if (json != page.state_json) {
        page.state_json = json;
        publish_state(json.c_str());
    }
}

// The page's own dialogs, after the app's frame: the link Share built (to copy), and a message.
void draw_dialogs(Page& page) {
    App& app = *page.app;
    const Language l = app.session.language();
    const std::string link_title = std::string(tr(l, "Share a link")) + "###share_link";
    if (page.link_popup) {
        ImGui::OpenPopup(link_title.c_str());
        page.link_popup = false;
    }
    if (ImGui::BeginPopupModal(link_title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
        ImGui::TextUnformatted(tr(l, "This link carries the scenario's text as it is now, and opens at this step. "
                                     "It needs no server: send it to students or put it on a slide."));
        ImGui::TextUnformatted(page.link_copied ? tr(l, "The link is on the clipboard.") : tr(l, "Press Copy, or select the link below and press Ctrl+C."));
        ImGui::PopTextWrapPos();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 32);
        ImGui::InputText("##link", page.link.data(), page.link.size() + 1, ImGuiInputTextFlags_ReadOnly | ImGuiInputTextFlags_AutoSelectAll);
        if (ImGui::Button(tr(l, "Copy"))) {
            copy_to_clipboard(page.link.c_str());
            page.link_copied = true;
        }
        ImGui::SameLine();
        if (ImGui::Button(tr(l, "Close"))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    const std::string message_title = std::string("kosim") + "###page_message";
    if (page.message_popup) {
        ImGui::OpenPopup(message_title.c_str());
        page.message_popup = false;
    }
    if (ImGui::BeginPopupModal(message_title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
        ImGui::PushStyleColor(ImGuiCol_Text, app.palette.error);
        ImGui::TextUnformatted(page.message.c_str());
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        if (ImGui::Button(tr(l, "Close"))) {
            page.message.clear();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

// Share: the page compresses the text into a link (asynchronously); the dialog shows it when ready.
void share(Page& page) {
    App& app = *page.app;
    if (app.share_requested) {
        app.share_requested = false;
        app.session.flush_edit();
        PageAddress address = page_address_of(app.session, {});
        address.language.reset();   // the students' own language, unless they have none yet
        start_share_link(app.session.text().c_str(), format_page_address(address).c_str());
    }
    const int state = link_state(1);
    if (state == 2 || state == 3) {
        page.link = read_page_text(4);
        page.link_copied = state == 2;
        page.link_popup = true;
    } else if (state == 4) {
        show_message(page, tr(app.session.language(), "This browser cannot compress the text for a link (it lacks CompressionStream)."));
    }
}

void frame(void* argument) {
    Page& page = *static_cast<Page*>(argument);
    App& app = *page.app;
    sync_canvas_size(page);
    if (!app.fullscreen_toggle_requested) app.fullscreen = is_fullscreen() != 0;   // Esc leaves full screen without us
    const double now = glfwGetTime();
    take_shared_text(page);
    take_popped_address(page);
    take_uploads(page);
    app.session.tick(now - page.last);
    page.last = now;
    prepare_frame(app, page.fonts);
    fetch_whole_fonts_if_needed(page);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // The browser's clock can return the same time twice; ImGui asserts a positive step.
    ImGuiIO& io = ImGui::GetIO();
    if (io.DeltaTime <= 0.0f) io.DeltaTime = 1.0f / 1000.0f;
    ImGui::NewFrame();
    app.build_frame();
    draw_dialogs(page);
    ImGui::Render();
    int width = 0, height = 0;
    glfwGetFramebufferSize(page.window, &width, &height);
    const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(app.palette.background);
    glViewport(0, 0, width, height);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (app.screenshot_requested) {
        app.screenshot_requested = false;
        const std::string name = app.default_screenshot_name();
        download_canvas_png(name.c_str());
        app.status = fmt(tr(app.session.language(), "Saved {0}"), {name});
    }
    if (app.fullscreen_toggle_requested) {
        app.fullscreen_toggle_requested = false;
        request_fullscreen(app.fullscreen ? 1 : 0);
    }
    app.quit_requested = false;   // a page is closed by its tab
    // Save and Save as write into the page's file system; the visitor gets the file as a download.
    if (const SaveStatus& saved = app.session.save_status(); saved.serial != page.save_serial) {
        page.save_serial = saved.serial;
        if (saved.outcome == SaveStatus::Outcome::Saved) {
            const std::string name = std::filesystem::path(saved.path).filename().string();
            download_file(saved.path.c_str(), name.c_str());
            app.status = fmt(tr(app.session.language(), "Downloaded {0}"), {name});
        }
    }
    share(page);
    write_address(page, now);
    publish(page);
    if (++page.frames <= 2) mark_time(page.frames);   // the first frame only builds the atlas and lays out
    if (now - page.last_save > 1.0) {
        page.last_save = now;
        save_settings(page);
    }
}

}  // namespace

int run_page() {
    mark_time(0);
    glfwSetErrorCallback([](int, const char* description) { std::fprintf(stderr, "kosim: GLFW: %s\n", description ? description : "?"); });
    if (glfwInit() != GLFW_TRUE) return 2;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    static Page page;   // lives as long as the page
    page.window = glfwCreateWindow(1280, 720, "kosim", nullptr, nullptr);   // fit_canvas sizes it each frame
    if (!page.window) return 2;
    glfwMakeContextCurrent(page.window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;   // the ini text goes to localStorage instead
    static Settings settings;
    set_settings_target(&settings);
    register_settings_handler();
    const std::string saved = read_page_text(1);
    if (!saved.empty()) ImGui::LoadIniSettingsFromMemory(saved.c_str(), saved.size());
    page.saved_ini = saved;

    // The address wins over the saved settings: a link shows what its author saw.
    const PageAddress address = parse_page_address(read_page_text(0));
    if (address.language) settings.language = *address.language;
    if (!address.theme.empty()) parse_theme(address.theme, settings.theme);
    ImGui_ImplGlfw_InitForOpenGL(page.window, true);
    ImGui::GetIO().SetClipboardTextFn = [](void*, const char* text) { copy_to_clipboard(text); };
    ImGui_ImplOpenGL3_Init("#version 300 es");

    static App app(settings);
    set_settings_target(&app.settings);
    page.app = &app;
    the_page = &page;
    page.fonts = find_fonts();
    app.can_share = true;
    std::error_code ec;
    std::filesystem::create_directories(upload_folder, ec);
    std::filesystem::current_path(upload_folder, ec);   // files open and save by their bare names
    // A share link (#text=) opens its text once index.html has decoded it; meanwhile the built-in
    // of that name (or the default) is on screen, and stays there if the link is damaged.
    const bool shared = share_state(0) != 0;
    const bool builtin = find_builtin_scenario(address.scenario) != nullptr;
    app.session.open(address.scenario.empty() || (shared && !builtin) ? std::string(default_scenario_name) : address.scenario);
    if (shared) {
        page.share_waiting = true;
        page.share_name = address.scenario.empty() ? std::string("shared.kos") : address.scenario;
        page.share_step = address.step.value_or(0);
    } else if (address.step) {
        seek(app, *address.step);
    }
    sync_canvas_size(page);
    page.last = glfwGetTime();
    emscripten_set_main_loop_arg(frame, &page, 0, false);
    return 0;
}

}  // namespace kosim::ui
