// Every built-in at every step, at 1280x720, 1920x1080 and 3840x2160, in English and Korean, at
// normal and presenter text size, with and without the environment lines, measured with the window's own fonts: no card, row, cell, badge,
// label or arrow end is clipped by its panel, sticks out of its box or overlaps a sibling: by default
// the whole world fits every size (zoom to fit). With View > Large diagram text (pan), chosen by hand,
// presenter text in the diagram is never drawn below the normal body size and the world scrolls instead.
#include <doctest/doctest.h>

#include <map>
#include <ostream>
#include <sstream>

#include "app/app.h"
#include "app/text_metrics.h"
#include "scenario/builtin.h"
#include "view_models/layout_report.h"

namespace kosim::ui {
std::ostream& operator<<(std::ostream& out, const Rect& r) { return out << "(" << r.x << ", " << r.y << ", " << r.w << " x " << r.h << ")"; }
}  // namespace kosim::ui

namespace {

using kosim::ui::LayoutItem;

bool arrow_end(const LayoutItem& item) { return item.kind == "arrow-end" || item.kind == "copy-end"; }
bool drawn_box(const LayoutItem& item) { return item.kind != "panel" && !arrow_end(item); }

// Whether the item is drawn in the world panel (its ancestors lead there).
bool in_world(const std::vector<LayoutItem>& items, const LayoutItem& item) {
    for (int p = item.parent; p >= 0; p = items[static_cast<std::size_t>(p)].parent)
        if (items[static_cast<std::size_t>(p)].kind == "panel") return items[static_cast<std::size_t>(p)].text == "world";
    return false;
}

// The problems in one step's layout, one line each ("" when there are none). A world that scrolls
// (View > Large diagram text, presenter text at its floor zoom) may lie past its panel's edges: the
// pan reaches it.
std::string check(const std::vector<LayoutItem>& items, bool world_scrolls = false) {
    std::string problems;
    auto say = [&](const LayoutItem& a, const std::string& what, const LayoutItem* b = nullptr) {
        std::ostringstream line;
        line << a.kind << " '" << a.text << "' " << a.rect << " " << what;
        if (b) line << " " << b->kind << " '" << b->text << "' " << b->rect;
        problems += line.str() + "\n";
    };
    std::map<int, std::vector<const LayoutItem*>> children;
    for (const auto& item : items) {
        if (item.kind == "panel") continue;
        if (!item.visible && !(world_scrolls && in_world(items, item))) say(item, "is clipped by its panel");
        if (item.parent >= 0) {
            const LayoutItem& parent = items[static_cast<std::size_t>(item.parent)];
            // Arrow ends sit on their box's edge; everything else lies inside its box (text may
            // differ from its measured box by a pixel of rounding at the drawn size).
            if (!arrow_end(item) && parent.kind != "panel" && !parent.rect.contains(item.rect, 1.0f))
                say(item, "sticks out of", &parent);
            if (drawn_box(item)) children[item.parent].push_back(&item);
        }
    }
    // A copy arrow's ends lie in the margin beside their own card: never on another card or a node.
    for (const auto& item : items) {
        if (item.kind != "copy-end") continue;
        int own_card = item.parent;
        while (own_card >= 0 && items[static_cast<std::size_t>(own_card)].kind != "card") own_card = items[static_cast<std::size_t>(own_card)].parent;
        for (const auto& other : items)
            if ((other.kind == "card" || other.kind == "node") && other.id != own_card && item.rect.overlaps(other.rect, 0.5f))
                say(item, "overlaps", &other);
    }
    for (const auto& [parent, list] : children)
        for (std::size_t i = 0; i < list.size(); ++i)
            for (std::size_t j = i + 1; j < list.size(); ++j)
                if (list[i]->rect.overlaps(list[j]->rect, 0.5f)) say(*list[i], "overlaps", list[j]);
    return problems;
}

}  // namespace

