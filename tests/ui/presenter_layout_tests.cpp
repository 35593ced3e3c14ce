// Presenter text at 1280x720: with View > Large diagram text (the default) the diagram's fit stops
// at the normal body size, the side columns give the world their room, and the world scrolls (with
// a hint at the edges) instead of shrinking; with it off, the whole world fits, smaller.
#include <doctest/doctest.h>

#include "view_models/layout.h"
#include "view_models/layout_report.h"
#include "view_models/session.h"

using namespace kosim::ui;

namespace {

constexpr float normal_font = 18, presenter_font = 27;   // app.h: base_font_pixels, and 1.5x it

WorldGeometry canvas(float width, float height) {
    WorldGeometry g;
    g.width = width;
    g.height = height;
    WorldGeometry::CardBox card;   // one card over the whole canvas: what the hint measures
    card.rect = {0, 0, width, height};
    g.cards.push_back(card);
    return g;
}

WorldPlan plan_of(const char* builtin, float font) {
    Session session;
    REQUIRE(session.open(builtin));
    return plan_session(session, font, NumberBase::Hex, FixedMetrics{});
}

}  // namespace

TEST_CASE("the floor keeps enlarged text at least the normal body size; normal text has none") {
    CHECK(diagram_floor_zoom(presenter_font, normal_font) == doctest::Approx(2.0f / 3));
    CHECK(diagram_floor_zoom(normal_font * 2, normal_font) == doctest::Approx(0.5f));
    CHECK(diagram_floor_zoom(normal_font, normal_font) == min_zoom);
    CHECK(diagram_floor_zoom(normal_font * 0.75f, normal_font) == min_zoom);
    CHECK(diagram_floor_zoom(0, normal_font) == min_zoom);
}

TEST_CASE("fit_zoom stops at its floor and never goes above 1") {
    const WorldGeometry big = canvas(3000, 1500);
    CHECK(fit_zoom(big, 800, 400) == doctest::Approx(0.266f));
    CHECK(fit_zoom(big, 800, 400, 0.5f) == doctest::Approx(0.5f));
    const WorldGeometry small = canvas(300, 100);
    CHECK(fit_zoom(small, 800, 400, 0.5f) == 1.0f);
    CHECK(fit_zoom(small, 800, 400, 2.0f) == 1.0f);   // a floor above 1 is 1
    CHECK(fit_zoom(canvas(1000, 100), 800, 400, 0.5f) == doctest::Approx(0.8f));
}

TEST_CASE("a canvas larger than the area at the floor opens at its top left, with the hint at the far edges") {
    const WorldGeometry big = canvas(3000, 1500);
    const Rect area{100, 50, 800, 400};
    const ViewTransform t = default_transform(big, area, 0.5f);
    CHECK(t.zoom == doctest::Approx(0.5f));
    CHECK(t.x == area.x);
    CHECK(t.y == area.y);
    const Offscreen more = offscreen(big, t, area);
    CHECK(more.right);
    CHECK(more.bottom);
    CHECK_FALSE(more.left);
    CHECK_FALSE(more.top);
    // Panned to the far corner: the hint moves to the near edges.
    ViewTransform panned = t;
    panned.x = area.right() - 1500;
    panned.y = area.bottom() - 750;
    const Offscreen back = offscreen(big, panned, area);
    CHECK(back.left);
    CHECK(back.top);
    CHECK_FALSE(back.right);
    CHECK_FALSE(back.bottom);
    // At the fit nothing is off-screen.
    CHECK_FALSE(offscreen(big, default_transform(big, area), area).any());
}

TEST_CASE("wide_world hides the source column and gives its width to the world, but not while editing") {
    FixedMetrics metrics;
    ScreenInputs in;
    in.font = presenter_font;
    const ScreenLayout normal = layout_screen(in, metrics);
    in.wide_world = true;
    const ScreenLayout wide = layout_screen(in, metrics);
    CHECK(wide.wide_world);
    CHECK(wide.source.w == 0);
    CHECK(wide.expectations.h == 0);
    CHECK(wide.world.x == normal.source.x);
    CHECK(wide.world.right() == normal.world.right());
    CHECK(wide.world.h == normal.world.h);
    CHECK(wide.inspector.x == normal.inspector.x);
    CHECK(wide.inspector.w == normal.inspector.w);
    in.editing = true;
    const ScreenLayout editing = layout_screen(in, metrics);
    CHECK_FALSE(editing.wide_world);
    CHECK(editing.source.w > normal.source.w);
}

