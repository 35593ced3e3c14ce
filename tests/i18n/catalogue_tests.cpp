// The catalogue: every user-visible string goes through it, every Korean entry keeps its
// placeholders, and in Korean no English word leaks into the describer's or the view models' text.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "describe/describe.h"
#include "scenario/builtin.h"
#include "scenario/parser.h"
#include "source_scan.h"
#include "timeline/timeline.h"
#include "view_models/inspector_view_model.h"
#include "view_models/narration.h"
#include "view_models/world_view_model.h"

using namespace kosim;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> bypasses_in(const std::string& source, const std::string& name) {
    std::vector<std::string> found;
    for (const auto& literal : i18n_test::string_literals(source))
        if (i18n_test::bypasses_catalogue(literal))
            found.push_back(name + ":" + std::to_string(literal.line) + ": \"" + literal.text + "\" (in " +
                            (literal.callee.empty() ? std::string("no call") : literal.callee + "()") + ")");
    return found;
}

std::set<std::string> placeholders(std::string_view text) {
    std::set<std::string> found;
    for (std::size_t i = 0; i + 2 < text.size(); ++i)
        if (text[i] == '{' && text[i + 1] >= '0' && text[i + 1] <= '9' && text[i + 2] == '}') found.insert(std::string(text.substr(i, 3)));
    return found;
}

// English words left in a Korean text: a run of 3+ lowercase ASCII letters that is a word of its own
// (not part of an identifier such as hRead or usage_count), outside quotes (names, paths).
std::vector<std::string> english_words(const std::string& text) {
    std::string unquoted;
    char quote = 0;
    for (char c : text) {
        if (quote) { if (c == quote) quote = 0; continue; }
        if (c == '\'' || c == '"') { quote = c; continue; }
        unquoted += c;
    }
    std::vector<std::string> words;
    static const std::regex word(R"([A-Za-z0-9_]+)");
    for (auto it = std::sregex_iterator(unquoted.begin(), unquoted.end(), word); it != std::sregex_iterator(); ++it) {
        const std::string w = it->str();
        const auto at = static_cast<std::size_t>(it->position());
        // Parts of paths and file names (\\.\mailslot\demo, handle.txt) are names, not words.
        const char before = at > 0 ? unquoted[at - 1] : ' ', after = at + w.size() < unquoted.size() ? unquoted[at + w.size()] : ' ';
        if (before == '\\' || before == '/' || before == '.' || after == '.' || after == '=') continue;
        const bool lowercase = std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
        if (lowercase && w.size() >= 3 && w != "pid") words.push_back(w);
    }
    return words;
}

}  // namespace

TEST_CASE("the scanner finds a literal shown without the catalogue and accepts one that goes through it") {
    const std::string planted =
        "void f(Language l) {\n"
        "    ImGui::TextUnformatted(\"Who holds this object\");\n"   // a bypass
        "    ImGui::TextUnformatted(tr(l, \"Who holds this object\"));\n"
        "    ImGui::PushID(\"row\");\n"
        "    ImGui::Text(\"%s\", name);  // \"not a literal\"\n"
        "    ImGui::Button(\"##hidden\");\n"
        "}\n";
    const auto found = bypasses_in(planted, "planted.cpp");
    REQUIRE(found.size() == 1);
    CHECK(found[0] == "planted.cpp:2: \"Who holds this object\" (in TextUnformatted())");
}

TEST_CASE("no user-visible string in the panels, view models or describer bypasses the catalogue") {
    const fs::path root(KOSIM_SOURCE_DIR);
    std::vector<fs::path> files;
    for (const char* folder : {"ui/panels", "ui/view_models", "sim/describe"})
        for (const auto& entry : fs::directory_iterator(root / folder))
            if (entry.path().extension() == ".cpp") files.push_back(entry.path());
    files.push_back(root / "ui/app/app.cpp");
    REQUIRE(files.size() > 15);
    std::vector<std::string> found;
    for (const auto& file : files)
        for (auto& bypass : bypasses_in(read_file(file), fs::relative(file, root).string())) found.push_back(std::move(bypass));
    std::string all;
    for (const auto& bypass : found) all += bypass + "\n";
    INFO(all);
    CHECK(found.empty());
}

TEST_CASE("every Korean entry is translated and keeps exactly the placeholders of its msgid") {
    const auto catalogue = korean_catalogue();
    REQUIRE(catalogue.size() > 200);
    for (const CatalogueEntry& entry : catalogue) {
        CAPTURE(entry.msgid);
        CHECK(*entry.msgstr != '\0');
        CHECK(placeholders(entry.msgstr) == placeholders(entry.msgid));
        if (*entry.msgid_plural) CHECK(placeholders(entry.msgid_plural) == placeholders(entry.msgid));
    }
}

