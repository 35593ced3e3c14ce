// The font atlas and theme, brought up to date before a frame (see frame_setup.h).
#include "app/frame_setup.h"

#include <imgui.h>
#include <imgui_impl_opengl3.h>

namespace kosim::ui {

void prepare_frame(App& app, const FontPaths& fonts) {
    // The atlas holds the Hangul of the interface and of the scenario (its file name and text): a
    // new scenario or an edit with a syllable the atlas lacks rebuilds it.
    // While an edit has errors the run on screen is of the earlier text: its Hangul too.
    const LoadedScenario& scenario = app.session.scenario();
    const std::string shown_run = app.session.run_is_stale() ? app.session.timeline()->program().source : std::string();
    if (scenario.source.size() + scenario.file_name.size() + shown_run.size() != app.atlas_text.size() ||
        !app.atlas_text.starts_with(scenario.file_name) || !app.atlas_text.ends_with(scenario.source + shown_run)) {
        app.atlas_text = scenario.file_name + scenario.source + shown_run;
        if (font_lacks_glyphs(app.fonts.ui, app.atlas_text)) app.font_rebuild_needed = true;
    }
    if (app.font_rebuild_needed) {
        app.fonts = load_fonts(fonts, app.font_pixel_size(), GlyphSet{false, app.atlas_text});
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
        app.font_rebuild_needed = false;
        app.theme_dirty = true;
    }
    if (app.theme_dirty) {
        app.palette = apply_theme(app.settings.theme, app.settings.font_scale * app.display_scale);
        app.theme_dirty = false;
    }
}

}  // namespace kosim::ui