TEST_CASE("presenter text at 1280x720, large diagram text: a world too big for the panel scrolls at the floor, the side column gives its room") {
    FixedMetrics metrics;
    const float floor = diagram_floor_zoom(presenter_font, normal_font);
    const DiagramZoom large_text = diagram_zoom(presenter_font, normal_font, true);
    ScreenInputs in;
    in.font = presenter_font;
    const WorldPlan big = plan_of("11-three-ways", presenter_font);
    const ViewLayout view = layout_view(in, big, large_text, metrics);
    CHECK(view.screen.wide_world);
    CHECK(view.scrolls);
    CHECK(view.zoom == doctest::Approx(floor));
    CHECK(view.zoom * presenter_font >= normal_font - 0.01f);

    SUBCASE("the same world at normal text still zooms to fit, with every panel") {
        ScreenInputs normal_in;
        normal_in.font = normal_font;
        const WorldPlan plan = plan_of("11-three-ways", normal_font);
        const ViewLayout normal = layout_view(normal_in, plan, diagram_zoom(normal_font, normal_font, true), metrics);
        CHECK_FALSE(normal.screen.wide_world);
        CHECK_FALSE(normal.scrolls);
        const Rect area = world_area(normal.screen, normal_font);
        CHECK(normal.zoom == fit_zoom(normal.geometry, area.w, area.h));
    }
    SUBCASE("a world that fits at the floor (1920x1080) keeps its side panels and zooms to fit") {
        const WorldPlan small = plan_of("01-handle-table-basics", presenter_font);
        ScreenInputs large = in;
        large.width = 1920;
        large.height = 1080;
        const ViewLayout fits = layout_view(large, small, large_text, metrics);
        const Rect area = world_area(fits.screen, presenter_font);
        CHECK_FALSE(fits.screen.wide_world);
        CHECK_FALSE(fits.scrolls);
        CHECK(fits.zoom >= floor);
        CHECK(fits.zoom == fit_zoom(fits.geometry, area.w, area.h));
    }
}

TEST_CASE("04-inherit-flag step 5 at 1280x720, presenter: large diagram text is not drawn below the normal body size; without it the world fits whole") {
    FixedMetrics metrics;
    Session session;
    REQUIRE(session.open("04-inherit-flag"));
    Intent seek;
    seek.kind = Intent::Kind::Seek;
    seek.step = 5;
    session.apply(seek);
    const WorldPlan plan = plan_session(session, presenter_font, NumberBase::Hex, metrics);
    const StepLayout layout = layout_step(session, plan, 1280, 720, presenter_font, NumberBase::Hex, metrics,
                                          diagram_zoom(presenter_font, normal_font, true));
    CHECK(layout.zoom * presenter_font >= normal_font - 0.01f);
    CHECK(layout.scrolls);
    // With the option off: the whole world on screen, smaller.
    const StepLayout fit = layout_step(session, plan, 1280, 720, presenter_font, NumberBase::Hex, metrics,
                                       diagram_zoom(presenter_font, normal_font, false));
    CHECK(fit.zoom * presenter_font < normal_font);
    CHECK_FALSE(fit.scrolls);
    for (const auto& item : fit.items) CHECK_MESSAGE(item.visible, item.kind, " '", item.text, "' is off-screen");
}

TEST_CASE("follow pans as little as it takes to bring the focus into the area, its top left first") {
    const Rect area{100, 50, 800, 400};
    ViewTransform t;
    t.x = area.x;
    t.y = area.y;
    t.zoom = 0.5f;
    // Inside already: no pan.
    const ViewTransform same = follow(t, Rect{100, 100, 200, 100}, area);
    CHECK(same.x == t.x);
    CHECK(same.y == t.y);
    // Below the area: up just enough for its bottom to show.
    const ViewTransform down = follow(t, Rect{0, 1000, 200, 100}, area);   // screen y 550..600
    CHECK(down.x == t.x);
    CHECK(down.y == t.y - 150);
    // Taller than the area: its top at the area's top.
    const ViewTransform tall = follow(t, Rect{0, 1000, 200, 2000}, area);
    CHECK(tall.y == area.y - 500);
    // Left of the area (panned past it): right until it shows.
    t.x = area.x - 600;
    const ViewTransform left = follow(t, Rect{200, 0, 100, 100}, area);
    CHECK(left.x == area.x - 100);
}

