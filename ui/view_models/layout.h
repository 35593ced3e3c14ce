// The window's geometry as data, with no ImGui: where every panel, card, row, cell, badge, node and
// arrow end goes, computed from the font size, the window size and (for the world) the whole run,
// so nothing jumps between steps and the diagram scales as a whole (imgui-node-editor's one scale;
// Graphviz dot's ranks, barycentre order and positions kept across frames). Panels only draw the
// rectangles this returns; `kosim layout --json` prints them and the layout test checks them.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "program/program.h"
#include "view_models/world_view_model.h"

namespace kosim::ui {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    float right() const { return x + w; }
    float bottom() const { return y + h; }
    // Whether `inner` lies wholly inside (with `slack` pixels of rounding allowed).
    bool contains(const Rect& inner, float slack = 0.5f) const;
    // Whether the two share more than `slack` pixels of area in both directions.
    bool overlaps(const Rect& other, float slack = 0.5f) const;
    Rect inset(float by) const { return {x + by, y + by, w - 2 * by, h - 2 * by}; }
};

// Text widths in pixels at a font size. The window measures with its own ImGui fonts (app/
// text_metrics.h); tests may use FixedMetrics, which needs no font file.
class TextMetrics {
public:
    virtual ~TextMetrics() = default;
    virtual float width(std::string_view text, float font_size) const = 0;
};

// 0.6 em per narrow character, 1 em per wide one (Hangul, CJK): a stand-in for tests.
class FixedMetrics final : public TextMetrics {
public:
    float width(std::string_view text, float font_size) const override;
};

// The longest prefix of `text` (whole UTF-8 characters) that fits `width`, with "..." when cut.
std::string elide(std::string_view text, float width, float font_size, const TextMetrics& metrics);

// Sizes that derive from the font size: every gap, row and badge is a multiple of it.
struct Metrics {
    float font = 18;            // the text's pixel size at zoom 1
    float pad() const { return std::round(font * 0.3f); }
    float row() const { return std::round(font * 1.35f); }
    float title() const { return std::round(font * 1.45f); }
    float badge() const { return std::round(font * 1.25f); }
    float gap() const { return std::round(font * 0.8f); }
    float lane_gap() const { return std::round(font * 3.5f); }   // between cards and objects: the arrows
    float frame() const { return std::round(font * 4.0f / 3.0f); }   // a menu bar or button line
    float big_font() const { return std::round(font * 1.3f); }    // the call line
    float hint() const { return std::round(font * 1.1f); }        // the band at an edge the world goes on past
};

enum class NumberBase : std::uint8_t { Hex, Decimal };

// Every text the world shows, in the view's language: the layout measures exactly what the panel
// draws. Short forms (the inspector has them whole).
inline constexpr int column_count = 6;   // handle, names, object, access, flags, origin
std::array<std::string, column_count> column_titles(Language language);
std::array<std::string, column_count> cell_texts(const HandleRow& row, NumberBase base, Language language);
std::string object_id_text(model::ObjectId id);   // "#5": ids are small, always decimal
std::string node_title(const ObjectNode& node, Language language);    // "#5 Mailslot 'demo'"
std::string node_state_text(const ObjectNode& node, Language language);   // "2 messages queued", "destroyed"
std::string badge_text(std::string_view name, std::uint32_t value, std::optional<std::uint32_t> before, bool hidden);
std::array<std::string, 2> badge_texts(const ObjectNode& node, Language language);   // usage_count first
std::string card_state_text(const ProcessCard& card, Language language);   // "running", "exited (code 0), still referenced"
std::string more_rows_text(std::size_t more, Language language);          // "... 3 more"
std::string node_data_text(const ObjectNode& node, Language language);     // the data line, or "(empty)"
const char* empty_table_text(Language language);                          // "(empty handle table)"

