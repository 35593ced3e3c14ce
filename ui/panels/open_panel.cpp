// Open: the built-in scenarios in a picker, any .kos file by path, reload (and the editor's items).
#include "panels/panels.h"

#include "app/platform.h"

#include "scenario/builtin.h"

namespace kosim::ui {

void OpenPanel::draw_menu(FrameContext& ctx) {
    const Language l = ctx.session.language();
    if (!ImGui::BeginMenu(tr(l, "Scenario"))) return;
    ImGui::TextDisabled("%s", tr(l, "Built-in scenarios"));
    const auto builtins = builtin_scenarios();
    for (std::size_t i = 0; i < builtins.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const std::string name(builtins[i].name);
        const bool current = ctx.session.name() == name || ctx.session.scenario().file_name == "builtin:" + name;
        if (ImGui::MenuItem(name.c_str(), nullptr, current)) {
            Intent open; open.kind = Intent::Kind::Open; open.path = name;
            ctx.intents.push_back(open);
        }
        ImGui::PopID();
    }
    if (builtins.empty()) ImGui::TextDisabled("%s", tr(l, "(none built in)"));
    ImGui::Separator();
    if (ImGui::MenuItem(tr(l, "Open .kos file..."), "Ctrl+O") && !platform::pick_file(platform::FilePurpose::Open)) open_path_popup = true;
    if (ImGui::MenuItem(tr(l, "Reload"), "F5")) { Intent r; r.kind = Intent::Kind::Reload; ctx.intents.push_back(r); }
    ImGui::Separator();
    save.draw_menu_items(ctx);
    if (!ctx.session.watched_path().empty())
        ImGui::TextDisabled("%s", fmt(tr(l, "Watching {0} for changes"), {ctx.session.watched_path()}).c_str());
    ImGui::EndMenu();
}

void OpenPanel::draw_popups(FrameContext& ctx) {
    const Language l = ctx.session.language();
    // The popup's visible title is translated; its ID after ### stays the same in every language.
    save.draw_popups(ctx);
    const std::string title = std::string(tr(l, "Open a scenario file")) + "###open_scenario";
    if (open_path_popup) {
        ImGui::OpenPopup(title.c_str());
        open_path_popup = false;
    }
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::TextUnformatted(tr(l, "Path of a .kos file (or a built-in's name); you can also drop a file on the window."));
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 30);
    const bool entered = ImGui::InputText("##path", path, sizeof path, ImGuiInputTextFlags_EnterReturnsTrue);
    if ((ImGui::Button(tr(l, "Open")) || entered) && path[0]) {
        Intent open; open.kind = Intent::Kind::Open; open.path = path;
        ctx.intents.push_back(open);
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(tr(l, "Cancel"))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace kosim::ui
