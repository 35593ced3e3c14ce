// Saving the edited scenario: the Scenario menu's Edit / Save / Save as / Discard items, the Save as
// popup (a path; asks before replacing a file), and the question asked before unsaved edits would
// be lost (open another scenario, the file changed on disk, close the window).
#include "panels/panels.h"

#include "app/platform.h"

#include <cstring>
#include <filesystem>

namespace kosim::ui {
namespace {

// Where Save as proposes to write: the open file, or the built-in's name as a .kos file here.
std::string default_path(const Session& session) {
    if (!session.watched_path().empty()) return session.watched_path();
    std::string name = session.scenario().file_name;
    if (name.starts_with("builtin:")) name = name.substr(8);
    if (name.empty()) name = "scenario";
    if (!name.ends_with(".kos")) name += ".kos";
    return name;
}

void set_path(char (&path)[1024], const std::string& text) {
    std::strncpy(path, text.c_str(), sizeof path - 1);
    path[sizeof path - 1] = '\0';
}

void push(FrameContext& ctx, Intent::Kind kind) {
    Intent i;
    i.kind = kind;
    ctx.intents.push_back(i);
}

// The last save's outcome, when it failed or needs an answer (and came after `since`).
void show_status(FrameContext& ctx, std::uint64_t since) {
    const SaveStatus& status = ctx.session.save_status();
    if (status.serial <= since) return;
    if (status.outcome != SaveStatus::Outcome::Failed && status.outcome != SaveStatus::Outcome::Exists) return;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(status.outcome == SaveStatus::Outcome::Failed ? ctx.palette.error : ctx.palette.warning));
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
    ImGui::TextUnformatted(status.message.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

}  // namespace

void SavePanel::draw_menu_items(FrameContext& ctx) {
    const Session& session = ctx.session;
    const Language l = session.language();
    if (ImGui::MenuItem(tr(l, "Edit the scenario"), "Ctrl+E", session.editing(), session.can_edit())) {
        Intent i;
        i.kind = Intent::Kind::SetEditing;
        i.flag = !session.editing();
        ctx.intents.push_back(i);
    }
    if (ImGui::MenuItem(tr(l, "Save"), "Ctrl+S", false, session.can_edit())) push(ctx, Intent::Kind::Save);
    if (ImGui::MenuItem(tr(l, "Save as..."), nullptr, false, session.can_edit())) open_save_as = true;
    if (ImGui::MenuItem(tr(l, "Discard unsaved edits"), nullptr, false, session.modified())) push(ctx, Intent::Kind::Revert);
    if (!session.can_save() && session.can_edit())
        ImGui::TextDisabled("%s", tr(l, "A built-in is saved with Save as, into a file of your own."));
}

void SavePanel::draw_popups(FrameContext& ctx) {
    const Session& session = ctx.session;
    const Language l = session.language();
    const SaveStatus& status = session.save_status();
    // Save on a built-in (or on text not from a file) asks for a path.
    if (status.serial != seen_serial) {
        seen_serial = status.serial;
        if (status.outcome == SaveStatus::Outcome::NeedsPath && !session.unsaved_question()) open_save_as = true;
    }

    const std::string save_as_title = std::string(tr(l, "Save the scenario as")) + "###save_as";
    if (open_save_as) {
        open_save_as = false;
        waiting = false;
        set_path(path, default_path(session));
        ImGui::OpenPopup(save_as_title.c_str());
    }
    if (ImGui::BeginPopupModal(save_as_title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        if (waiting && status.outcome == SaveStatus::Outcome::Saved) {
            waiting = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::TextUnformatted(platform::saves_as_downloads() ? tr(l, "Name of the .kos file to download:") : tr(l, "Path of the .kos file to write:"));
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 30);
        const bool entered = ImGui::InputText("##save_path", path, sizeof path, ImGuiInputTextFlags_EnterReturnsTrue);
        if (waiting) show_status(ctx, 0);
        auto send = [&](bool replace) {
            Intent i;
            i.kind = Intent::Kind::SaveAs;
            i.path = path;
            i.flag = replace;
            ctx.intents.push_back(i);
            waiting = true;
        };
        if (ImGui::Button(tr(l, "Save")) || entered) send(false);
        if (waiting && status.outcome == SaveStatus::Outcome::Exists && status.path == path) {
            ImGui::SameLine();
            if (ImGui::Button(tr(l, "Replace it"))) send(true);
        }
        ImGui::SameLine();
        if (ImGui::Button(tr(l, "Cancel"))) {
            waiting = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }

    // The question before unsaved edits would be lost.
    const std::string question_title = std::string(tr(l, "Unsaved edits")) + "###unsaved_edits";
    const auto& question = session.unsaved_question();
    if (question && !ImGui::IsPopupOpen(question_title.c_str())) {
        set_path(path, default_path(session));
        question_serial = status.serial;
        ImGui::OpenPopup(question_title.c_str());
    }
    if (!ImGui::BeginPopupModal(question_title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    if (!question) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
    ImGui::TextUnformatted(fmt(tr(l, "{0} has edits that are not saved."), {session.scenario().file_name}).c_str());
    switch (question->action) {
    case UnsavedQuestion::Action::Open:
        ImGui::TextUnformatted(fmt(tr(l, "Save them before opening {0}?"), {question->path}).c_str());
        break;
    case UnsavedQuestion::Action::Reload:
        ImGui::TextUnformatted(tr(l, "The file changed on disk. Save your edits over it, or discard them and load the file?"));
        break;
    case UnsavedQuestion::Action::Quit:
        ImGui::TextUnformatted(tr(l, "Save them before closing kosim?"));
        break;
    }
    ImGui::PopTextWrapPos();
    if (!session.can_save()) {
        ImGui::TextUnformatted(platform::saves_as_downloads() ? tr(l, "Save as (name of the .kos file to download):")
                                                              : tr(l, "Save as (path of the .kos file to write):"));
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 30);
        ImGui::InputText("##question_path", path, sizeof path);
    }
    show_status(ctx, question_serial);
    auto answer = [&](Intent::Choice choice, bool replace) {
        Intent i;
        i.kind = Intent::Kind::Answer;
        i.answer = choice;
        i.path = path;
        i.flag = replace;
        ctx.intents.push_back(i);
    };
    if (ImGui::Button(tr(l, "Save"))) answer(Intent::Choice::Save, false);
    if (status.serial > question_serial && status.outcome == SaveStatus::Outcome::Exists && status.path == path) {
        ImGui::SameLine();
        if (ImGui::Button(tr(l, "Replace it"))) answer(Intent::Choice::Save, true);
    }
    ImGui::SameLine();
    if (ImGui::Button(tr(l, "Discard the edits"))) answer(Intent::Choice::Discard, false);
    ImGui::SameLine();
    if (ImGui::Button(tr(l, "Cancel"))) answer(Intent::Choice::Cancel, false);
    ImGui::EndPopup();
}

}  // namespace kosim::ui
