// GLFW window with an OpenGL 3.3 core context (glad2), Dear ImGui's GLFW and OpenGL3 backends,
// settings in ImGui's ini file in the platform's settings folder, and off-screen screenshots.
#include <glad/gl.h>
#include <GLFW/glfw3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "app/app.h"
#include "app/file_watch.h"
#include "app/frame_setup.h"
#include "app/platform.h"
#include "app/screenshot.h"
#include "app/settings_ini.h"

namespace kosim::ui {
namespace {

// KOSIM_STARTUP_TIMES=1: the time of each start-up stage on stderr (docs/benchmarks.md, GUI start-up).
const auto loaded_at = std::chrono::steady_clock::now();   // static initialisation: about when main starts
void startup_mark(const char* stage) {
    static const bool on = std::getenv("KOSIM_STARTUP_TIMES") != nullptr;
    if (!on) return;
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - loaded_at).count();
    std::fprintf(stderr, "kosim: %7.1f ms  %s\n", ms, stage);
}

std::string glfw_error_text;
void on_glfw_error(int, const char* description) { glfw_error_text = description ? description : "unknown error"; }

std::string dropped_path;   // the last file dropped on the window, opened by the loop
void on_drop(GLFWwindow*, int count, const char** paths) {
    if (count > 0 && paths[0]) dropped_path = paths[0];
}

struct GlfwScope {
    bool ok = false;
    GlfwScope() {
        glfwSetErrorCallback(on_glfw_error);
        ok = glfwInit() == GLFW_TRUE;
    }
    ~GlfwScope() {
        if (ok) glfwTerminate();
        startup_mark("glfwTerminate");
    }
};

GLFWwindow* create_window(int width, int height, bool visible, const char* title) {
    glfwDefaultWindowHints();
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
    GLFWwindow* window = glfwCreateWindow(width, height, title, nullptr, nullptr);
    if (!window) return nullptr;
    glfwMakeContextCurrent(window);
    if (!gladLoadGL(glfwGetProcAddress)) {
        glfw_error_text = "cannot load OpenGL 3.3 core functions";
        glfwDestroyWindow(window);
        return nullptr;
    }
    return window;
}

// ImGui context + backends for one window; fonts and theme applied lazily by prepare_frame.
struct ImGuiScope {
    ImGuiScope(GLFWwindow* window, bool install_callbacks) {
        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;
        ImGui_ImplGlfw_InitForOpenGL(window, install_callbacks);
        ImGui_ImplOpenGL3_Init("#version 330 core");
    }
    ~ImGuiScope() {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
};

void clear(const App& app, int width, int height) {
    const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(app.palette.background);
    glViewport(0, 0, width, height);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
}

}  // namespace

bool display_available(std::string* why) { return platform::display_available(why); }

namespace {

void explain_no_window(const std::string& why) {
    std::cerr << "kosim: cannot open the window (" << why << ").\n"
              << "  Use `kosim run SCENARIO` to step through a scenario in the terminal,\n"
              << "  or `xvfb-run -a kosim screenshot SCENARIO --step N --out view.png` for a picture.\n";
}

}  // namespace

int run_gui(const GuiOptions& options) {
    std::string why;
    if (!display_available(&why)) {
        explain_no_window(why);
        return 2;
    }
    startup_mark("run_gui");
    GlfwScope glfw;  // the one connection to the display for the whole run
    startup_mark("glfwInit");
    if (!glfw.ok) {
        explain_no_window("no display: " + glfw_error_text);
        return 2;
    }
    GLFWwindow* window = create_window(1280, 720, true, "kosim - Windows kernel objects");
    if (!window) {
        std::cerr << "kosim: cannot create an OpenGL 3.3 window: " << glfw_error_text << "\n";
        return 2;
    }
    startup_mark("window and OpenGL context");
    glfwSwapInterval(1);
    glfwSetDropCallback(window, on_drop);
    int exit_code = 0;
    {
        ImGuiScope imgui(window, true);
        Settings settings;
        set_settings_target(&settings);
        register_settings_handler();
        static std::string ini_path;
        if (const std::filesystem::path folder = platform::settings_folder(); !folder.empty()) {
            ini_path = platform::utf8_of(folder / "imgui.ini");   // ImGui opens UTF-8 names
            ImGui::GetIO().IniFilename = ini_path.c_str();
            ImGui::LoadIniSettingsFromDisk(ini_path.c_str());
        }
        if (options.language) settings.language = *options.language;
        if (options.theme) settings.theme = *options.theme;

        App app(settings);
        app.session.set_timeline_options(options.timeline);
        set_settings_target(&app.settings);
        startup_mark("ImGui and settings");
        const FontPaths fonts = find_fonts();
        startup_mark("find_fonts");
        app.open(options.scenario.empty() ? std::string(default_scenario_name) : options.scenario);
        startup_mark("scenario opened and run");

        FileWatch watch;
        std::string watched = app.session.watched_path();
        watch.watch(watched);
        bool fullscreen = false;
        int windowed[4] = {100, 100, 1280, 720};
        double last = glfwGetTime();
        std::size_t frames_drawn = 0;
        while (!glfwWindowShouldClose(window) && !app.quit_requested && (options.frames == 0 || frames_drawn < options.frames)) {
            if (app.session.playing()) glfwPollEvents();
            else glfwWaitEventsTimeout(0.1);   // idle: wake for the file watcher
            if (glfwWindowShouldClose(window) && app.session.modified()) {
                // Unsaved edits: ask first (the session closes once they are saved or discarded).
                glfwSetWindowShouldClose(window, GLFW_FALSE);
                Intent quit;
                quit.kind = Intent::Kind::Quit;
                app.apply(quit);
            }
            const double now = glfwGetTime();
            app.session.tick(now - last);
            last = now;
            if (!dropped_path.empty()) {
                Intent open;
                open.kind = Intent::Kind::Open;
                open.path = std::exchange(dropped_path, {});
                app.apply(open);
            }
            if (app.session.watched_path() != watched) watch.watch(watched = app.session.watched_path());
            if (watch.poll(now)) {
                Intent reload;
                reload.kind = Intent::Kind::Reload;
                app.apply(reload);
                if (!app.session.unsaved_question())   // else the file changed under unsaved edits: kosim asks
                    app.status = tr(app.session.language(), app.session.valid() ? N_("Reloaded") : N_("Reloaded: the file has errors"));
            }
            if (frames_drawn == 0) startup_mark("events");
            prepare_frame(app, fonts);
            if (frames_drawn == 0) startup_mark("font atlas");
            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplGlfw_NewFrame();
            ImGui::NewFrame();
            app.build_frame();
            ImGui::Render();
            if (frames_drawn == 0) startup_mark("frame built (layout plan, view models, panels)");
            int width = 0, height = 0;
            glfwGetFramebufferSize(window, &width, &height);
            clear(app, width, height);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            if (app.screenshot_requested) {
                app.screenshot_requested = false;
                const std::string name = app.default_screenshot_name();
                const std::string error = write_framebuffer_png(name, width, height, false);
                app.status = error.empty() ? fmt(tr(app.session.language(), "Saved {0}"), {platform::utf8_of(std::filesystem::absolute(platform::path_from_utf8(name)))}) : error;
            }
            glfwSwapBuffers(window);
            if (frames_drawn == 0) startup_mark("first frame drawn and swapped");
            ++frames_drawn;
            if (app.fullscreen_toggle_requested) {
                app.fullscreen_toggle_requested = false;
                if (!fullscreen) {
                    glfwGetWindowPos(window, &windowed[0], &windowed[1]);
                    glfwGetWindowSize(window, &windowed[2], &windowed[3]);
                    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
                    if (const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr)
                        glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
                } else {
                    glfwSetWindowMonitor(window, nullptr, windowed[0], windowed[1], windowed[2], windowed[3], 0);
                }
                fullscreen = !fullscreen;
            }
        }
        if (ImGui::GetIO().IniFilename) ImGui::SaveIniSettingsToDisk(ImGui::GetIO().IniFilename);
        startup_mark("settings saved");
        // DestroyContext would save again, after settings_target is gone, and drop our section.
        ImGui::GetIO().IniFilename = nullptr;
        set_settings_target(nullptr);
    }
    glfwDestroyWindow(window);
    startup_mark("window destroyed");
    return exit_code;
}

int run_screenshot(const ScreenshotOptions& options) {
    if (options.width < 320 || options.height < 240 || options.width > 8192 || options.height > 8192) {
        std::cerr << "kosim screenshot: --size must be between 320x240 and 8192x8192\n";
        return 1;
    }
    Settings settings;
    settings.language = options.language;
    settings.theme = options.theme;
    settings.predict = options.predict;
    settings.font_scale = options.font_scale;
    settings.large_diagram_text = options.large_diagram_text;
    App app(settings);
    app.session.set_timeline_options(options.timeline);
    app.interactive = false;
    app.show_environment(options.environment);
    int exit_code = 0;
    if (!app.open(options.scenario)) {
        std::cerr << "kosim screenshot: '" << options.scenario << "' has errors; the picture shows them\n";
        if (!app.session.load_error().empty()) std::cerr << "  " << app.session.load_error() << "\n";
        for (const auto& d : app.session.scenario().parsed.diagnostics)
            std::cerr << format_diagnostic(d, app.session.scenario().source, app.session.scenario().file_name) << "\n";
        exit_code = 1;
    } else if (options.step > app.session.step_count()) {
        std::cerr << "kosim screenshot: step " << options.step << " is past the end ('" << options.scenario << "' has "
                  << app.session.step_count() << " steps)\n";
        return 1;
    } else {
        Intent seek;
        seek.kind = Intent::Kind::Seek;
        seek.step = options.step;
        app.apply(seek);
        if (options.predict) {
            Intent ask;
            ask.kind = Intent::Kind::Forward;
            app.apply(ask);
        } else {
            app.select_first_change();
        }
    }
    if (options.edit || !options.edited.empty()) {
        Intent edit;
        edit.kind = Intent::Kind::SetEditing;
        edit.flag = true;
        app.apply(edit);
        if (!options.edited.empty()) {
            // As if typed: the run of SCENARIO stays on screen when the text has errors.
            const LoadedScenario typed = load_scenario(options.edited);
            if (!typed.error.empty()) {
                std::cerr << "kosim screenshot: " << typed.error << "\n";
                return 1;
            }
            edit.kind = Intent::Kind::EditText;
            edit.text = typed.source;
            app.apply(edit);
            app.session.flush_edit();
        }
        if (!app.session.editing()) {
            std::cerr << "kosim screenshot: '" << options.scenario << "' cannot be edited (it could not be read)\n";
            return 1;
        }
    }

    std::string why;
    if (!display_available(&why)) {
        std::cerr << "kosim screenshot: " << why << "; run it under xvfb-run -a\n";
        return 2;
    }
    GlfwScope glfw;
    GLFWwindow* window = glfw.ok ? create_window(options.width, options.height, false, "kosim screenshot") : nullptr;
    if (!window) {
        std::cerr << "kosim screenshot: cannot create an OpenGL 3.3 context: " << glfw_error_text << "\n";
        return 2;
    }
    std::string error;
    {
        ImGuiScope imgui(window, false);
        // Render into a framebuffer object of exactly the requested size, whatever the screen's.
        GLuint fbo = 0, colour = 0;
        glGenFramebuffers(1, &fbo);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glGenRenderbuffers(1, &colour);
        glBindRenderbuffer(GL_RENDERBUFFER, colour);
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, options.width, options.height);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour);
        if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) error = "cannot create an off-screen framebuffer";
        const FontPaths fonts = find_fonts();
        // A few frames: ImGui sizes tables and scrolls to the current line one frame after layout.
        for (int frame = 0; frame < 4 && error.empty(); ++frame) {
            prepare_frame(app, fonts);
            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplGlfw_NewFrame();
            ImGuiIO& io = ImGui::GetIO();
            io.DisplaySize = ImVec2(static_cast<float>(options.width), static_cast<float>(options.height));
            io.DisplayFramebufferScale = ImVec2(1, 1);
            io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
            io.DeltaTime = 1.0f / 60.0f;
            ImGui::NewFrame();
            app.build_frame();
            ImGui::Render();
            glBindFramebuffer(GL_FRAMEBUFFER, fbo);
            clear(app, options.width, options.height);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        }
        glFinish();
        if (error.empty()) error = write_framebuffer_png(options.out, options.width, options.height, true);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        glDeleteRenderbuffers(1, &colour);
        glDeleteFramebuffers(1, &fbo);
    }
    glfwDestroyWindow(window);
    if (!error.empty()) {
        std::cerr << "kosim screenshot: " << error << "\n";
        return 1;
    }
    return exit_code;
}

}  // namespace kosim::ui
