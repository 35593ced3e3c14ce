// The panels: small structs holding only UI state that borrow the data each frame, draw it, and
// push the user's actions as Intents for the app to apply (Dear ImGui's example apps; Tracy's
// one file per view). One .cpp per panel.
#pragma once

#include <future>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "view_models/expectations_view_model.h"
#include "view_models/inspector_view_model.h"
#include "view_models/layout.h"
#include "view_models/model_vs_real.h"
#include "view_models/narration.h"
#include "view_models/session.h"
#include "view_models/source_view_model.h"
#include "view_models/world_view_model.h"

namespace kosim::ui {

// Colours of one theme. What a step did is one of the Okabe-Ito colours (told apart by colour-blind
// readers); the selection is a shape (dashed outline, marker), never one of those colours.
struct Palette {
    ImU32 text, text_dim, background, card, card_title, node, border, arrow, link, names;
    ImU32 new_item, closed, count_up, count_down, changed, predict, on_colour, current_line, next_line, error, warning, passed;
    float line_thickness = 1.5f;
};
enum class Theme : std::uint8_t { Light, Dark, HighContrast };
std::string_view theme_name(Theme theme);              // "light", "dark", "high-contrast"
bool parse_theme(std::string_view text, Theme& theme);
// Sets ImGui's style for the theme at the given scale and returns the palette.
Palette apply_theme(Theme theme, float scale);
ImU32 highlight_colour(const Palette& palette, Highlight highlight);

// What every panel borrows for one frame.
struct FrameContext {
    const Session& session;
    const Palette& palette;
    ImFont* mono = nullptr;                 // the source and diagnostics font (monospace, with Hangul)
    const WorldView* world = nullptr;       // null when the scenario is invalid
    const SourceView* source = nullptr;
    const InspectorView* inspector = nullptr;
    const ExpectationsView* expectations = nullptr;
    const StepNarration* narration = nullptr;
    std::vector<Intent>& intents;
    const ScreenLayout* screen = nullptr;   // where every panel goes
    const WorldGeometry* geometry = nullptr;
    const TextMetrics* metrics = nullptr;
    float world_floor = min_zoom;           // the fit's floor (DiagramZoom::floor: View > Large diagram text)
};

// The world at the layout's places, fit to the panel until the user zooms or pans.
struct WorldPanel {
    bool fitted = true;
    float zoom = 1, pan_x = 0, pan_y = 0;   // when not fitted
    NumberBase base = NumberBase::Hex;      // handle values and object ids
    bool show_environment = false;          // View > Environment and command line (off by default)
    void zoom_by(float factor, float floor);   // floor: FrameContext::world_floor
    void pan_by(float dx, float dy);
    void reset_view();
    void draw(FrameContext& ctx);
};

// The scenario's text: read-only with the run's marks, or (Edit) the editor, where every change
// goes to the session as Intent::EditText and diagnostics are drawn at their lines.
struct SourcePanel {
    std::size_t last_position = ~std::size_t{0};
    std::uint64_t last_generation = ~0ull;
    // The editor's UI state (ui/panels/editor_panel.cpp): ImGui edits `buffer` in place.
    std::string buffer;
    std::uint64_t buffer_revision = ~0ull;   // the session's text_revision() the buffer holds
    int cursor = -1, followed_cursor = -1;   // the text cursor's byte offset, as ImGui reports it
    std::size_t editor_position = ~std::size_t{0}, editor_target = ~std::size_t{0};   // what the editor last scrolled to
    void draw(FrameContext& ctx);
    void draw_toolbar(FrameContext& ctx);
    void draw_editor(FrameContext& ctx);
};

struct TransportPanel {
    void draw(FrameContext& ctx);
};

struct NarrationPanel {
    void draw(FrameContext& ctx);
};

struct InspectorPanel {
    void draw(FrameContext& ctx);
};

struct ExpectationsPanel {
    void draw(FrameContext& ctx);
};

// Save as (a path; "replace?" when it exists) and the question asked before unsaved edits would be
// lost (opening another scenario, the file changing on disk, closing the window).
struct SavePanel {
    char path[1024] = {};
    bool open_save_as = false;               // opens the Save as popup on the next draw
    bool waiting = false;                    // a Save as was sent: close the popup when it succeeded
    std::uint64_t seen_serial = 0;           // the session's save_status().serial already handled
    std::uint64_t question_serial = 0;       // ... when the unsaved-edits question opened
    void draw_menu_items(FrameContext& ctx); // inside the Scenario menu
    void draw_popups(FrameContext& ctx);
};

// The scenario menu: built-ins, a path to open, reload, and the editor's items.
struct OpenPanel {
    char path[1024] = {};
    bool open_path_popup = false;
    SavePanel save;
    void draw_menu(FrameContext& ctx);       // inside the menu bar
    void draw_popups(FrameContext& ctx);
};

// Model vs real: a native trace side by side with the model's run; mismatches in red, differences
// a platform profile explains in amber. Loads a trace by path, or runs `kosim crosscheck` (Wine or
// Windows) in the background and loads what it wrote.
struct ModelVsRealPanel {
    char path[1024] = {};
    bool open_popup = false;
    bool visible = false;
    std::optional<ModelVsRealView> view;
    std::future<int> running;                // the cross-check, while it runs
    std::string run_folder, run_stem, status;
    void draw_menu(FrameContext& ctx);       // inside the Scenario menu
    void draw(FrameContext& ctx);            // the window and the popup
};

struct PredictPanel {
    char inputs[32][12] = {};                // the student's answers, as typed
    std::size_t for_step = 0;
    void draw(FrameContext& ctx);
};

}  // namespace kosim::ui
