// Predict mode: the counts the next step will change are hidden; the student types what each
// will become, then Reveal applies the step and marks every answer right or wrong.
#include <cstdlib>

#include "panels/panels.h"

namespace kosim::ui {

void PredictPanel::draw(FrameContext& ctx) {
    const Palette& pal = ctx.palette;
    const auto& prediction = ctx.session.prediction();
    const bool korean = ctx.session.language() == Language::Korean;
    ImGui::TextUnformatted(korean ? "예측 모드" : "Predict mode");
    if (ctx.session.predictions_total() > 0)
        ImGui::TextDisabled(korean ? "지금까지 %zu / %zu 정답" : "%zu of %zu right so far", ctx.session.predictions_right(),
                            ctx.session.predictions_total());
    if (!prediction) {
        ImGui::TextWrapped("%s", korean ? "앞으로(>) 를 누르면 다음 단계가 바꿀 계수를 먼저 예측합니다."
                                        : "Press Forward (>): before the next step runs you predict the counts it changes.");
        return;
    }
    if (prediction->step != for_step) {
        for (auto& input : inputs) input[0] = '\0';
        for_step = prediction->step;
    }
    ImGui::Separator();
    ImGui::Text(korean ? "단계 %zu 이후의 값은?" : "After step %zu, what will these be?", prediction->step);
    if (ImGui::BeginTable("predictions", prediction->revealed ? 4 : 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        for (std::size_t i = 0; i < prediction->items.size() && i < 32; ++i) {
            const PredictionItem& item = prediction->items[i];
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextWrapped("%s %s", item.label.c_str(), std::string(count_name(item.count)).c_str());
            ImGui::TableSetColumnIndex(1);
            if (!prediction->revealed) {
                ImGui::SetNextItemWidth(ImGui::GetFontSize() * 3.5f);
                if (ImGui::InputText("##guess", inputs[i], sizeof inputs[i], ImGuiInputTextFlags_CharsDecimal)) {
                    Intent set; set.kind = Intent::Kind::SetGuess; set.index = i;
                    if (inputs[i][0]) set.guess = static_cast<std::uint32_t>(std::strtoul(inputs[i], nullptr, 10));
                    ctx.intents.push_back(set);
                }
            } else {
                ImGui::Text("%s", item.guess ? std::to_string(*item.guess).c_str() : "-");
                ImGui::TableSetColumnIndex(2);
                ImGui::Text("= %u", item.truth);
                ImGui::TableSetColumnIndex(3);
                const Verdict v = i < prediction->result.verdicts.size() ? prediction->result.verdicts[i] : Verdict::Unanswered;
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(v == Verdict::Right ? pal.passed : v == Verdict::Wrong ? pal.error : pal.text_dim));
                ImGui::TextUnformatted(v == Verdict::Right ? (korean ? "정답" : "right") : v == Verdict::Wrong ? (korean ? "오답" : "wrong") : (korean ? "무응답" : "no answer"));
                ImGui::PopStyleColor();
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (!prediction->revealed) {
        if (ImGui::Button(korean ? "정답 보기 (>)" : "Reveal (>)")) { Intent r; r.kind = Intent::Kind::Reveal; ctx.intents.push_back(r); }
    } else {
        ImGui::Text(korean ? "%zu개 정답, %zu개 오답" : "%zu right, %zu wrong", prediction->result.right, prediction->result.wrong);
    }
}

}  // namespace kosim::ui