// What the world layout keeps from the whole run: every process and object that ever exists,
// the rows each card needs at most, and the widest texts, measured once.
struct WorldPlan {
    struct Card {
        model::Pid pid = 0; model::Pid parent = 0; std::size_t rows = 0; float weight = 0;
        std::size_t markers = 0;                  // pseudo-handle markers it shows at most at once
    };
    struct Object {
        model::ObjectId id = 0; std::vector<std::pair<model::Pid, std::size_t>> holders; bool in_a_table = false;
        bool data = false;                        // holds data in flight: its node has a data line
    };
    std::vector<Card> cards;                      // pid order
    std::vector<Object> objects;                  // id order
    std::array<float, column_count> column_w{};   // widest cell of each column (with its title)
    float title_w = 0, state_w = 0, node_w = 0;   // widest card title, card state line, node text
    float font = 0;
    Language language = Language::English;
    std::size_t max_rows_per_card = 14;
    bool environment = false;                     // cards show their command line and environment
};

struct PlanInputs {
    float font = 18;
    Language language = Language::English;
    NumberBase base = NumberBase::Hex;
    std::size_t max_rows_per_card = 14;
    std::size_t max_steps = 10'000'000;   // the timeline's own limit
    bool environment = false;             // View > Environment and command line
};

// Runs `program` from the start to the end once (as the timeline did) and keeps what the layout
// needs. Texts are measured with `metrics` at inputs.font.
WorldPlan plan_world(std::shared_ptr<const Program> program, const PlanInputs& inputs, const TextMetrics& metrics);

// The world's canvas at zoom 1: one box per card and node, stable for the whole run.
struct WorldGeometry {
    enum class Side : std::uint8_t { Left, Right };
    // info: the lines between the state line and the column titles (command line and environment
    // when shown, then the pseudo-handle markers).
    struct CardBox { model::Pid pid = 0; Rect rect; Side side = Side::Left; std::size_t rows = 0; std::size_t info = 0; std::size_t markers = 0; };
    struct NodeBox { model::ObjectId id = 0; Rect rect; int lane = 0; bool data = false; };
    std::vector<CardBox> cards;                   // plan order
    std::vector<NodeBox> nodes;
    std::map<model::Pid, std::size_t> card_of;
    std::map<model::ObjectId, std::size_t> node_of;
    std::array<float, column_count> column_x{};   // offsets inside a card
    std::array<float, column_count> column_w{};
    float card_w = 0, node_w = 0;
    float width = 0, height = 0;                  // the canvas
    Metrics m;
    Language language = Language::English;        // the texts measured are in this language
    std::size_t max_rows_per_card = 14;
    // A row's box inside its card (r counts from the first row after the column titles).
    Rect row_rect(const CardBox& card, std::size_t r) const;
    Rect title_rect(const CardBox& card) const;
    Rect state_rect(const CardBox& card) const;
    Rect info_rect(const CardBox& card, std::size_t line) const;   // 0 .. card.info - 1
    bool environment = false;                     // the first two info lines are the command line and environment
    Rect header_rect(const CardBox& card) const;
    Rect cell_rect(const CardBox& card, std::size_t r, int column) const;
    // The node's lines: title, state, and two badges side by side.
    Rect node_title_rect(const NodeBox& node) const;
    Rect node_state_rect(const NodeBox& node) const;
    Rect node_data_rect(const NodeBox& node) const;           // only for nodes with data
    Rect badge_rect(const NodeBox& node, int which) const;   // 0 usage, 1 handles
};

// Chooses the arrangement (cards on one side or both, one or two object lanes) that lets the
// whole world fit `panel` at the largest zoom, and places every card and node in it.
WorldGeometry layout_world(const WorldPlan& plan, float panel_w, float panel_h);

// The zoom at which the canvas fits the panel (at most 1: text is never blown up past its
// atlas; at least `floor`: a world too big for it opens at its top left and scrolls instead).
inline constexpr float min_zoom = 0.1f;
float fit_zoom(const WorldGeometry& geometry, float panel_w, float panel_h, float floor = min_zoom);

// A zoom by hand (the wheel, = and -, the buttons): `factor` times `zoom`, never below the fit's
// floor (presenter text is not zoomed back under the normal body size) nor above max_zoom.
inline constexpr float max_zoom = 4.0f;
float zoom_step(float zoom, float factor, float floor = min_zoom);

