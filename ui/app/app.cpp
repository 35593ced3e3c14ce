// The frame: view models refreshed when the session changed, the layout (one full-viewport
// window: Debian's ImGui 1.86 has no docking), the panels, and the intents they returned.
#include "app/app.h"
#include "app/platform.h"

#include "view_models/layout_report.h"
#include "view_models/world_scope.h"

#include <cfloat>
#include <cmath>
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
    if (session.quit_confirmed()) quit_requested = true;
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
    source_view_.refresh(session);
    if (!snap || !timeline) {
        world_view_.reset();
        inspector_view_ = {};
        expectations_view_.reset();
        narration_.reset();
        return;
    }
    world_view_stale_ = true;   // built after the layout, which says what is in view (refresh_world_view)
    inspector_view_ = build_inspector(snap->state, session.selection(), session.language());
    expectations_view_ = build_expectations_view(*timeline, session.position(), session.language());
    narration_ = narrate_step(timeline->program(), session.position(), session.step_count(),
                              snap->record ? &*snap->record : nullptr, snap->state.world, session.language());
    call_line_ = build_call_line(timeline->program(), session.position(), session.step_count(),
                                 snap->record ? &*snap->record : nullptr, session.language());
}

void App::refresh_world_view() {
    const Snapshot* snap = session.snapshot();
    const Timeline* timeline = session.timeline();
    if (!snap || !timeline) {
        world_view_.reset();
        return;
    }
    WorldViewOptions options;
    options.selection = session.selection();
    options.language = session.language();
    options.variables = &snap->state.variables;
    options.closed_variables = &snap->state.closed_variables;
    options.program = &timeline->program();
    options.record = snap->record ? &*snap->record : nullptr;
    options.environment = world_panel_.show_environment;
    if (const auto& p = session.prediction(); p && !p->revealed) options.hidden_counts = hidden_objects(p->items);
    static const std::vector<model::Change> none;
    const auto changes = snap->record ? std::span<const model::Change>(snap->record->changes) : std::span<const model::Change>(none);
    // A huge world is built only around what the panel shows (world_scope.h); a lecture's whole.
    if (!plan_ || geometry_.cards.size() + geometry_.nodes.size() <= scope_threshold) {
        if (world_view_stale_ || scoped_) world_view_ = build_world_view(snap->state.world, changes, options);
        world_view_stale_ = scoped_ = false;
        return;
    }
    // Where the panel's view starts this frame: the step's fit (which follows the step's focus:
    // the touched cards and nodes suffice for it), or the zoom and pan it was left at.
    const Rect area = world_area(screen_, ImGui::GetFontSize());
    const bool same_boxes = !world_view_stale_ && scoped_ && scoped_geometry_ == geometry_serial_ && area.x == scoped_area_.x &&
                            area.y == scoped_area_.y && area.w == scoped_area_.w && area.h == scoped_area_.h;
    ViewTransform t;
    if (world_panel_.fitted) {
        if (same_boxes && scoped_fitted_) return;   // nothing that moves the fit changed
        WorldViewOptions touched = options;
        const WorldScope focus = touched_scope(changes, options.program, options.record, snap->state.world);
        touched.scope = &focus;
        t = step_view(geometry_, area, zoom_.floor, build_world_view(snap->state.world, changes, touched));
    } else {
        t.zoom = world_panel_.zoom;
        t.x = area.x + world_panel_.pan_x;
        t.y = area.y + world_panel_.pan_y;
    }
    // A margin around it, so a pan or zoom this frame (the panel applies input as it draws) stays
    // within what was built; past it, the next frame builds the view again.
    if (same_boxes && scoped_region_.contains(canvas_region(t, area, 0))) return;
    scoped_region_ = canvas_region(t, area, 0.15f);
    scoped_area_ = area;
    scoped_geometry_ = geometry_serial_;
    scoped_fitted_ = world_panel_.fitted;
    const WorldScope scope = scope_of(*plan_, geometry_, scoped_region_, snap->state.world, changes, options.program, options.record);
    options.scope = &scope;
    world_view_ = build_world_view(snap->state.world, changes, options);
    world_view_stale_ = false;
    scoped_ = true;
}

