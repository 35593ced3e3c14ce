// Applies intents to the session: the only place the GUI's state changes.
#include "view_models/session.h"

#include <algorithm>
#include <exception>
#include <filesystem>

namespace kosim::ui {

bool Session::open(std::string_view name_or_path) {
    name_ = std::string(name_or_path);
    text_.reset();
    std::error_code ec;
    watched_path_ = std::filesystem::is_regular_file(std::filesystem::path(name_), ec) ? name_ : std::string();
    selection_ = Selection::none();
    rebuild(0);
    return valid();
}

bool Session::open_text(std::string source, std::string file_name) {
    name_ = std::move(file_name);
    text_ = std::move(source);
    watched_path_.clear();
    selection_ = Selection::none();
    rebuild(0);
    return valid();
}

bool Session::reload() {
    if (name_.empty()) return false;
    rebuild(wanted_position_);
    return valid();
}

void Session::rebuild(std::size_t wanted) {
    ++generation_;
    playing_ = false;
    prediction_.reset();
    timeline_.reset();
    timeline_error_.clear();
    wanted_position_ = wanted;
    try {
        if (text_) {
            scenario_ = LoadedScenario{};
            scenario_.file_name = name_;
            scenario_.source = *text_;
            scenario_.parsed = parse_scenario(*text_, name_);
        } else {
            scenario_ = load_scenario(name_);
        }
        if (scenario_.ok()) timeline_ = std::make_unique<Timeline>(scenario_.parsed.program);
    } catch (const std::exception& e) {
        timeline_.reset();
        timeline_error_ = fmt(tr(language_, "the scenario could not be run: {0}"), {e.what()});
    }
    if (!timeline_) {
        position_ = 0;
        snapshot_ = {};
        return;
    }
    position_ = static_cast<std::size_t>(-1);
    seek(std::min(wanted, timeline_->step_count()));
    wanted_position_ = wanted;   // seek() overwrote it; keep asking for the old step until it exists again
    if (position_ == wanted) wanted_position_ = position_;
}

std::string Session::load_error() const {
    if (!scenario_.error.empty()) return scenario_.error;
    return timeline_error_;
}

void Session::seek(std::size_t position) {
    if (!timeline_) return;
    position = std::min(position, timeline_->step_count());
    if (position == position_) return;
    ++generation_;
    position_ = position;
    wanted_position_ = position;
    if (prediction_ && !(prediction_->revealed && prediction_->step == position)) prediction_.reset();
    Snapshot next;
    next.position = position;
    if (position > 0) next.record = timeline_->record(position);
    next.state = timeline_->state_at(position);
    snapshot_ = std::move(next);
}

void Session::forward() {
    if (!timeline_ || position_ >= timeline_->step_count()) {
        playing_ = false;
        return;
    }
    if (!predict_mode_) return seek(position_ + 1);
    if (prediction_ && !prediction_->revealed && prediction_->step == position_ + 1) {
        // Reveal: apply the step, then mark every guess.
        Prediction done = std::move(*prediction_);
        done.revealed = true;
        done.result = score(done.items);
        predictions_right_ += done.result.right;
        predictions_total_ += done.result.right + done.result.wrong;   // a question left blank is not wrong
        prediction_ = std::move(done);
        seek(position_ + 1);
        return;
    }
    // Ask first: the counts the next step changes.
    const std::size_t next = position_ + 1;
    const StepRecord record = timeline_->record(next);
    const model::World after = timeline_->state_at(next).world;
    const model::World& before = snapshot_.state.world;
    auto items = prediction_items(record.changes, before, after);
    timeline_->state_at(position_);   // leave the cursor where the snapshot is
    if (items.empty()) return seek(next);
    ++generation_;
    playing_ = false;
    std::string call;
    if (record.kind == StepRecord::Kind::Statement && record.statement < timeline_->program().statements.size())
        call = to_source(timeline_->program().statements[record.statement]);
    prediction_ = Prediction{next, std::move(call), std::move(items), false, {}};
}

void Session::apply(const Intent& intent) {
    using K = Intent::Kind;
    switch (intent.kind) {
    case K::None: return;
    case K::First: playing_ = false; return seek(0);
    case K::Back: playing_ = false; return seek(position_ > 0 ? position_ - 1 : 0);
    case K::Forward: playing_ = false; return forward();
    case K::Reveal: return forward();
    case K::Last: playing_ = false; return seek(step_count());
    case K::Seek: playing_ = false; return seek(intent.step);
    case K::SeekLine: {
        if (!timeline_) return;
        const auto& program = timeline_->program();
        for (std::size_t i = 0; i < program.statements.size(); ++i)
            if (program.statements[i].location.line == intent.line)
                if (auto step = timeline_->step_of_statement(i)) {
                    playing_ = false;
                    return seek(*step);
                }
        return;
    }
    case K::Select: ++generation_; selection_ = intent.selection; return;
    case K::TogglePlay:
        ++generation_;
        playing_ = !playing_ && timeline_ != nullptr;
        if (playing_ && position_ >= step_count()) seek(0);
        play_accumulator_ = 0.0;
        return;
    case K::SetSpeed: speed_ = std::clamp(intent.speed, 0.1f, 50.0f); return;
    case K::Reload: reload(); return;
    case K::Open: open(intent.path); return;
    case K::SetLanguage: ++generation_; language_ = intent.language; return;
    case K::SetPredictMode:
        ++generation_;
        predict_mode_ = intent.flag;
        if (!predict_mode_) prediction_.reset();
        return;
    case K::SetGuess:
        if (prediction_ && !prediction_->revealed && intent.index < prediction_->items.size()) {
            ++generation_;
            prediction_->items[intent.index].guess = intent.guess;
        }
        return;
    }
}

bool Session::tick(double seconds) {
    if (!playing_ || !timeline_) return false;
    if (prediction_ && !prediction_->revealed) { playing_ = false; return false; }
    play_accumulator_ += seconds * speed_;
    bool moved = false;
    while (play_accumulator_ >= 1.0 && playing_) {
        play_accumulator_ -= 1.0;
        if (position_ >= step_count()) { playing_ = false; break; }
        const std::size_t before = position_;
        forward();
        moved = moved || position_ != before;
        if (prediction_ && !prediction_->revealed) playing_ = false;
    }
    return moved;
}

}  // namespace kosim::ui
