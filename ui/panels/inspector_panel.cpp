// Inspector: the selected process, handle entry or object; its type-specific state and who
// holds the object (every entry and kernel reference behind usage_count, with origins).
#include "panels/panels.h"

namespace kosim::ui {

void InspectorPanel::draw(FrameContext& ctx) {
    const InspectorView& view = *ctx.inspector;
    const Language l = ctx.session.language();
    if (view.empty) {
        ImGui::TextDisabled("%s", tr(l, "Inspector"));
        ImGui::TextWrapped("%s", tr(l, "Click a process card, a handle row or a kernel object to see everything about it, "
                                       "including who holds the object."));
        return;
    }
    ImGui::TextWrapped("%s", view.title.c_str());
    ImGui::Separator();
    // A narrow panel (presenter text at 1280x720) has no room for two columns: the value column
    // came down to a few letters and cut words in the middle ("Name d pipe"). Each key then sits
    // above its value.
    if (ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 14) {
        for (const InspectorProperty& p : view.properties) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ctx.palette.text_dim));
            ImGui::TextWrapped("%s", p.key.c_str());
            ImGui::PopStyleColor();
            ImGui::Indent(ImGui::GetFontSize() * 0.5f);
            ImGui::TextWrapped("%s", p.value.c_str());
            ImGui::Unindent(ImGui::GetFontSize() * 0.5f);
        }
    } else if (ImGui::BeginTable("properties", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        // The keys' column fits the longest key in this language, up to 45% of the panel.
        float key_w = 0;
        for (const InspectorProperty& p : view.properties) key_w = std::max(key_w, ImGui::CalcTextSize(p.key.c_str()).x);
        key_w = std::min(key_w + ImGui::GetFontSize() * 0.5f, ImGui::GetContentRegionAvail().x * 0.45f);
        ImGui::TableSetupColumn("##key", ImGuiTableColumnFlags_WidthFixed, key_w);
        ImGui::TableSetupColumn("##value", ImGuiTableColumnFlags_WidthStretch);
        for (std::size_t i = 0; i < view.properties.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ctx.palette.text_dim));
            ImGui::TextWrapped("%s", view.properties[i].key.c_str());
            ImGui::PopStyleColor();
            ImGui::TableSetColumnIndex(1);
            ImGui::TextWrapped("%s", view.properties[i].value.c_str());
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (!view.holders.empty() || !view.holders_sum.empty()) {
        ImGui::Spacing();
        ImGui::TextUnformatted(tr(l, "Who holds this object"));
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ctx.palette.text_dim));
        ImGui::TextWrapped("%s", view.holders_sum.c_str());
        ImGui::PopStyleColor();
        for (std::size_t i = 0; i < view.holders.size(); ++i) {
            const HolderRow& h = view.holders[i];
            ImGui::PushID(static_cast<int>(i));
            const std::string who = h.handle.empty() ? h.who : h.who + "  " + h.handle;
            if (ImGui::Selectable(who.c_str())) {
                Intent select; select.kind = Intent::Kind::Select; select.selection = h.select;
                ctx.intents.push_back(select);
            }
            ImGui::Indent();
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ctx.palette.text_dim));
            ImGui::TextWrapped("%s", h.origin.c_str());
            ImGui::PopStyleColor();
            ImGui::Unindent();
            ImGui::PopID();
        }
    }
    for (std::size_t s = 0; s < view.sections.size(); ++s) {
        const InspectorSection& section = view.sections[s];
        ImGui::PushID(static_cast<int>(s + 1000));
        ImGui::Spacing();
        ImGui::TextUnformatted(section.title.c_str());
        if (section.lines.empty()) ImGui::TextDisabled("%s", tr(l, "(empty)"));
        if (ctx.mono) ImGui::PushFont(ctx.mono);
        for (std::size_t i = 0; i < section.lines.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            ImGui::TextWrapped("%s", section.lines[i].c_str());
            ImGui::PopID();
        }
        if (ctx.mono) ImGui::PopFont();
        ImGui::PopID();
    }
    if (!view.table.empty()) {
        ImGui::Spacing();
        ImGui::TextUnformatted(fmt(trn(l, "Handle table ({0} entry)", "Handle table ({0} entries)", view.table.size()),
                                   {std::to_string(view.table.size())}).c_str());
        const float height = std::min(ImGui::GetTextLineHeightWithSpacing() * (static_cast<float>(view.table.size()) + 1.5f),
                                      std::max(ImGui::GetContentRegionAvail().y, ImGui::GetTextLineHeightWithSpacing() * 6));
        if (ImGui::BeginTable("table", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp,
                              ImVec2(0, height))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn(tr(l, "Handle"));
            ImGui::TableSetupColumn(tr(l, "Object"));
            ImGui::TableSetupColumn(tr(l, "Inherit"));
            ImGui::TableSetupColumn(tr(l, "Origin"));
            ImGui::TableHeadersRow();
            ImGuiListClipper clipper;   // a process may hold thousands of handles
            clipper.Begin(static_cast<int>(view.table.size()));
            while (clipper.Step()) {
                for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                    const HandleRow& row = view.table[static_cast<std::size_t>(i)];
                    ImGui::PushID(i);
                    ImGui::TableNextRow();
                    ImGui::TableSetColumnIndex(0);
                    if (ImGui::Selectable(row.value_text.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
                        Intent select; select.kind = Intent::Kind::Select;
                        select.selection = Selection::entry(ctx.session.selection().pid, row.value);
                        ctx.intents.push_back(select);
                    }
                    ImGui::TableSetColumnIndex(1);
                    ImGui::TextUnformatted(row.object_text.c_str());
                    ImGui::TableSetColumnIndex(2);
                    ImGui::TextUnformatted(row.inherit ? tr(l, "yes") : tr(l, "no"));
                    ImGui::TableSetColumnIndex(3);
                    ImGui::TextUnformatted(row.origin_text.c_str());
                    ImGui::PopID();
                }
            }
            ImGui::EndTable();
        }
    }
}

}  // namespace kosim::ui
