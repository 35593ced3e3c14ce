// The window's font atlas holds only the Hangul of the interface's catalogue and of the open
// scenario (a much faster first frame than all 11,172 syllables): every Korean text the window lays
// out for a built-in, at every step, must still be drawable with it.
#include <doctest/doctest.h>

#include <imgui.h>

#include "app/app.h"
#include "app/fonts.h"
#include "app/text_metrics.h"
#include "scenario/builtin.h"
#include "view_models/layout_report.h"

TEST_CASE("the window's reduced Hangul atlas draws every Korean text of every built-in") {
    using namespace kosim::ui;
    const float font = base_font_pixels;
    const HeadlessFonts measure(font);   // all of Hangul: the layout's own measurements
    std::size_t texts = 0;
    for (const auto& builtin : kosim::builtin_scenarios()) {
        Session session;
        Intent set;
        set.kind = Intent::Kind::SetLanguage;
        set.language = Language::Korean;
        session.apply(set);
        REQUIRE(session.open(builtin.name));
        std::vector<std::string> shown;
        const WorldPlan plan = plan_session(session, font, NumberBase::Hex, measure.metrics());
        for (std::size_t step = 0; step <= session.step_count(); ++step) {
            Intent seek;
            seek.kind = Intent::Kind::Seek;
            seek.step = step;
            session.apply(seek);
            for (const auto& item : layout_step(session, plan, 1280, 720, font, NumberBase::Hex, measure.metrics()).items)
                shown.push_back(item.text);
        }
        // The atlas the window builds for this scenario (window.cpp, prepare_frame).
        ImGuiContext* previous = ImGui::GetCurrentContext();
        ImGuiContext* context = ImGui::CreateContext();
        ImGui::SetCurrentContext(context);
        const std::string text = session.scenario().file_name + session.scenario().source;
        const Fonts fonts = load_fonts(find_fonts(), font, GlyphSet{false, text});
        REQUIRE(fonts.ui != nullptr);
        CHECK_FALSE(font_lacks_glyphs(fonts.ui, "가"));      // in the catalogue ("가" of 가상 시계)
        CHECK(font_lacks_glyphs(fonts.ui, "똠"));            // in no built-in or catalogue text: left out
        for (const std::string& s : shown) {
            INFO(builtin.name, ": ", s);
            CHECK_FALSE(font_lacks_glyphs(fonts.ui, s));
            ++texts;
        }
        ImGui::DestroyContext(context);
        ImGui::SetCurrentContext(previous);
    }
    MESSAGE(texts, " texts checked");
}