// The floor of the fit when the text is enlarged (presenter): the diagram's text is never drawn
// smaller than the normal body text, `normal_font` pixels, the size the whole UI is designed to be
// legible at on a 1280x720 projector; at normal size or smaller only min_zoom applies.
float diagram_floor_zoom(float font, float normal_font);

// How far the world's default view may shrink the diagram. `floor`: the fit's lower bound, the
// readable zoom with View > Large diagram text (the default: a world too big for it pans), min_zoom
// without it (the whole world fits its panel, however small). `readable`: the zoom at which the
// diagram's text is the normal body size (diagram_floor_zoom); below it the side columns give the
// world their room (wants_wide_world, wants_inspector_hidden).
struct DiagramZoom {
    float floor = min_zoom;
    float readable = min_zoom;
};
DiagramZoom diagram_zoom(float font, float normal_font, bool large_text);

// How well the world shows when it is laid out for `area` at its default zoom: 1 when it fits at
// a readable size, else the share of it in view times how far its text is below readable.
float world_quality(const WorldPlan& plan, const Rect& area, DiagramZoom zoom);

// The editor's source column is wide enough for this many columns of text beside its gutter (line
// numbers and marks, frame, scroll bar), when the window has the room (layout_screen).
inline constexpr int editor_columns = 60, editor_gutter_columns = 6;

// View > Source and expectations, View > Inspector: shown or hidden by choice, or (the default)
// hidden only when the world needs the room (wants_wide_world, wants_inspector_hidden).
enum class SideColumn : std::uint8_t { Automatic, Shown, Hidden };

// The window's panels for a window size and font size.
struct ScreenInputs {
    float width = 1280, height = 720;
    float font = 18;
    std::string title;                // the scenario's title in the header (wraps)
    std::string call;                 // the call line: "Client: CreateFile(...)"
    std::string result;               // "-> INVALID_HANDLE_VALUE   GetLastError() = ERROR_PIPE_BUSY"
    bool predict = false;
    bool valid = true;
    bool editing = false;             // the editor: the source column widens (to editor_columns)
    float mono_advance = 0;           // one column of the source font in pixels (0: 0.6 em, DejaVu Sans Mono's)
    // The world does not fit at a readable zoom (presenter text at 1280x720): the source and
    // expectations column gives the world its room (ignored while editing).
    bool wide_world = false;
    SideColumn source_column = SideColumn::Automatic;   // what wants_wide_world decides from
    // The world still does not fit readably without the source column: the inspector gives its room too
    // (never in predict mode or while editing, whose panels share that column).
    bool inspector_hidden = false;
    SideColumn inspector_column = SideColumn::Automatic;   // what wants_inspector_hidden decides from
};
struct ScreenLayout {
    float width = 0, height = 0;
    // The inspector (and predict) column has width 0 while the editor takes its room.
    Rect menu, header, transport, call, narration, source, expectations, world, inspector, predict;
    std::vector<std::string> header_lines;   // the title, wrapped
    std::vector<std::string> call_lines;     // the call, then the result and last error
    float big_font = 0;
    bool wide_world = false;                 // the source column is hidden: the world has its room
    bool inspector_hidden = false;           // the inspector is hidden: the world has its room too
};
ScreenLayout layout_screen(const ScreenInputs& inputs, const TextMetrics& metrics);

// Everything drawn, as `kosim layout --json` prints it: one item per box or text.
struct LayoutItem {
    int id = 0;
    int parent = -1;                  // -1: none
    std::string kind;                 // panel, header, call, card, title, row, cell, node, label, badge, arrow-end, copy-end
    std::string text;
    Rect rect;
    bool visible = true;              // wholly inside its panel at the view's default zoom
};
struct LayoutInputs {
    float width = 1280, height = 720;
    float font = 18;
    Language language = Language::English;
    NumberBase base = NumberBase::Hex;
};
// Lays out the view of one step (the world view and narration built by the caller).
std::vector<LayoutItem> layout_items(const ScreenLayout& screen, const WorldGeometry& geometry, const WorldView& view,
                                     float zoom, NumberBase base, const TextMetrics& metrics);

