// The frame: view models refreshed when the session changed, the layout (one full-viewport
// window: Debian's ImGui 1.86 has no docking), the panels, and the intents they returned.
#include "app/app.h"

#include <filesystem>

#include <GLFW/glfw3.h>   // key codes only (io.KeysDown is indexed by GLFW key in 1.86's backend)
#include <imgui.h>

namespace kosim::ui {

App::App(Settings s) : settings(s) {
    Intent i;
    i.kind = Intent::Kind::SetLanguage;
    i.language = s.language;
    session.apply(i);
    i.kind = Intent::Kind::SetPredictMode;
    i.flag = s.predict;
    session.apply(i);
    i.kind = Intent::Kind::SetSpeed;
    i.speed = s.speed;
    session.apply(i);
}

std::string App::default_screenshot_name() const {
    std::string stem = session.name();
    if (stem.starts_with("builtin:")) stem = stem.substr(8);
    stem = std::filesystem::path(stem).stem().string();
    if (stem.empty()) stem = "scenario";
    return "kosim-" + stem + "-step" + std::to_string(session.position()) + ".png";
}

void App::select_first_change() {
    const Snapshot* snap = session.snapshot();
    if (!snap || !snap->record) return;
    for (const auto& c : snap->record->changes) {
        if (c.object == 0 || !snap->state.world.object(c.object)) continue;
        if (c.kind == model::Change::Kind::CountsChanged || c.kind == model::Change::Kind::EntryAdded ||
            c.kind == model::Change::Kind::ObjectCreated || c.kind == model::Change::Kind::EntryRemoved) {
            Intent i;
            i.kind = Intent::Kind::Select;
            i.selection = Selection::object_node(c.object);
            session.apply(i);
            return;
        }
    }
}

void App::apply(const Intent& intent) {
    session.apply(intent);
    settings.language = session.language();
    settings.predict = session.predict_mode();
    settings.speed = session.speed();
}

void App::refresh_view_models() {
    if (cached_generation_ == session.generation() && cached_language_ == session.language()) return;
    cached_generation_ = session.generation();
    cached_language_ = session.language();
    const Snapshot* snap = session.snapshot();
    const Timeline* timeline = session.timeline();
    const auto& scenario = session.scenario();
    source_view_ = build_source_view(scenario.source, scenario.file_name, scenario.parsed.diagnostics, timeline,
                                     session.position());
    if (!snap || !timeline) {
        world_view_.reset();
        inspector_view_ = {};
        expectations_view_.reset();
        narration_.reset();
        return;
    }
    WorldViewOptions options;
    options.selection = session.selection();
    options.language = session.language();
    if (const auto& p = session.prediction(); p && !p->revealed) options.hidden_counts = hidden_objects(p->items);
    static const std::vector<model::Change> none;
    world_view_ = build_world_view(snap->state.world, snap->record ? std::span<const model::Change>(snap->record->changes)
                                                                    : std::span<const model::Change>(none),
                                   options);
    inspector_view_ = build_inspector(snap->state, session.selection(), session.language());
    expectations_view_ = build_expectations_view(*timeline, session.position(), session.language());
    narration_ = narrate_step(timeline->program(), session.position(), session.step_count(),
                              snap->record ? &*snap->record : nullptr, snap->state.world, session.language());
}

void App::handle_keys(std::vector<Intent>& intents) {
    ImGuiIO& io = ImGui::GetIO();
    auto pressed = [](int key, bool repeat = false) { return ImGui::IsKeyPressed(key, repeat); };
    auto intent = [&](Intent::Kind kind) { Intent i; i.kind = kind; intents.push_back(i); };
    if (io.KeyCtrl) {
        if (pressed(GLFW_KEY_EQUAL) || pressed(GLFW_KEY_KP_ADD)) settings.font_scale = std::min(settings.font_scale + 0.25f, 3.0f), font_rebuild_needed = true;
        if (pressed(GLFW_KEY_MINUS) || pressed(GLFW_KEY_KP_SUBTRACT)) settings.font_scale = std::max(settings.font_scale - 0.25f, 0.5f), font_rebuild_needed = true;
        if (pressed(GLFW_KEY_0) || pressed(GLFW_KEY_KP_0)) settings.font_scale = 1.0f, font_rebuild_needed = true;
        if (pressed(GLFW_KEY_O)) open_panel_.open_path_popup = true;
        if (pressed(GLFW_KEY_R)) intent(Intent::Kind::Reload);
        if (pressed(GLFW_KEY_Q)) quit_requested = true;
    }
    if (pressed(GLFW_KEY_F11)) fullscreen_toggle_requested = true;
    if (pressed(GLFW_KEY_F12)) screenshot_requested = true;
    if (pressed(GLFW_KEY_F5)) intent(Intent::Kind::Reload);
    if (io.WantTextInput || io.KeyCtrl) return;
    if (pressed(GLFW_KEY_LEFT, true)) intent(Intent::Kind::Back);
    if (pressed(GLFW_KEY_RIGHT, true)) intent(session.prediction() && !session.prediction()->revealed ? Intent::Kind::Reveal : Intent::Kind::Forward);
    if (pressed(GLFW_KEY_SPACE)) intent(Intent::Kind::TogglePlay);
    if (pressed(GLFW_KEY_HOME)) intent(Intent::Kind::First);
    if (pressed(GLFW_KEY_END)) intent(Intent::Kind::Last);
}

void App::draw_menu(FrameContext& ctx) {
    if (!ImGui::BeginMenuBar()) return;
    const Language l = session.language();
    open_panel_.draw_menu(ctx);
    if (ImGui::BeginMenu(tr(l, "Compare"))) {
        model_vs_real_panel_.draw_menu(ctx);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr(l, "View"))) {
        // Each language's name in itself, so anyone can find their way back.
        if (ImGui::MenuItem("English", nullptr, l == Language::English)) {
            Intent i; i.kind = Intent::Kind::SetLanguage; i.language = Language::English; ctx.intents.push_back(i);
        }
        if (ImGui::MenuItem("한국어 (Korean)", nullptr, l == Language::Korean)) {
            Intent i; i.kind = Intent::Kind::SetLanguage; i.language = Language::Korean; ctx.intents.push_back(i);
        }
        ImGui::Separator();
        for (Theme t : {Theme::Light, Theme::Dark, Theme::HighContrast}) {
            const char* names[] = {N_("Theme: light"), N_("Theme: dark"), N_("Theme: high contrast")};
            if (ImGui::MenuItem(tr(l, names[static_cast<int>(t)]), nullptr, settings.theme == t)) { settings.theme = t; theme_dirty = true; }
        }
        ImGui::Separator();
        if (ImGui::MenuItem(tr(l, "Larger text"), "Ctrl+=")) { settings.font_scale = std::min(settings.font_scale + 0.25f, 3.0f); font_rebuild_needed = true; }
        if (ImGui::MenuItem(tr(l, "Smaller text"), "Ctrl+-")) { settings.font_scale = std::max(settings.font_scale - 0.25f, 0.5f); font_rebuild_needed = true; }
        if (ImGui::MenuItem(tr(l, "Normal text"), "Ctrl+0")) { settings.font_scale = 1.0f; font_rebuild_needed = true; }
        if (ImGui::MenuItem(tr(l, "Full screen"), "F11")) fullscreen_toggle_requested = true;
        if (ImGui::MenuItem(tr(l, "Presenter preset"), nullptr)) {
            settings.font_scale = 1.5f; settings.theme = Theme::HighContrast; font_rebuild_needed = true; theme_dirty = true;
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr(l, "Classroom"))) {
        if (ImGui::MenuItem(tr(l, "Predict mode"), nullptr, session.predict_mode())) {
            Intent i; i.kind = Intent::Kind::SetPredictMode; i.flag = !session.predict_mode(); ctx.intents.push_back(i);
        }
        if (ImGui::MenuItem(tr(l, "Screenshot"), "F12")) screenshot_requested = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr(l, "Help"))) {
        ImGui::TextUnformatted(tr(l, "Left/Right: step   Space: play/pause   Home/End: first/last"));
        ImGui::TextUnformatted(tr(l, "Ctrl+= / Ctrl+- / Ctrl+0: text size   F11: full screen   F12: screenshot"));
        ImGui::TextUnformatted(tr(l, "F5 or Ctrl+R: reload   Ctrl+O: open a .kos file (or drop it on the window)"));
        ImGui::TextUnformatted(tr(l, "Click a source line to go to its step; click a row or object to inspect it."));
        ImGui::EndMenu();
    }
    // The scenario's title and the status on the right.
    std::string right = session.scenario().file_name;
    if (const Timeline* t = session.timeline()) {
        const auto& title = t->program().title;
        std::string_view shown = pick(session.language(), title.en, title.ko);
        if (!shown.empty()) right = std::string(shown) + "  (" + right + ")";
    }
    if (!status.empty()) right = status + "   |   " + right;
    const float width = ImGui::CalcTextSize(right.c_str()).x;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 20.0f, ImGui::GetWindowWidth() - width - 20.0f));
    ImGui::TextDisabled("%s", right.c_str());
    ImGui::EndMenuBar();
}