void App::show_environment(bool on) {
    world_panel_.show_environment = on;
    cached_generation_ = ~decltype(cached_generation_){0};   // the world view carries them: rebuild it
}

bool App::open(const std::string& name_or_path) {
    std::string error;
    if (name_or_path.ends_with(".json")) {
        if (std::optional<compare::RecordedScenario> recorded = recorded_scenario(name_or_path, error, session.language())) {
            const std::string stem = platform::utf8_of(platform::path_from_utf8(name_or_path).stem());
            const bool ok = session.open_text(recorded->text, stem + ".kos");
            open_native_trace(name_or_path);   // the recording is also the real side of Model vs real
            return ok;
        } else if (session.valid()) {   // not a recording: a native trace of the open scenario
            open_native_trace(name_or_path);
            return model_vs_real_panel_.view->ok();
        }
    }
    return session.open(name_or_path);
}

void App::open_native_trace(const std::string& path) {
    model_vs_real_panel_.view = compare_with_native_trace(session.scenario().parsed.program, path, session.language());
    model_vs_real_panel_.visible = true;
}

void App::refresh_layout(float width, float height) {
    if (!metrics_ || metrics_font_ != fonts.ui) {
        metrics_ = std::make_unique<ImGuiTextMetrics>(fonts.ui);
        metrics_font_ = fonts.ui;
        plan_.reset();
    }
    const float font = ImGui::GetFontSize();
    ScreenInputs in;
    in.width = width;
    in.height = height;
    in.font = font;
    in.title = header_title(session);
    if (!status.empty()) in.title = status + "   |   " + in.title;
    in.call = call_line_.call;
    in.result = call_line_.result;
    in.predict = session.predict_mode();
    in.valid = session.valid();
    in.editing = session.editing();
    in.source_column = settings.source_column;
    in.inspector_column = settings.inspector_column;
    if (fonts.mono) in.mono_advance = fonts.mono->CalcTextSizeA(font, FLT_MAX, 0, "0").x;
    screen_ = layout_screen(in, *metrics_);
    // Presenter text: the diagram's text not drawn below the normal body size unless View > Large
    // diagram text is off, when the whole world fits however small (layout.h).
    zoom_ = diagram_zoom(font, base_font_pixels * display_scale, settings.large_diagram_text);

    const Timeline* timeline = session.timeline();
    if (!timeline) {
        plan_.reset();
        return;
    }
    if (!plan_ || plan_timeline_ != timeline || plan_source_ != timeline->program().source || plan_language_ != session.language() ||
        plan_base_ != world_panel_.base || plan_->font != font || plan_->environment != world_panel_.show_environment) {
        plan_ = plan_session(session, font, world_panel_.base, *metrics_, world_panel_.show_environment);
        plan_timeline_ = timeline;
        plan_source_ = timeline->program().source;
        plan_language_ = session.language();
        plan_base_ = world_panel_.base;
        geometry_w_ = -1;
        wide_w_ = -1;
    }
    // As layout_view decides it (layout_step, the tests), with the decision kept between frames.
    if (const Rect normal = world_area(screen_, font); wide_w_ != normal.w || wide_h_ != normal.h || wide_choice_ != in.source_column ||
                                                        inspector_choice_ != in.inspector_column || wide_predict_ != in.predict ||
                                                        wide_large_text_ != settings.large_diagram_text) {
        wide_world_ = wants_wide_world(in, *plan_, zoom_, *metrics_);
        in.wide_world = wide_world_;
        inspector_hidden_ = wants_inspector_hidden(in, *plan_, zoom_, *metrics_);
        wide_large_text_ = settings.large_diagram_text;
        wide_w_ = normal.w;
        wide_h_ = normal.h;
        wide_choice_ = in.source_column;
        inspector_choice_ = in.inspector_column;
        wide_predict_ = in.predict;
    }
    if (wide_world_ || inspector_hidden_) {
        in.wide_world = wide_world_;
        in.inspector_hidden = inspector_hidden_;
        screen_ = layout_screen(in, *metrics_);
    }
    const Rect area = world_area(screen_, font);
    if (geometry_w_ != area.w || geometry_h_ != area.h) {
        geometry_ = layout_world(*plan_, area.w, area.h);
        ++geometry_serial_;
        geometry_w_ = area.w;
        geometry_h_ = area.h;
    }
}

