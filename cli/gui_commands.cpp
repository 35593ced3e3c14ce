// `kosim gui [SCENARIO]`, `kosim screenshot SCENARIO --step N --out FILE.png`, `kosim layout SCENARIO
// --json` (the geometry of one step, no display needed), and what `kosim`
// with no command does: the window on the default scenario, or a clear message without a display.
#include <iostream>
#include <regex>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/text_metrics.h"
#include "view_models/layout_report.h"
#include "cli/commands.h"
#include "cli/memory_budget.h"
#include "scenario/builtin.h"

namespace kosim::cli {
namespace {

bool parse_language(const std::string& text, ui::Language& language) {
    if (text == "en") { language = ui::Language::English; return true; }
    if (text == "ko") { language = ui::Language::Korean; return true; }
    return false;
}

struct LayoutArgs { std::string scenario, size = "1280x720", lang = "en", base = "hex"; std::size_t step = 0; float scale = 1.0f; bool json = false; bool environment = false; bool large_diagram_text = false; };

// `kosim layout`: the window's geometry of one step as JSON, measured with the window's fonts.
int run_layout(const LayoutArgs& args) {
    std::smatch m;
    static const std::regex size_pattern(R"((\d{3,5})x(\d{3,5}))");
    ui::Language language{};
    if (!std::regex_match(args.size, m, size_pattern)) {
        std::cerr << "kosim layout: --size must look like 1280x720\n";
        return 2;
    }
    const int width = std::stoi(m[1]), height = std::stoi(m[2]);
    if (width < 320 || height < 240 || width > 8192 || height > 8192) {
        std::cerr << "kosim layout: --size must be between 320x240 and 8192x8192\n";
        return 2;
    }
    if (!(args.scale >= 0.5f && args.scale <= 3.0f)) {
        std::cerr << "kosim layout: --scale must be between 0.5 and 3 (1 normal, 1.5 presenter)\n";
        return 2;
    }
    if (!parse_language(args.lang, language)) {
        std::cerr << "kosim layout: --lang must be en or ko\n";
        return 2;
    }
    if (args.base != "hex" && args.base != "dec") {
        std::cerr << "kosim layout: --base must be hex or dec\n";
        return 2;
    }
    ui::Session session;
    ui::Intent set;
    set.kind = ui::Intent::Kind::SetLanguage;
    set.language = language;
    session.apply(set);
    if (!session.open(args.scenario)) {
        std::cerr << "kosim layout: '" << args.scenario << "' cannot run";
        if (!session.load_error().empty()) std::cerr << ": " << session.load_error();
        std::cerr << "\n";
        for (const auto& d : session.scenario().parsed.diagnostics)
            std::cerr << format_diagnostic(d, session.scenario().source, session.scenario().file_name) << "\n";
        return 2;
    }
    if (args.step > session.step_count()) {
        std::cerr << "kosim layout: step " << args.step << " is past the end ('" << args.scenario << "' has " << session.step_count()
                  << " steps)\n";
        return 2;
    }
    ui::Intent seek;
    seek.kind = ui::Intent::Kind::Seek;
    seek.step = args.step;
    session.apply(seek);
    const float font = ui::base_font_pixels * args.scale;
    const ui::HeadlessFonts fonts(font);
    const auto base = args.base == "dec" ? ui::NumberBase::Decimal : ui::NumberBase::Hex;
    const ui::WorldPlan plan = ui::plan_session(session, font, base, fonts.metrics(), args.environment);
    const ui::StepLayout layout = ui::layout_step(session, plan, static_cast<float>(width), static_cast<float>(height), font, base, fonts.metrics(),
                                                  ui::diagram_zoom(font, ui::base_font_pixels, args.large_diagram_text));
    nlohmann::ordered_json out;
    out["size"] = {width, height};
    // The view's own decisions, so a script can count the steps that scroll without re-deriving them.
    out["zoom"] = layout.zoom;
    out["scrolls"] = layout.scrolls;
    out["wide_world"] = layout.screen.wide_world;
    out["inspector_hidden"] = layout.screen.inspector_hidden;
    out["items"] = nlohmann::ordered_json::array();
    for (const auto& item : layout.items) {
        nlohmann::ordered_json j;
        j["id"] = item.id;
        j["parent"] = item.parent < 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(item.parent);
        j["kind"] = item.kind;
        j["text"] = item.text;
        j["rect"] = {{"x", item.rect.x}, {"y", item.rect.y}, {"w", item.rect.w}, {"h", item.rect.h}};
        j["visible"] = item.visible;
        out["items"].push_back(std::move(j));
    }
    std::cout << out.dump(args.json ? 1 : -1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
}

}  // namespace

void register_layout_command(CLI::App& app, int& exit_code);

void register_gui_commands(CLI::App& app, int& exit_code) {
    struct GuiArgs { std::string scenario, lang, theme; std::size_t frames = 0; };
    auto gui_args = std::make_shared<GuiArgs>();
    CLI::App* gui = app.add_subcommand("gui", "Open the window (the default when no command is given)");
    gui->add_option("SCENARIO", gui_args->scenario, "a .kos file, a built-in's name or a recording (kosim record's .json) (default: " +
                                                         std::string(default_scenario_name) + ")");
    gui->add_option("--lang", gui_args->lang, "interface language: en or ko");
    gui->add_option("--theme", gui_args->theme, "light, dark or high-contrast");
    gui->add_option("--frames", gui_args->frames, "close after this many frames, saving settings (for tests and timing)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
    add_max_memory_option(*gui);
    gui->callback([gui_args, &exit_code] {
        ui::GuiOptions options;
        options.timeline = budgeted_timeline_options();
        options.scenario = gui_args->scenario;
        options.frames = gui_args->frames;
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

    register_layout_command(app, exit_code);

    struct ShotArgs { std::string scenario, out, size = "1280x720", lang = "en", theme = "light", edited; std::size_t step = 0; bool predict = false; bool presenter = false; bool environment = false; bool large_diagram_text = false; bool edit = false; };
    auto shot_args = std::make_shared<ShotArgs>();
    CLI::App* shot = app.add_subcommand("screenshot", "Render the window's view of one step to a PNG without showing a window");
    shot->add_option("SCENARIO", shot_args->scenario, "a .kos file, a built-in's name, or a recording (kosim record's .json)")->required();
    shot->add_option("--step", shot_args->step, "the step to show (0 = the start)");
    shot->add_option("--out", shot_args->out, "the PNG to write")->required();
    shot->add_option("--size", shot_args->size, "WIDTHxHEIGHT (default 1280x720)");
    shot->add_option("--lang", shot_args->lang, "interface language: en or ko");
    shot->add_option("--theme", shot_args->theme, "light, dark or high-contrast");
    shot->add_flag("--predict", shot_args->predict, "show predict mode asking about the step after --step");
    shot->add_flag("--presenter", shot_args->presenter, "the presenter preset: text 1.5x, high-contrast theme");
    shot->add_flag("--environment", shot_args->environment, "show command lines and environment blocks on the process cards (View menu)");
    shot->add_flag("--large-diagram-text", shot_args->large_diagram_text, "View > Large diagram text (pan): presenter text in the diagram stays at least the normal size; a world too big pans");
    shot->add_flag("--edit", shot_args->edit, "show the scenario's text in the editor");
    shot->add_option("--edited", shot_args->edited, "a .kos file typed into the editor over SCENARIO (its diagnostics inline; SCENARIO's run stays while it has errors)");
    add_max_memory_option(*shot);
    shot->callback([shot_args, &exit_code] {
        ui::ScreenshotOptions options;
        options.timeline = budgeted_timeline_options();
        options.scenario = shot_args->scenario;
        options.step = shot_args->step;
        options.out = shot_args->out;
        options.predict = shot_args->predict;
        options.environment = shot_args->environment;
        options.large_diagram_text = shot_args->large_diagram_text;
        options.edit = shot_args->edit;
        options.edited = shot_args->edited;
        if (shot_args->presenter) {
            options.font_scale = 1.5f;
            shot_args->theme = "high-contrast";
        }
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

void register_layout_command(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<LayoutArgs>();
    CLI::App* layout = app.add_subcommand("layout", "Print the window's geometry of one step (every box and text) without a display");
    layout->add_option("SCENARIO", args->scenario, "a .kos file or a built-in's name")->required();
    layout->add_option("--step", args->step, "the step to lay out (0 = the start)");
    layout->add_option("--size", args->size, "the window, WIDTHxHEIGHT (default 1280x720)");
    layout->add_option("--scale", args->scale, "text size: 1 normal, 1.5 presenter (default 1)");
    layout->add_option("--lang", args->lang, "en or ko");
    layout->add_option("--base", args->base, "handle values in hex or dec (default hex)");
    layout->add_flag("--json", args->json, "JSON, indented (the output is always JSON)");
    layout->add_flag("--environment", args->environment, "with command lines and environment blocks on the process cards (View menu)");
    layout->add_flag("--large-diagram-text", args->large_diagram_text, "View > Large diagram text (pan): presenter text in the diagram stays at least the normal size; a world too big pans");
    layout->callback([args, &exit_code] { exit_code = run_layout(*args); });
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
    ui::GuiOptions options;
    options.timeline = budgeted_timeline_options();   // the default budget, counted as on the command line
    exit_code = ui::run_gui(options);
    return exit_code;
}

}  // namespace kosim::cli
