// Predict mode: the counts the next step will change are hidden; the student types what each
// will become, then Reveal applies the step and marks every answer right or wrong.
#include <cstdlib>

#include "panels/panels.h"

namespace kosim::ui {

void PredictPanel::draw(FrameContext& ctx) {
    const Palette& pal = ctx.palette;
    const auto& prediction = ctx.session.prediction();
    const Language l = ctx.session.language();
    ImGui::TextUnformatted(tr(l, "Predict mode"));
    if (ctx.session.predictions_total() > 0)
        ImGui::TextDisabled("%s", fmt(tr(l, "{0} of {1} right so far"), {std::to_string(ctx.session.predictions_right()),
                                                                         std::to_string(ctx.session.predictions_total())}).c_str());
    if (!prediction) {
        ImGui::TextWrapped("%s", tr(l, "Press Forward (>): before the next step runs you predict the counts it changes."));
        return;
    }
    if (prediction->step != for_step) {
        for (auto& input : inputs) input[0] = '\0';
        for_step = prediction->step;
    }
    ImGui::Separator();
    ImGui::TextWrapped("%s", fmt(tr(l, "After step {0}, what will these be?"), {std::to_string(prediction->step)}).c_str());
    if (!prediction->call.empty()) {   // the question is about this call: show it, not only on the source line
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(pal.names));
        ImGui::TextWrapped("%s", prediction->call.c_str());
        ImGui::PopStyleColor();
    }
    if (ImGui::BeginTable("predictions", prediction->revealed ? 4 : 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        for (std::size_t i = 0; i < prediction->items.size() && i < 32; ++i) {
            const PredictionItem& item = prediction->items[i];
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextWrapped("%s %s", describe::label_text(item.label, l).c_str(), tr(l, count_name(item.count)));
            ImGui::TableSetColumnIndex(1);
            if (!prediction->revealed) {
                ImGui::SetNextItemWidth(ImGui::GetFontSize() * 3.5f);
                if (ImGui::InputText("##guess", inputs[i], sizeof inputs[i], ImGuiInputTextFlags_CharsDecimal)) {
                    Intent set; set.kind = Intent::Kind::SetGuess; set.index = i;
                    if (inputs[i][0]) set.guess = static_cast<std::uint32_t>(std::strtoul(inputs[i], nullptr, 10));
                    ctx.intents.push_back(set);
                }
                // Enter or the right arrow in an answer reveals, as the right arrow does elsewhere
                // (the window's keys are off while a text field has focus).
                if (ImGui::IsItemActive() && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                                              ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false) ||
                                              ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow), false))) {
                    Intent r; r.kind = Intent::Kind::Reveal; ctx.intents.push_back(r);
                }
            } else {
                ImGui::Text("%s", item.guess ? std::to_string(*item.guess).c_str() : "-");
                ImGui::TableSetColumnIndex(2);
                ImGui::Text("= %u", item.truth);
                ImGui::TableSetColumnIndex(3);
                const Verdict v = i < prediction->result.verdicts.size() ? prediction->result.verdicts[i] : Verdict::Unanswered;
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(v == Verdict::Right ? pal.passed : v == Verdict::Wrong ? pal.error : pal.text_dim));
                // TRANSLATORS: the mark of a student's answer: right (correct), wrong, no answer.
                ImGui::TextUnformatted(v == Verdict::Right ? tr(l, "right") : v == Verdict::Wrong ? tr(l, "wrong") : tr(l, "no answer"));
                ImGui::PopStyleColor();
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (!prediction->revealed) {
        if (ImGui::Button(tr(l, "Reveal (>)"))) { Intent r; r.kind = Intent::Kind::Reveal; ctx.intents.push_back(r); }
    } else {
        ImGui::TextUnformatted(fmt(tr(l, "{0} right, {1} wrong"), {std::to_string(prediction->result.right),
                                                                    std::to_string(prediction->result.wrong)}).c_str());
    }
}

}  // namespace kosim::ui