void App::build_frame() {
    refresh_view_models();
    std::vector<Intent> intents;
    if (interactive) handle_keys(intents);

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(6, 4));
    ImGui::Begin("kosim", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_MenuBar | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar();
    FrameContext ctx{session,
                     palette,
                     fonts.mono,
                     world_view_ ? &*world_view_ : nullptr,
                     &source_view_,
                     &inspector_view_,
                     expectations_view_ ? &*expectations_view_ : nullptr,
                     narration_ ? &*narration_ : nullptr,
                     intents};
    draw_menu(ctx);
    transport_panel_.draw(ctx);
    narration_panel_.draw(ctx);

    const float height = ImGui::GetContentRegionAvail().y;
    if (ImGui::BeginTable("layout", 3, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("##source", ImGuiTableColumnFlags_WidthStretch, 0.21f);
        ImGui::TableSetupColumn("##world", ImGuiTableColumnFlags_WidthStretch, 0.58f);
        ImGui::TableSetupColumn("##inspector", ImGuiTableColumnFlags_WidthStretch, 0.21f);
        ImGui::TableNextRow(ImGuiTableRowFlags_None, height);
        const float spacing = ImGui::GetStyle().ItemSpacing.y;

        ImGui::TableSetColumnIndex(0);
        const float source_height = session.valid() ? height * 0.66f : height - spacing;
        if (ImGui::BeginChild("source_panel", ImVec2(0, source_height), true)) source_panel_.draw(ctx);
        ImGui::EndChild();
        if (session.valid()) {
            if (ImGui::BeginChild("expectations_panel", ImVec2(0, height - source_height - spacing), true)) expectations_panel_.draw(ctx);
            ImGui::EndChild();
        }

        ImGui::TableSetColumnIndex(1);
        if (ImGui::BeginChild("world_panel", ImVec2(0, height - spacing), true, ImGuiWindowFlags_HorizontalScrollbar)) world_panel_.draw(ctx);
        ImGui::EndChild();

        ImGui::TableSetColumnIndex(2);
        float inspector_height = height - spacing;
        if (session.predict_mode()) {
            const float predict_height = height * 0.42f;
            if (ImGui::BeginChild("predict_panel", ImVec2(0, predict_height), true)) predict_panel_.draw(ctx);
            ImGui::EndChild();
            inspector_height -= predict_height + spacing;
        }
        if (ImGui::BeginChild("inspector_panel", ImVec2(0, inspector_height), true)) inspector_panel_.draw(ctx);
        ImGui::EndChild();
        ImGui::EndTable();
    }
    open_panel_.draw_popups(ctx);
    ImGui::End();
    model_vs_real_panel_.draw(ctx);

    for (const auto& intent : intents) apply(intent);
}

}  // namespace kosim::ui