void App::draw_call_line(FrameContext& ctx) {
    const Rect& r = screen_.call;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float big = screen_.big_font;
    const float line = std::round(big * 1.25f);
    const float pad = Metrics{ImGui::GetFontSize()}.pad();
    dl->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), ctx.palette.card_title, 3);
    for (std::size_t i = 0; i < screen_.call_lines.size(); ++i) {
        const bool result_line = i == 1;
        const ImU32 ink = result_line && call_line_.failed ? ctx.palette.error : ctx.palette.text;
        dl->AddText(ImGui::GetFont(), big, ImVec2(r.x + pad, r.y + pad + line * static_cast<float>(i) + (line - big) / 2), ink,
                    screen_.call_lines[i].c_str());
    }
}

void App::handle_keys(std::vector<Intent>& intents) {
    ImGuiIO& io = ImGui::GetIO();
    auto pressed = [](int key, bool repeat = false) { return ImGui::IsKeyPressed(key, repeat); };
    auto intent = [&](Intent::Kind kind) { Intent i; i.kind = kind; intents.push_back(i); };
    if (io.KeyCtrl) {
        if (pressed(GLFW_KEY_EQUAL) || pressed(GLFW_KEY_KP_ADD)) settings.font_scale = std::min(settings.font_scale + 0.25f, 3.0f), font_rebuild_needed = true;
        if (pressed(GLFW_KEY_MINUS) || pressed(GLFW_KEY_KP_SUBTRACT)) settings.font_scale = std::max(settings.font_scale - 0.25f, 0.5f), font_rebuild_needed = true;
        if (pressed(GLFW_KEY_0) || pressed(GLFW_KEY_KP_0)) settings.font_scale = 1.0f, font_rebuild_needed = true;
        if (pressed(GLFW_KEY_L)) world_panel_.reset_view();
        if (pressed(GLFW_KEY_O) && !platform::pick_file(platform::FilePurpose::Open)) open_panel_.open_path_popup = true;
        if (pressed(GLFW_KEY_R)) intent(Intent::Kind::Reload);
        if (pressed(GLFW_KEY_Q)) intent(Intent::Kind::Quit);
        if (pressed(GLFW_KEY_S)) intent(Intent::Kind::Save);
        if (pressed(GLFW_KEY_E)) { Intent i; i.kind = Intent::Kind::SetEditing; i.flag = !session.editing(); intents.push_back(i); }
    }
    if (pressed(GLFW_KEY_F11)) toggle_fullscreen();
    if (pressed(GLFW_KEY_F12)) screenshot_requested = true;
    if (pressed(GLFW_KEY_F5)) intent(Intent::Kind::Reload);
    if (io.WantTextInput || io.KeyCtrl) return;
    // The world's zoom and pan: = and - zoom, 0 fits, Shift+arrows pan.
    if (pressed(GLFW_KEY_EQUAL, true) || pressed(GLFW_KEY_KP_ADD, true)) world_panel_.zoom_by(1.2f, zoom_.floor);
    if (pressed(GLFW_KEY_MINUS, true) || pressed(GLFW_KEY_KP_SUBTRACT, true)) world_panel_.zoom_by(1 / 1.2f, zoom_.floor);
    if (pressed(GLFW_KEY_0) || pressed(GLFW_KEY_KP_0)) world_panel_.reset_view();
    if (io.KeyShift) {
        const float step = ImGui::GetFontSize() * 3;
        if (pressed(GLFW_KEY_LEFT, true)) world_panel_.pan_by(step, 0);
        if (pressed(GLFW_KEY_RIGHT, true)) world_panel_.pan_by(-step, 0);
        if (pressed(GLFW_KEY_UP, true)) world_panel_.pan_by(0, step);
        if (pressed(GLFW_KEY_DOWN, true)) world_panel_.pan_by(0, -step);
        return;
    }
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
        if (ImGui::MenuItem(tr(l, "Full screen"), "F11", fullscreen)) toggle_fullscreen();
        if (ImGui::MenuItem(tr(l, "Presenter preset"), nullptr)) {
            settings.font_scale = 1.5f; settings.theme = Theme::HighContrast; font_rebuild_needed = true; theme_dirty = true;
            if (!fullscreen) toggle_fullscreen();
            world_panel_.reset_view();
        }
        if (ImGui::MenuItem(tr(l, "Zoom to fit"), "0")) world_panel_.reset_view();
        // The column presenter text hides for the world's sake comes back here too, not only with
        // Ctrl+- (normal text); the editor always shows it.
        const bool source_shown = screen_.source.w > 0;
        if (ImGui::MenuItem(tr(l, "Source and expectations"), nullptr, source_shown, !session.editing()))
            settings.source_column = source_shown ? SideColumn::Hidden : SideColumn::Shown;
        // The inspector, which presenter text at 1280x720 hides after the source column when the
        // world still does not fit; predict mode shares its column and keeps it.
        const bool inspector_shown = screen_.inspector.w > 0;
        if (ImGui::MenuItem(tr(l, "Inspector"), nullptr, inspector_shown, !session.editing() && !session.predict_mode()))
            settings.inspector_column = inspector_shown ? SideColumn::Hidden : SideColumn::Shown;
        // TRANSLATORS: View menu: the side columns back to automatic and the world zoomed to fit.
        if (ImGui::MenuItem(tr(l, "Reset layout"))) {
            settings.source_column = SideColumn::Automatic;
            settings.inspector_column = SideColumn::Automatic;
            settings.large_diagram_text = false;
            world_panel_.reset_view();
        }
        // TRANSLATORS: View menu, off by default (the whole world fits, smaller). On: the diagram's text
        // kept at least the normal size; a world too big for the panel then pans (drag, arrow keys).
        if (ImGui::MenuItem(tr(l, "Large diagram text (pan)"), nullptr, settings.large_diagram_text)) {
            settings.large_diagram_text = !settings.large_diagram_text;
            world_panel_.reset_view();
        }
        if (ImGui::MenuItem(tr(l, "Environment and command line"), nullptr, world_panel_.show_environment)) {
            show_environment(!world_panel_.show_environment);
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr(l, "Classroom"))) {
        if (ImGui::MenuItem(tr(l, "Predict mode"), nullptr, session.predict_mode())) {
            Intent i; i.kind = Intent::Kind::SetPredictMode; i.flag = !session.predict_mode(); ctx.intents.push_back(i);
        }
        if (ImGui::MenuItem(tr(l, "Screenshot"), "F12")) screenshot_requested = true;
        // TRANSLATORS: Classroom menu (web page): a link that carries the scenario's text, for students.
        if (can_share && ImGui::MenuItem(tr(l, "Share a link to this scenario..."), nullptr, false, session.can_edit())) share_requested = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr(l, "Help"))) {
        ImGui::TextUnformatted(tr(l, "Left/Right: step   Space: play/pause   Home/End: first/last"));
        ImGui::TextUnformatted(tr(l, "Ctrl+= / Ctrl+- / Ctrl+0: text size   F11: full screen   F12: screenshot"));
        ImGui::TextUnformatted(tr(l, "F5 or Ctrl+R: reload   Ctrl+O: open a .kos file (or drop it on the window)"));
        ImGui::TextUnformatted(tr(l, "Click a source line to go to its step; click a row or object to inspect it."));
        ImGui::TextUnformatted(tr(l, "Ctrl+E: edit the scenario (it runs again as you type)   Ctrl+S: save"));
        ImGui::EndMenu();
    }
    ImGui::EndMenuBar();
}