TEST_CASE("04-inherit-flag step 5 at 1280x720, presenter, large diagram text: the view opens on the Child's failed look-up") {
    FixedMetrics metrics;
    Session session;
    REQUIRE(session.open("04-inherit-flag"));
    Intent seek;
    seek.kind = Intent::Kind::Seek;
    seek.step = 5;
    session.apply(seek);
    const WorldPlan plan = plan_session(session, presenter_font, NumberBase::Hex, metrics);
    const StepLayout layout = layout_step(session, plan, 1280, 720, presenter_font, NumberBase::Hex, metrics,
                                          diagram_zoom(presenter_font, normal_font, true));
    REQUIRE(layout.scrolls);
    // The row the step looked up and did not find is on screen, whole.
    bool seen = false;
    for (const auto& item : layout.items)
        if (item.kind == "row" && item.parent >= 0 && layout.items[static_cast<std::size_t>(item.parent)].text.starts_with("Child")) {
            for (const auto& cell : layout.items)
                if (cell.parent == item.id && cell.kind == "cell" && cell.text.find("ERROR_INVALID_HANDLE") != std::string::npos) {
                    CHECK(item.visible);
                    seen = true;
                }
        }
    CHECK(seen);
}

TEST_CASE("follow keeps the focus clear of the hint bands when there is room, and drops the margin when not") {
    const Rect area{0, 0, 800, 400};
    ViewTransform t;
    const ViewTransform down = follow(t, Rect{0, 500, 200, 50}, area, 30);
    CHECK(down.y == -(550 - 370));
    const ViewTransform snug = follow(t, Rect{0, 500, 200, 390}, area, 30);   // 5 pixels to spare each side
    CHECK(snug.y == -(890 - 395));
}

TEST_CASE("zooming out by hand stops at the floor with presenter text, and only at min_zoom with normal text") {
    const float floor = diagram_floor_zoom(presenter_font, normal_font);
    float zoom = 1;
    for (int i = 0; i < 20; ++i) zoom = zoom_step(zoom, 1 / 1.2f, floor);
    CHECK(zoom == doctest::Approx(floor));
    CHECK(zoom * presenter_font >= normal_font - 0.01f);
    float normal = 1;
    for (int i = 0; i < 20; ++i) normal = zoom_step(normal, 1 / 1.2f, diagram_floor_zoom(normal_font, normal_font));
    CHECK(normal == doctest::Approx(min_zoom));
    // Zooming in is not limited by the floor, only by max_zoom; a zoom under the floor (the text
    // enlarged after zooming out) comes back up to it.
    CHECK(zoom_step(floor, 1.2f, floor) == doctest::Approx(floor * 1.2f));
    float in = 1;
    for (int i = 0; i < 20; ++i) in = zoom_step(in, 1.2f, floor);
    CHECK(in == doctest::Approx(max_zoom));
    CHECK(zoom_step(0.3f, 1, floor) == doctest::Approx(floor));
}

TEST_CASE("View > Source and expectations: shown or hidden by choice, automatic by default") {
    FixedMetrics metrics;
    const DiagramZoom large_text = diagram_zoom(presenter_font, normal_font, true);
    ScreenInputs in;
    in.font = presenter_font;
    const WorldPlan big = plan_of("11-three-ways", presenter_font);
    REQUIRE(wants_wide_world(in, big, large_text, metrics));   // automatic: hidden for a world this big
    in.source_column = SideColumn::Shown;
    CHECK_FALSE(wants_wide_world(in, big, large_text, metrics));
    const ViewLayout shown = layout_view(in, big, large_text, metrics);
    CHECK(shown.screen.source.w > 0);
    CHECK_FALSE(shown.screen.wide_world);

    ScreenInputs normal_in;
    normal_in.font = normal_font;
    const WorldPlan small = plan_of("01-handle-table-basics", normal_font);
    REQUIRE_FALSE(wants_wide_world(normal_in, small, DiagramZoom{}, metrics));
    normal_in.source_column = SideColumn::Hidden;
    const ViewLayout hidden = layout_view(normal_in, small, DiagramZoom{}, metrics);
    CHECK(hidden.screen.wide_world);
    CHECK(hidden.screen.source.w == 0);
    // The editor shows the source whatever the choice.
    normal_in.editing = true;
    CHECK_FALSE(wants_wide_world(normal_in, small, DiagramZoom{}, metrics));
}