// A pseudo-handle marker's box on its card (inside the info line) and its text's box.
Rect marker_rect(const WorldGeometry& geometry, const WorldGeometry::CardBox& card, std::size_t line);
Rect marker_text_rect(const WorldGeometry& geometry, const Rect& marker);

// A data flow arrow on screen: from the writer's row to the node's data line, or from the data
// line to the reader's row; tail and head are the arrow ends the layout report checks.
struct FlowPath {
    struct Point { float x = 0, y = 0; };
    Point row_end, node_end, from, to;
    Rect tail, head;
    float head_size = 0;
};
FlowPath flow_path(const Rect& row, const Rect& data_line, const Rect& node, bool into_node, float text_size);

// An inheritance copy arrow on screen: from the parent's row to the child's row of the same value,
// out through the cards' outer edges (the margins the parent links use); tail and head are the
// ends the layout report checks, `bend` how far the curve reaches into the margin.
struct CopyPath {
    FlowPath::Point from, to, c1, c2;
    Rect tail, head;
    float head_size = 0;
};
CopyPath copy_path(const Rect& parent_row, bool parent_left, const Rect& child_row, bool child_left, float text_size);

// Where the world canvas's origin goes on screen for a zoom (centred when it is smaller than the panel).
struct ViewTransform {
    float x = 0, y = 0, zoom = 1;
    float sx(float cx) const { return x + cx * zoom; }
    float sy(float cy) const { return y + cy * zoom; }
    Rect map(const Rect& r) const { return {sx(r.x), sy(r.y), r.w * zoom, r.h * zoom}; }
};
Rect world_area(const ScreenLayout& screen, float font);   // inside the world panel's frame
ViewTransform default_transform(const WorldGeometry& geometry, const Rect& area, float floor = min_zoom);

// The sides of `area` past which some of the canvas lies (drawn at `t`): the panel hints there.
struct Offscreen {
    bool left = false, right = false, top = false, bottom = false;
    bool any() const { return left || right || top || bottom; }
};
Offscreen offscreen(const WorldGeometry& geometry, const ViewTransform& t, const Rect& area);

// What the step did, on the canvas: the rows, cards and nodes it changed or failed to find (the
// union of their boxes), or nothing when it changed nothing.
std::optional<Rect> step_focus(const WorldGeometry& geometry, const WorldView& view);
// `t` panned as little as it takes to bring `focus` (canvas coordinates) into the area, `margin`
// pixels clear of its edges (the hint bands), its top left first when it is larger: a world that
// scrolls opens where the step happened.
ViewTransform follow(ViewTransform t, const Rect& focus, const Rect& area, float margin = 0);
// The world panel's default view of a step: the fit down to `floor`, followed to the step's
// focus only when the world scrolls (a world that fits never moves).
ViewTransform step_view(const WorldGeometry& geometry, const Rect& area, float floor, const WorldView& view);

// Whether the screen gives the world the source column's room: as chosen (in.source_column), else
// only when the world does not show readably (world_quality below 1: its text would be drawn under
// the normal body size, or it pans) and the wider panel then does, or shows it clearly better (a
// world only too tall gains nothing from it, and the source column stays).
bool wants_wide_world(ScreenInputs inputs, const WorldPlan& plan, DiagramZoom zoom, const TextMetrics& metrics);
// Whether the inspector gives the world its room too: as chosen (in.inspector_column), else only
// when the source column already went (inputs.wide_world), the world still does not show readably,
// and without the inspector it does or shows clearly better. Never in predict mode or while editing.
bool wants_inspector_hidden(ScreenInputs inputs, const WorldPlan& plan, DiagramZoom zoom, const TextMetrics& metrics);

// The screen and the world together, as the window lays them out: when wants_wide_world, the
// screen is laid out with wide_world; a world that does not fit at `zoom.floor` scrolls.
struct ViewLayout {
    ScreenLayout screen;
    WorldGeometry geometry;
    float zoom = 1;
    bool scrolls = false;             // the fit stopped at the floor: part of the world is off-screen
};
ViewLayout layout_view(ScreenInputs inputs, const WorldPlan& plan, DiagramZoom zoom, const TextMetrics& metrics);

}  // namespace kosim::ui