void App::build_frame() {
    refresh_view_models();
    std::vector<Intent> intents;
    if (interactive) handle_keys(intents);

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("kosim", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_MenuBar | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar();
    // Every panel at the rectangle the layout gives it: the same code lays out the window, the
    // headless screenshot and `kosim layout`.
    refresh_layout(viewport->WorkSize.x, viewport->WorkSize.y);
    refresh_world_view();
    FrameContext ctx{session,
                     palette,
                     fonts.mono,
                     world_view_ ? &*world_view_ : nullptr,
                     &source_view_.view(),
                     &inspector_view_,
                     expectations_view_ ? &*expectations_view_ : nullptr,
                     narration_ ? &*narration_ : nullptr,
                     intents,
                     &screen_,
                     plan_ ? &geometry_ : nullptr,
                     metrics_.get(),
                     zoom_.floor};
    draw_menu(ctx);
    const ImVec2 origin = viewport->WorkPos;
    auto place = [&](const Rect& r) { ImGui::SetCursorScreenPos(ImVec2(origin.x + r.x, origin.y + r.y)); };
    auto size = [](const Rect& r) { return ImVec2(std::max(r.w, 1.0f), std::max(r.h, 1.0f)); };
    {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float line = std::round(ImGui::GetFontSize() * 1.25f);
        for (std::size_t i = 0; i < screen_.header_lines.size(); ++i)
            dl->AddText(ImVec2(origin.x + screen_.header.x, origin.y + screen_.header.y + line * static_cast<float>(i)), palette.text_dim,
                        screen_.header_lines[i].c_str());
    }
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    place(screen_.transport);
    if (ImGui::BeginChild("transport", size(screen_.transport), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse))
        transport_panel_.draw(ctx);
    ImGui::EndChild();
    place(screen_.narration);
    if (ImGui::BeginChild("narration_slot", size(screen_.narration), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse))
        narration_panel_.draw(ctx);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    draw_call_line(ctx);

    if (screen_.source.w > 0) {   // hidden when the world needs the room (wide_world)
        place(screen_.source);
        if (ImGui::BeginChild("source_panel", size(screen_.source), true)) source_panel_.draw(ctx);
        ImGui::EndChild();
    }
    if (session.valid() && screen_.expectations.h > 0) {
        place(screen_.expectations);
        if (ImGui::BeginChild("expectations_panel", size(screen_.expectations), true)) expectations_panel_.draw(ctx);
        ImGui::EndChild();
    }
    place(screen_.world);
    if (ImGui::BeginChild("world_panel", size(screen_.world), true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse))
        world_panel_.draw(ctx);
    ImGui::EndChild();
    if (session.predict_mode() && screen_.predict.w > 0) {
        place(screen_.predict);
        if (ImGui::BeginChild("predict_panel", size(screen_.predict), true)) predict_panel_.draw(ctx);
        ImGui::EndChild();
    }
    if (screen_.inspector.w > 0) {   // 0 while the editor takes its room
        place(screen_.inspector);
        if (ImGui::BeginChild("inspector_panel", size(screen_.inspector), true)) inspector_panel_.draw(ctx);
        ImGui::EndChild();
    }
    open_panel_.draw_popups(ctx);
    ImGui::End();
    model_vs_real_panel_.draw(ctx);

    for (const auto& intent : intents) apply(intent);
}

}  // namespace kosim::ui
