// `kosim gui [SCENARIO]`, `kosim screenshot SCENARIO --step N --out FILE.png`, and what `kosim`
// with no command does: the window on the default scenario, or a clear message without a display.
#include <iostream>
#include <regex>

#include "app/app.h"
#include "cli/commands.h"
#include "scenario/builtin.h"

namespace kosim::cli {
namespace {

bool parse_language(const std::string& text, ui::Language& language) {
    if (text == "en") { language = ui::Language::English; return true; }
    if (text == "ko") { language = ui::Language::Korean; return true; }
    return false;
}

}  // namespace

void register_gui_commands(CLI::App& app, int& exit_code) {
    struct GuiArgs { std::string scenario, lang, theme; };
    auto gui_args = std::make_shared<GuiArgs>();
    CLI::App* gui = app.add_subcommand("gui", "Open the window (the default when no command is given)");
    gui->add_option("SCENARIO", gui_args->scenario, "a .kos file or a built-in's name (default: " +
                                                         std::string(default_scenario_name) + ")");
    gui->add_option("--lang", gui_args->lang, "interface language: en or ko");
    gui->add_option("--theme", gui_args->theme, "light, dark or high-contrast");
    gui->callback([gui_args, &exit_code] {
        ui::GuiOptions options;
        options.scenario = gui_args->scenario;
        ui::Language language{};
        if (!gui_args->lang.empty()) {
            if (!parse_language(gui_args->lang, language)) {
                std::cerr << "kosim gui: --lang must be en or ko\n";
                exit_code = 2;
                return;
            }
            options.language = language;
        }
        ui::Theme theme{};
        if (!gui_args->theme.empty()) {
            if (!ui::parse_theme(gui_args->theme, theme)) {
                std::cerr << "kosim gui: --theme must be light, dark or high-contrast\n";
                exit_code = 2;
                return;
            }
            options.theme = theme;
        }
        exit_code = ui::run_gui(options);
    });

    struct ShotArgs { std::string scenario, out, size = "1280x720", lang = "en", theme = "light"; std::size_t step = 0; bool predict = false; };
    auto shot_args = std::make_shared<ShotArgs>();
    CLI::App* shot = app.add_subcommand("screenshot", "Render the window's view of one step to a PNG without showing a window");
    shot->add_option("SCENARIO", shot_args->scenario, "a .kos file or a built-in's name")->required();
    shot->add_option("--step", shot_args->step, "the step to show (0 = the start)");
    shot->add_option("--out", shot_args->out, "the PNG to write")->required();
    shot->add_option("--size", shot_args->size, "WIDTHxHEIGHT (default 1280x720)");
    shot->add_option("--lang", shot_args->lang, "interface language: en or ko");
    shot->add_option("--theme", shot_args->theme, "light, dark or high-contrast");
    shot->add_flag("--predict", shot_args->predict, "show predict mode asking about the step after --step");
    shot->callback([shot_args, &exit_code] {
        ui::ScreenshotOptions options;
        options.scenario = shot_args->scenario;
        options.step = shot_args->step;
        options.out = shot_args->out;
        options.predict = shot_args->predict;
        std::smatch m;
        static const std::regex size_pattern(R"((\d{3,5})x(\d{3,5}))");
        if (!std::regex_match(shot_args->size, m, size_pattern)) {
            std::cerr << "kosim screenshot: --size must look like 1280x720\n";
            exit_code = 2;
            return;
        }
        options.width = std::stoi(m[1]);
        options.height = std::stoi(m[2]);
        if (!parse_language(shot_args->lang, options.language)) {
            std::cerr << "kosim screenshot: --lang must be en or ko\n";
            exit_code = 2;
            return;
        }
        if (!ui::parse_theme(shot_args->theme, options.theme)) {
            std::cerr << "kosim screenshot: --theme must be light, dark or high-contrast\n";
            exit_code = 2;
            return;
        }
        exit_code = ui::run_screenshot(options);
    });
}

int run_default(int& exit_code) {
    std::string why;
    if (!ui::display_available(&why)) {
        std::cerr << "kosim: the window needs a display (" << why << ").\n"
                  << "  Try `kosim run " << default_scenario_name << "` to step through the default scenario in the terminal,\n"
                  << "  or `kosim --help` for every command.\n";
        exit_code = 2;
        return exit_code;
    }
    exit_code = ui::run_gui({});
    return exit_code;
}

}  // namespace kosim::cli
