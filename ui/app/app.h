// The GUI application: the Session (state + intents), the panels, cached view models and the
// classroom settings. build_frame() is everything between ImGui::NewFrame and ImGui::Render and
// touches no OpenGL, so the benchmark times it without a GPU; window.cpp owns GLFW and OpenGL.
#pragma once

#include <optional>
#include <string>

#include "app/fonts.h"
#include "app/text_metrics.h"
#include "view_models/call_line.h"
#include "view_models/layout.h"
#include "panels/panels.h"
#include "view_models/session.h"

namespace kosim::ui {

// What persists between runs (in ImGui's ini file, section [Kosim][Settings]).
struct Settings {
    Language language = Language::English;
    Theme theme = Theme::Light;
    float font_scale = 1.0f;       // presenter mode: Ctrl+= / Ctrl+- / Ctrl+0
    bool predict = false;
    float speed = 1.0f;            // steps per second while playing
    SideColumn source_column = SideColumn::Automatic;   // View > Source and expectations
    SideColumn inspector_column = SideColumn::Automatic;   // View > Inspector
    // View > Large diagram text (pan), off by default (the whole world fits its panel, its text
    // smaller if need be); on, presenter text in the diagram stays at least the normal body size
    // and a world too big pans.
    bool large_diagram_text = false;
};

inline constexpr float base_font_pixels = 18.0f;   // at font_scale 1, legible at 1280x720

class App {
public:
    explicit App(Settings settings = {});

    Session session;
    Settings settings;
    Fonts fonts;
    Palette palette{};

    // Builds the whole UI for one frame and applies the intents it produced.
    void build_frame();
    void apply(const Intent& intent);

    // Requests the window layer acts on after the frame.
    std::string atlas_text;              // the scenario text whose Hangul the font atlas holds
    bool font_rebuild_needed = true;     // font_scale changed: rebuild the atlas before the next NewFrame
    bool theme_dirty = true;             // theme or scale changed: apply_theme before the next NewFrame
    bool screenshot_requested = false;
    bool fullscreen_toggle_requested = false;
    bool quit_requested = false;
    bool share_requested = false;        // Classroom > Share a link (the page builds it)
    bool can_share = false;              // set by the page: share links need a web address
    std::string status;                  // one line in the menu bar ("Saved kosim-03-step4.png")
    bool interactive = true;             // false for headless screenshots (no keys, no ini)

    float font_pixel_size() const { return base_font_pixels * settings.font_scale * display_scale; }
    float display_scale = 1.0f;          // the monitor's content scale (1 for screenshots: they look as the window does)
    bool fullscreen = false;             // as last requested (the window layer toggles on each request)
    void toggle_fullscreen() { fullscreen_toggle_requested = true; fullscreen = !fullscreen; }
    // "kosim-03-worked-example-step4.png"
    std::string default_screenshot_name() const;
    // Selects the object the current step changed first (screenshots show its holders).
    void select_first_change();
    // View > Environment and command line: on the process cards, or not (the default).
    void show_environment(bool on);
    // Opens a scenario (a built-in's name or a .kos path) or a recording (kosim record's .json):
    // the model runs the calls it recorded, and Model vs real shows the real ones beside them.
    bool open(const std::string& name_or_path);
    // Compares the open scenario's run with a native trace (kosim-native.exe --json) in Model vs real.
    void open_native_trace(const std::string& path);
    const std::optional<ModelVsRealView>& native_comparison() const { return model_vs_real_panel_.view; }

private:
    void refresh_view_models();
    void refresh_world_view();           // after refresh_layout: a huge world is built around the view
    void handle_keys(std::vector<Intent>& intents);
    void draw_menu(FrameContext& ctx);
    void refresh_layout(float width, float height);
    void draw_call_line(FrameContext& ctx);

    WorldPanel world_panel_;
    SourcePanel source_panel_;
    TransportPanel transport_panel_;
    NarrationPanel narration_panel_;
    InspectorPanel inspector_panel_;
    ExpectationsPanel expectations_panel_;
    OpenPanel open_panel_;
    PredictPanel predict_panel_;
    ModelVsRealPanel model_vs_real_panel_;

    std::uint64_t cached_generation_ = ~0ull;
    Language cached_language_ = Language::English;
    std::optional<WorldView> world_view_;
    bool world_view_stale_ = true;       // the session changed since world_view_ was built
    bool scoped_ = false;                // world_view_ holds only scoped_region_'s cards and nodes
    Rect scoped_region_, scoped_area_;   // the canvas region built, and the panel area it was for
    std::uint64_t scoped_geometry_ = 0;  // the geometry_serial_ it was built for
    bool scoped_fitted_ = false;         // built for the panel's fit (not a zoom and pan of its own)
    SourceViewCache source_view_;
    InspectorView inspector_view_;
    std::optional<ExpectationsView> expectations_view_;
    std::optional<StepNarration> narration_;
    CallLine call_line_;

    // The layout: the plan is made once per scenario, language, text size and number base.
    std::unique_ptr<ImGuiTextMetrics> metrics_;
    ImFont* metrics_font_ = nullptr;
    std::optional<WorldPlan> plan_;
    std::string plan_source_;
    const Timeline* plan_timeline_ = nullptr;
    Language plan_language_ = Language::English;
    NumberBase plan_base_ = NumberBase::Hex;
    WorldGeometry geometry_;
    std::uint64_t geometry_serial_ = 0;  // bumps whenever geometry_ is laid out again
    float geometry_w_ = -1, geometry_h_ = -1;
    // Whether the world shows readably with the side panels as they are (decided once per plan
    // and window size: laying the world out twice every frame costs a big world too much).
    bool wide_world_ = false, inspector_hidden_ = false;
    float wide_w_ = -1, wide_h_ = -1;
    DiagramZoom zoom_;
    bool wide_large_text_ = false;
    SideColumn wide_choice_ = SideColumn::Automatic, inspector_choice_ = SideColumn::Automatic;
    bool wide_predict_ = false;
    ScreenLayout screen_;
};

struct GuiOptions {
    std::string scenario;                     // "" = the last one, else the default built-in
    std::optional<Language> language;
    std::optional<Theme> theme;
    std::size_t frames = 0;                   // > 0: close after this many frames (tests, start-up timing)
    TimelineOptions timeline;                 // the runs' memory budget (--max-memory) and heap probe
};

struct ScreenshotOptions {
    std::string scenario;
    std::size_t step = 0;
    std::string out;
    int width = 1280, height = 720;
    Language language = Language::English;
    Theme theme = Theme::Light;
    bool predict = false;                     // show the prediction prompt for the next step
    bool environment = false;                 // View > Environment and command line
    float font_scale = 1.0f;                  // 1.5: the presenter preset's text size
    bool large_diagram_text = false;          // View > Large diagram text (pan): --large-diagram-text
    bool edit = false;                        // the source panel as the editor
    std::string edited;                       // a file whose text is typed into the editor over SCENARIO (implies edit)
    TimelineOptions timeline;                 // the runs' memory budget (--max-memory) and heap probe
};

// Whether a window can be opened; `why` explains when not.
bool display_available(std::string* why = nullptr);
// Opens the window; returns the process exit code (2 when there is no display).
int run_gui(const GuiOptions& options);
// Renders one view off-screen into a PNG; returns 0, 1 (bad input or write error) or 2 (no display).
int run_screenshot(const ScreenshotOptions& options);

}  // namespace kosim::ui