TEST_CASE("the editor at 1280x720 with presenter text is wide enough to read a line, and the world keeps a quarter") {
    FixedMetrics metrics;
    ScreenInputs in;
    in.font = presenter_font;
    in.editing = true;
    const ScreenLayout s = layout_screen(in, metrics);
    const float column = presenter_font * 0.6f;   // the default source font advance
    const float text_columns = (s.source.w - 2 * Metrics{presenter_font}.pad()) / column - static_cast<float>(editor_gutter_columns);
    CAPTURE(s.source.w);
    CHECK(text_columns >= 50);              // it showed about 20
    CHECK(s.inspector.w == 0);              // the inspector gave its room first
    CHECK(s.world.w >= std::round((1280 - 2 * Metrics{presenter_font}.pad()) / 4) - 1);
    CHECK(s.world.right() <= 1280 - Metrics{presenter_font}.pad() + 0.5f);
    CHECK(s.world.x >= s.source.right());
    // At 1920x1080 the editor has its 60 columns whole.
    in.width = 1920;
    in.height = 1080;
    const ScreenLayout large = layout_screen(in, metrics);
    CHECK((large.source.w - 2 * Metrics{presenter_font}.pad()) / column - editor_gutter_columns >= editor_columns - 0.01f);
    // Not editing: the inspector keeps its column.
    in.editing = false;
    CHECK(layout_screen(in, metrics).inspector.w > 0);
}

TEST_CASE("presenter text at 1280x720: the inspector gives its room after the source column when the world still does not fit readably") {
    FixedMetrics metrics;
    const DiagramZoom large_text = diagram_zoom(presenter_font, normal_font, true);
    ScreenInputs in;
    in.font = presenter_font;
    const WorldPlan big = plan_of("11-three-ways", presenter_font);
    in.wide_world = true;
    const float with = world_quality(big, world_area(layout_screen(in, metrics), presenter_font), large_text);
    REQUIRE(wants_inspector_hidden(in, big, large_text, metrics));
    const ViewLayout view = layout_view(ScreenInputs{in.width, in.height, in.font}, big, large_text, metrics);
    CHECK(view.screen.wide_world);
    CHECK(view.screen.inspector_hidden);
    CHECK(view.screen.inspector.w == 0);
    CHECK(view.screen.world.right() == doctest::Approx(in.width - Metrics{presenter_font}.pad()));
    // The world shows more of itself than with the inspector.
    CHECK(world_quality(big, world_area(view.screen, presenter_font), large_text) > with);

    SUBCASE("not before the source column went, not in predict mode, not while editing, not when shown by choice") {
        ScreenInputs first = in;
        first.wide_world = false;
        CHECK_FALSE(wants_inspector_hidden(first, big, large_text, metrics));
        ScreenInputs predict = in;
        predict.predict = true;
        CHECK_FALSE(wants_inspector_hidden(predict, big, large_text, metrics));
        CHECK(layout_view(predict, big, large_text, metrics).screen.inspector.w > 0);
        ScreenInputs editing = in;
        editing.editing = true;
        CHECK_FALSE(wants_inspector_hidden(editing, big, large_text, metrics));
        ScreenInputs shown = in;
        shown.inspector_column = SideColumn::Shown;
        CHECK_FALSE(wants_inspector_hidden(shown, big, large_text, metrics));
        CHECK(layout_view(shown, big, large_text, metrics).screen.inspector.w > 0);
    }
    SUBCASE("a world that fits keeps the inspector, unless it is hidden by choice") {
        ScreenInputs normal_in;
        normal_in.font = normal_font;
        const WorldPlan small = plan_of("01-handle-table-basics", normal_font);
        CHECK_FALSE(layout_view(normal_in, small, DiagramZoom{}, metrics).screen.inspector_hidden);
        normal_in.inspector_column = SideColumn::Hidden;
        const ViewLayout hidden = layout_view(normal_in, small, DiagramZoom{}, metrics);
        CHECK(hidden.screen.inspector_hidden);
        CHECK(hidden.screen.inspector.w == 0);
    }
}
