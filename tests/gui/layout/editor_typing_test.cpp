// The editor panel driven the way a user drives it, without a display: whole frames of the app
// (NewFrame to Render, no GPU), a click into the text, keys and characters through ImGui's input.
// What is typed must reach the session as an edit, run after the pause, and keep the step.
#include <doctest/doctest.h>

#include <GLFW/glfw3.h>   // the key codes app.cpp reads
#include <imgui.h>

#include "app/app.h"
#include "app/fonts.h"

namespace {

using namespace kosim::ui;

struct HeadlessApp {
    App app;
    HeadlessApp() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
        io.DisplaySize = ImVec2(1280, 720);
        io.DeltaTime = 1.0f / 60.0f;
        io.KeyMap[ImGuiKey_End] = GLFW_KEY_END;   // as ImGui's GLFW backend maps them
        io.KeyMap[ImGuiKey_Enter] = GLFW_KEY_ENTER;
        app.fonts = load_fonts(find_fonts(), app.font_pixel_size());
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);   // built, never uploaded
        app.palette = apply_theme(app.settings.theme, 1.0f);
    }
    ~HeadlessApp() { ImGui::DestroyContext(); }
    void frame() {
        ImGui::NewFrame();
        app.build_frame();
        ImGui::Render();
    }
    void key(int glfw_key, bool ctrl = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = ctrl;
        io.KeysDown[glfw_key] = true;
        frame();
        io.KeysDown[glfw_key] = false;
        io.KeyCtrl = false;
        frame();
    }
};

}  // namespace

TEST_CASE("typing in the editor panel edits the scenario, runs it after the pause and keeps the step") {
    HeadlessApp h;
    App& app = h.app;
    REQUIRE(app.session.open("02-creation-vs-inheritance"));
    Intent seek;
    seek.kind = Intent::Kind::Seek;
    seek.step = 4;
    app.apply(seek);
    const std::size_t steps = app.session.step_count();
    h.key(GLFW_KEY_E, true);   // Ctrl+E: the editor
    REQUIRE(app.session.editing());
    h.frame();

    // Click into the text (the source column, below its toolbar), then go to the end and type a statement.
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(200, 450);
    io.MouseDown[0] = true;
    h.frame();
    io.MouseDown[0] = false;
    h.frame();
    REQUIRE(io.WantTextInput);
    h.key(GLFW_KEY_END, true);   // Ctrl+End: the end of the text
    for (const char c : std::string("MailSender: CloseHandle(hFile)")) io.AddInputCharacter(static_cast<unsigned char>(c));
    h.frame();
    h.key(GLFW_KEY_ENTER);
    CHECK(app.session.edit_pending());
    CHECK(app.session.modified());
    CHECK(app.session.text().ends_with("MailSender: CloseHandle(hFile)\n"));
    CHECK(app.session.step_count() == steps);   // not run yet: typing has not paused

    app.session.tick(Session::edit_delay);
    h.frame();
    CHECK_FALSE(app.session.edit_pending());
    CHECK_FALSE(app.session.run_is_stale());
    CHECK(app.session.step_count() == steps + 1);
    CHECK(app.session.position() == 4);
    // Arrow keys type, they do not step, while the text has the keyboard.
    app.interactive = true;
    h.key(GLFW_KEY_RIGHT);
    CHECK(app.session.position() == 4);
    // Ctrl+S on a built-in asks for a file (Save as), and writes nothing.
    h.key(GLFW_KEY_S, true);
    CHECK(app.session.save_status().outcome == SaveStatus::Outcome::NeedsPath);
    CHECK(app.session.modified());
}