TEST_CASE("every built-in at every step fits every window size, in both languages and both text sizes") {
    using namespace kosim::ui;
    const std::pair<float, float> sizes[] = {{1280, 720}, {1920, 1080}, {3840, 2160}};
    std::size_t layouts = 0, items_checked = 0;
    for (const float scale : {1.0f, 1.5f}) {
        const float font = base_font_pixels * scale;
        const HeadlessFonts fonts(font);
        for (const auto& builtin : kosim::builtin_scenarios()) {
            for (const Language language : {Language::English, Language::Korean}) {
                Session session;
                Intent set;
                set.kind = Intent::Kind::SetLanguage;
                set.language = language;
                session.apply(set);
                REQUIRE(session.open(builtin.name));
                // View > Environment and command line off (the default) and on.
                for (const bool environment : {false, true}) {
                const WorldPlan plan = plan_session(session, font, NumberBase::Hex, fonts.metrics(), environment);
                for (std::size_t step = 0; step <= session.step_count(); ++step) {
                    Intent seek;
                    seek.kind = Intent::Kind::Seek;
                    seek.step = step;
                    session.apply(seek);
                    for (const auto& [width, height] : sizes) {
                        INFO(builtin.name, " step ", step, " at ", width, "x", height, " scale ", scale,
                             language == Language::Korean ? " ko" : " en", std::string(environment ? " with environment" : ""));
                        // The default (zoom to fit): the whole world fits its panel at every size and text
                        // size, nothing clipped, nothing to pan to.
                        const StepLayout layout = layout_step(session, plan, width, height, font, NumberBase::Hex, fonts.metrics(),
                                                              diagram_zoom(font, base_font_pixels, false));
                        CHECK(layout.items.size() > 12);
                        CHECK_FALSE(layout.scrolls);
                        CHECK_MESSAGE(check(layout.items).empty(), check(layout.items));
                        if (scale == 1) CHECK_FALSE((layout.screen.wide_world || layout.screen.inspector_hidden));
                        if (layout.screen.inspector_hidden) CHECK(layout.screen.wide_world);
                        ++layouts;
                        items_checked += layout.items.size();
                        // View > Large diagram text (pan), chosen by hand: presenter text in the diagram is
                        // never drawn smaller than the normal body text; a world too big scrolls, and only
                        // its items may lie past the panel's edges (the pan reaches them).
                        if (scale > 1) {
                            const StepLayout large = layout_step(session, plan, width, height, font, NumberBase::Hex, fonts.metrics(),
                                                                 diagram_zoom(font, base_font_pixels, true));
                            CHECK_MESSAGE(check(large.items, large.scrolls).empty(), check(large.items, large.scrolls));
                            CHECK(large.zoom * font >= base_font_pixels - 0.01f);
                            // The inspector gives its room only after the source column, and with both gone
                            // the smallest lessons fit whole at 1280x720 presenter size.
                            if (large.screen.inspector_hidden) CHECK(large.screen.wide_world);
                            if (builtin.name == "01-handle-table-basics" || builtin.name == "07-process-lifetime")
                                if (!environment) CHECK_FALSE(large.scrolls);
                            ++layouts;
                            items_checked += large.items.size();
                        }
                    }
                }
                }
            }
        }
    }
    MESSAGE(layouts, " layouts, ", items_checked, " items checked");
}

TEST_CASE("the checker finds a clipped, an overlapping and a protruding box") {
    using kosim::ui::Rect;
    std::vector<LayoutItem> items(4);
    items[0] = {0, -1, "panel", "world", Rect{0, 0, 100, 100}, true};
    items[1] = {1, 0, "card", "A", Rect{10, 10, 50, 50}, true};
    items[2] = {2, 0, "card", "B", Rect{40, 40, 50, 50}, true};
    items[3] = {3, 1, "row", "0x4", Rect{10, 20, 80, 10}, false};
    const std::string problems = check(items);
    CHECK(problems.find("card 'A' (10, 10, 50 x 50) overlaps card 'B'") != std::string::npos);
    CHECK(problems.find("row '0x4' (10, 20, 80 x 10) is clipped by its panel") != std::string::npos);
    CHECK(problems.find("row '0x4' (10, 20, 80 x 10) sticks out of card 'A'") != std::string::npos);
}

TEST_CASE("the checker finds a copy arrow's end on another card, and lets it touch its own row") {
    using kosim::ui::Rect;
    std::vector<LayoutItem> items(6);
    items[0] = {0, -1, "panel", "world", Rect{0, 0, 200, 200}, true};
    items[1] = {1, 0, "card", "Parent", Rect{20, 10, 100, 50}, true};
    items[2] = {2, 1, "row", "0x4", Rect{20, 30, 100, 10}, true};
    items[3] = {3, 2, "copy-end", "copied", Rect{16, 31, 8, 8}, true};      // on its own row's edge: fine
    items[4] = {4, 0, "card", "Child", Rect{20, 70, 100, 50}, true};
    items[5] = {5, 2, "copy-end", "copied", Rect{24, 75, 8, 8}, true};      // inside the other card
    const std::string problems = check(items);
    CHECK(problems.find("copy-end 'copied' (16, 31, 8 x 8)") == std::string::npos);
    CHECK(problems.find("copy-end 'copied' (24, 75, 8 x 8) overlaps card 'Child'") != std::string::npos);
}

TEST_CASE("the layout keeps every card and node in its place from step to step") {
    using namespace kosim::ui;
    FixedMetrics metrics;
    Session session;
    REQUIRE(session.open("10-named-pipe"));
    const WorldPlan plan = plan_session(session, 18, NumberBase::Hex, metrics);
    std::map<std::string, Rect> first_seen;
    for (std::size_t step = 0; step <= session.step_count(); ++step) {
        Intent seek;
        seek.kind = Intent::Kind::Seek;
        seek.step = step;
        session.apply(seek);
        const StepLayout layout = layout_step(session, plan, 1280, 720, 18, NumberBase::Hex, metrics);
        for (const auto& item : layout.items) {
            if (item.kind != "card" && item.kind != "node") continue;
            const std::string key = item.kind + item.text.substr(0, item.text.find(' '));
            auto [it, fresh] = first_seen.emplace(key, item.rect);
            INFO(item.kind, " '", item.text, "' at step ", step);
            if (!fresh) CHECK((it->second.x == item.rect.x && it->second.y == item.rect.y));
        }
    }
    CHECK(first_seen.size() > 4);
}
