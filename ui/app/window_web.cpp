// The browser's window layer (emscripten): GLFW on a WebGL2 canvas that fills the browser window
// and follows its size, one frame per animation frame, the settings in localStorage, and the
// address (?scenario=NAME&step=N&lang=ko&theme=dark) and document.title kept in step with the view.
#include "app/window_web.h"

#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLFW/glfw3.h>
#include <GLES3/gl3.h>

#include <cstdio>
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

// Text from the page: 0 = location.search, 1 = the saved settings. Returns the bytes needed
// (with the NUL); the text is written only when it fits.
EM_JS(int, page_text, (int which, char* out, int capacity), {
    var text = "";
    try { text = which == 0 ? location.search : (localStorage.getItem("kosim.ini") || ""); } catch (e) {}
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

// localStorage may be unavailable (private windows, file:// in some browsers): settings then last the visit.
EM_JS(void, store_settings, (const char* text), {
    try { localStorage.setItem("kosim.ini", UTF8ToString(text)); } catch (e) {}
});

// The address without a new history entry, and the tab's title.
EM_JS(void, show_address, (const char* query, const char* title), {
    document.title = UTF8ToString(title);
    try { history.replaceState(history.state, "", UTF8ToString(query) + location.hash); } catch (e) {}
});

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

// The browser may refuse outside a user gesture; F11 in the browser itself always works.
EM_JS(void, request_fullscreen, (int on), {
    try {
        if (on) document.documentElement.requestFullscreen().catch(function() {});
        else if (document.fullscreenElement) document.exitFullscreen().catch(function() {});
    } catch (e) {}
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

struct Page {
    GLFWwindow* window = nullptr;
    App* app = nullptr;
    FontPaths fonts;
    std::string address;      // the last query and title shown
    std::string title;
    std::string saved_ini;    // the last settings written to localStorage
    double last = 0;
    double last_save = 0;
    std::size_t frames = 0;
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

void sync_canvas_size(Page& page) {
    double css_width = 0, css_height = 0;
    emscripten_get_element_css_size("#canvas", &css_width, &css_height);
    const int width = static_cast<int>(css_width), height = static_cast<int>(css_height);
    int current_width = 0, current_height = 0;
    glfwGetWindowSize(page.window, &current_width, &current_height);
    if (width > 0 && height > 0 && (width != current_width || height != current_height)) glfwSetWindowSize(page.window, width, height);
}

void save_settings(Page& page) {
    const char* text = ImGui::SaveIniSettingsToMemory();
    if (text && page.saved_ini != text) {
        page.saved_ini = text;
        store_settings(text);
    }
}

void frame(void* argument) {
    Page& page = *static_cast<Page*>(argument);
    App& app = *page.app;
    sync_canvas_size(page);
    const double now = glfwGetTime();
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

    const std::string address = format_page_address(page_address_of(app.session, theme_name(app.settings.theme)));
    const std::string title = page_title(app.session);
    if (address != page.address || title != page.title) {
        page.address = address;
        page.title = title;
        show_address(address.c_str(), title.c_str());
    }
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
    double css_width = 1280, css_height = 720;
    emscripten_get_element_css_size("#canvas", &css_width, &css_height);
    static Page page;   // lives as long as the page
    page.window = glfwCreateWindow(css_width > 0 ? static_cast<int>(css_width) : 1280, css_height > 0 ? static_cast<int>(css_height) : 720,
                                   "kosim", nullptr, nullptr);
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
    ImGui_ImplOpenGL3_Init("#version 300 es");

    static App app(settings);
    set_settings_target(&app.settings);
    page.app = &app;
    the_page = &page;
    page.fonts = find_fonts();
    app.session.open(address.scenario.empty() ? std::string(default_scenario_name) : address.scenario);
    if (address.step) {
        Intent seek;
        seek.kind = Intent::Kind::Seek;
        seek.step = *address.step;
        app.apply(seek);
    }
    page.last = glfwGetTime();
    emscripten_set_main_loop_arg(frame, &page, 0, false);
    return 0;
}

}  // namespace kosim::ui
