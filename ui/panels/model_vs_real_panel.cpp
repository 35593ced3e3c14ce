// The "Model vs real" window: model and native side by side per step; a click seeks to that step.
#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "app/platform.h"
#include "panels/panels.h"

namespace kosim::ui {

namespace fs = std::filesystem;

namespace {

// The name `kosim crosscheck` takes: a built-in's name or the file's path.
std::string scenario_argument(const Session& session) {
    const std::string& file = session.scenario().file_name;
    return file.rfind("builtin:", 0) == 0 ? file.substr(8) : file;
}

}  // namespace

void ModelVsRealPanel::draw_menu(FrameContext& ctx) {
    const Language l = ctx.session.language();
    if (ImGui::MenuItem(tr(l, "Model vs real: open a native trace..."), nullptr, false, ctx.session.valid()) && !platform::pick_file(platform::FilePurpose::Trace))
        open_popup = true;
    // kosim crosscheck from this same program, which finds kosim-native.exe the same way.
    const fs::path self = platform::own_executable();
    const bool can_run = ctx.session.valid() && platform::can_run_processes() && !self.empty() &&
                         !platform::native_runner().empty() && !running.valid();
    // Windows runs kosim-native.exe on its own kernel; Linux runs it under Wine.
    std::string why;
    const auto launcher = platform::native_launcher(&why);
    const char* label = launcher && launcher->empty() ? tr(l, "Model vs real: run the cross-check (this Windows)")
                                                      : tr(l, "Model vs real: run the cross-check (Wine)");
    if (ImGui::MenuItem(label, nullptr, false, can_run && launcher)) {
        const std::string scenario = scenario_argument(ctx.session);
        const fs::path folder = fs::temp_directory_path() / ("kosim-gui-crosscheck-" + std::to_string(std::rand()));
        run_folder = platform::utf8_of(folder);
        run_stem = platform::utf8_of(platform::path_from_utf8(scenario).stem());
        fs::create_directories(folder);
        std::vector<std::string> argv{platform::utf8_of(self), "crosscheck", scenario, "--keep", run_folder};
        running = std::async(std::launch::async,
                             [argv, log = folder / "crosscheck.log"] { return platform::run_process(argv, log); });
        status = fmt(tr(l, "running the cross-check of {0} ..."), {scenario});
        visible = true;
    }
    // Why the item is greyed out (no Wine; a web page), so nobody hunts for a setting.
    if (!launcher && !why.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
        ImGui::TextDisabled("%s", tr(l, why.c_str()));
        ImGui::PopTextWrapPos();
    }
}

void ModelVsRealPanel::draw(FrameContext& ctx) {
    const Language l = ctx.session.language();
    if (running.valid() && running.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        running.get();
        const std::string native = platform::utf8_of(platform::path_from_utf8(run_folder) / (run_stem + ".native.json"));
        if (fs::exists(platform::path_from_utf8(native))) {
            view = compare_with_native_trace(ctx.session.scenario().parsed.program, native, l);
            status.clear();
        } else {
            status = fmt(tr(l, "the cross-check wrote no native trace; see {0}"), {run_folder + "/crosscheck.log"});
        }
    }
    const std::string popup = std::string(tr(l, "Open a native trace")) + "###open_native_trace";
    if (open_popup) {
        ImGui::OpenPopup(popup.c_str());
        open_popup = false;
    }
    if (ImGui::BeginPopupModal(popup.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted(tr(l, "A trace written by kosim-native.exe SCENARIO --json FILE (or kosim crosscheck --keep DIR)."));
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 30);
        const bool entered = ImGui::InputText("##native", path, sizeof path, ImGuiInputTextFlags_EnterReturnsTrue);
        if ((ImGui::Button(tr(l, "Compare")) || entered) && path[0]) {
            view = compare_with_native_trace(ctx.session.scenario().parsed.program, path, l);
            visible = true;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(tr(l, "Cancel"))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (!visible) return;

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    // The lower part of the screen: the diagram's cards, at the top of the world panel, stay in view.
    ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x * 0.8f, viewport->WorkSize.y * 0.42f), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.1f, viewport->WorkPos.y + viewport->WorkSize.y * 0.56f),
                            ImGuiCond_FirstUseEver);
    const std::string window = std::string(tr(l, "Model vs real")) + "###model_vs_real";
    if (!ImGui::Begin(window.c_str(), &visible)) {
        ImGui::End();
        return;
    }
    if (!status.empty()) ImGui::TextUnformatted(status.c_str());
    if (!view) {
        ImGui::TextDisabled("%s", tr(l, "No native trace yet: Compare > Model vs real."));
    } else if (!view->ok()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.error);
        ImGui::TextWrapped("%s", view->error.c_str());
        ImGui::PopStyleColor();
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, view->unexplained ? ctx.palette.error : ctx.palette.passed);
        ImGui::TextUnformatted(view->summary.c_str());
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::TextDisabled("%s", fmt(tr(l, "(model vs {0}, {1})"), {view->platform, view->native_path}).c_str());
        if (!view->warning.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.warning);
            ImGui::TextWrapped("%s", view->warning.c_str());
            ImGui::PopStyleColor();
        }
        const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                      ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
        if (ImGui::BeginTable("model_vs_real", 6, flags)) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn(tr(l, "step"), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 3);
            ImGui::TableSetupColumn(tr(l, "line"), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 3);
            ImGui::TableSetupColumn(tr(l, "call"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
            ImGui::TableSetupColumn(tr(l, "model"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn(tr(l, "real"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn(tr(l, "verdict"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
            ImGui::TableHeadersRow();
            const std::size_t position = ctx.session.position();
            for (std::size_t i = 0; i < view->rows.size(); ++i) {
                const compare::SideBySideRow& row = view->rows[i];
                ImGui::PushID(static_cast<int>(i));
                ImGui::TableNextRow();
                if (row.step == position) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ctx.palette.current_line);
                ImGui::TableSetColumnIndex(0);
                const std::string step = std::to_string(row.step);
                if (ImGui::Selectable(step.c_str(), row.step == position, ImGuiSelectableFlags_SpanAllColumns)) {
                    Intent seek;
                    seek.kind = Intent::Kind::Seek;
                    seek.step = row.step;
                    ctx.intents.push_back(seek);
                }
                ImGui::TableSetColumnIndex(1);
                if (row.line) ImGui::Text("%u", row.line);
                ImGui::TableSetColumnIndex(2);
                ImGui::TextUnformatted((row.process.empty() ? row.call : row.process + ": " + row.call).c_str());
                ImGui::TableSetColumnIndex(3);
                ImGui::TextUnformatted(row.model.c_str());
                ImGui::TableSetColumnIndex(4);
                ImGui::TextUnformatted(row.native.c_str());
                ImGui::TableSetColumnIndex(5);
                using Status = compare::SideBySideRow::Status;
                const ImU32 colour = row.status == Status::Mismatch ? ctx.palette.error
                                     : row.status == Status::Explained ? ctx.palette.warning : ctx.palette.passed;
                ImGui::PushStyleColor(ImGuiCol_Text, colour);
                ImGui::TextUnformatted(row.status == Status::Mismatch ? tr(l, "MISMATCH") : row.status == Status::Explained ? tr(l, "explained") : tr(l, "same"));
                ImGui::PopStyleColor();
                for (const std::string& detail : row.details) ImGui::TextWrapped("%s", detail.c_str());
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
    }
    ImGui::End();
}

}  // namespace kosim::ui