TEST_CASE("tr and trn look up Korean, keep English, and fmt puts arguments in the translation's order") {
    CHECK(std::string(tr(Language::English, "Who holds this object")) == "Who holds this object");
    CHECK(std::string(tr(Language::Korean, "Who holds this object")) == "이 오브젝트를 참조하는 곳");
    CHECK(std::string(tr(Language::Korean, "no such msgid, shown as is")) == "no such msgid, shown as is");
    CHECK(std::string(trn(Language::English, "{0} byte", "{0} bytes", 1)) == "{0} byte");
    CHECK(std::string(trn(Language::English, "{0} byte", "{0} bytes", 2)) == "{0} bytes");
    CHECK(std::string(trn(Language::Korean, "{0} byte", "{0} bytes", 2)) == "{0}바이트");
    CHECK(fmt(tr(Language::Korean, "Handle {0} in {1}"), {"0x4", "Parent"}) == "Parent의 핸들 0x4");
    CHECK(fmt("{1} {0} {9}", {"a", "b"}) == "b a ");
}

TEST_CASE("in Korean, every built-in's narration, world view and inspector say nothing in English") {
    std::size_t texts = 0;
    for (const BuiltinScenario& builtin : builtin_scenarios()) {
        ParseResult parsed = parse_scenario(builtin.source, std::string(builtin.name));
        REQUIRE(parsed.ok());
        Timeline timeline(parsed.program);
        for (std::size_t step = 0; step <= timeline.step_count(); ++step) {
            std::optional<StepRecord> record;
            if (step > 0) record = timeline.record(step);
            const RunState state = timeline.state_at(step);
            std::vector<std::string> shown;
            // The heading quotes the scenario's source; the describer's sentences are checked whole.
            const ui::StepNarration n = ui::narrate_step(timeline.program(), step, timeline.step_count(), record ? &*record : nullptr,
                                                         state.world, Language::Korean);
            shown.insert(shown.end(), n.sentences.begin(), n.sentences.end());
            ui::WorldViewOptions options;
            options.language = Language::Korean;
            static const std::vector<model::Change> none;
            const ui::WorldView view = ui::build_world_view(state.world, record ? std::span<const model::Change>(record->changes)
                                                                                : std::span<const model::Change>(none), options);
            for (const auto& card : view.cards) {
                shown.push_back(card.state_text);
                for (const auto& row : card.rows) {
                    shown.insert(shown.end(), {row.type, row.object_text, row.origin_verb, row.origin_text});
                }
                const ui::InspectorView inspector = ui::build_inspector(state, ui::Selection::process(card.pid), Language::Korean);
                shown.push_back(inspector.title);
                for (const auto& p : inspector.properties) {
                    shown.push_back(p.key);
                    if (p.key != "command line" && p.key != tr(Language::Korean, "command line")) shown.push_back(p.value);
                }
                for (const auto& s : inspector.sections) shown.push_back(s.title);
            }
            for (const auto& node : view.objects) {
                shown.insert(shown.end(), {node.kind, node.label, node.title, node.state_line});
                const ui::InspectorView inspector = ui::build_inspector(state, ui::Selection::object_node(node.id), Language::Korean);
                for (const auto& p : inspector.properties) shown.insert(shown.end(), {p.key, p.value});
                for (const auto& h : inspector.holders) shown.insert(shown.end(), {h.who, h.origin});
                shown.push_back(inspector.holders_sum);
            }
            for (const std::string& text : shown) {
                ++texts;
                const auto words = english_words(text);
                INFO(builtin.name << " step " << step << ": " << text);
                CHECK(words.empty());
            }
        }
    }
    CHECK(texts > 1000);
    // The same check finds the English words in English text, so its silence above means something.
    CHECK(english_words(describe::origin_text(model::Origin{}, model::World{}, Language::English)) == std::vector<std::string>{"created"});
    CHECK(english_words(describe::origin_text(model::Origin{}, model::World{}, Language::Korean)).empty());
}

TEST_CASE("switching the language changes the describer's words, object kinds included") {
    model::World world;
    const model::Pid pid = world.add_process("Parent");
    const model::KernelObject* process_object = world.object(world.process(pid)->process_object);
    REQUIRE(process_object != nullptr);
    const describe::ObjectLabel label = describe::label_of(world, *process_object);
    CHECK(describe::label_text(label, Language::English) == "Process 'Parent'");
    CHECK(describe::label_text(label, Language::Korean) == "프로세스 'Parent'");
    CHECK(std::string(describe::kind_text(model::ObjectKind::NamedPipeServer, Language::Korean)) == "이름 있는 파이프 (서버 끝)");
    CHECK(std::string(describe::kind_text(model::ObjectKind::PipeReadEnd, Language::Korean)) == "익명 파이프 읽기 끝");
}
