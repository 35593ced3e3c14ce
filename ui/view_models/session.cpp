// Applies intents to the session: the only place the GUI's state changes.
#include "view_models/session.h"

#include <algorithm>
#include <cerrno>
#include <exception>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "view_models/carry_step.h"

namespace kosim::ui {

namespace {

std::filesystem::path utf8_path(const std::string& text) { return std::filesystem::path(std::u8string(text.begin(), text.end())); }

}  // namespace

bool Session::open(std::string_view name_or_path) {
    name_ = std::string(name_or_path);
    text_.reset();
    std::error_code ec;
    watched_path_ = std::filesystem::is_regular_file(utf8_path(name_), ec) ? name_ : std::string();
    selection_ = Selection::none();
    question_.reset();
    timeline_.reset();   // another scenario: nothing to carry the cursor from
    load(0);
    return valid();
}

bool Session::open_text(std::string source, std::string file_name) {
    name_ = std::move(file_name);
    text_ = std::move(source);
    watched_path_.clear();
    selection_ = Selection::none();
    question_.reset();
    timeline_.reset();
    load(0);
    return valid();
}

bool Session::reload() {
    if (name_.empty()) return false;
    if (scenario_.error.empty()) {
        // Nothing new to read: keep the run (and any edits). Something new over unsaved edits: ask.
        const LoadedScenario fresh = text_ ? LoadedScenario{name_, *text_, {}, {}} : load_scenario(name_);
        if (fresh.error.empty() && fresh.source == saved_text_) return valid();
        if (modified()) {
            question_ = UnsavedQuestion{UnsavedQuestion::Action::Reload, {}};
            ++generation_;
            return valid();
        }
    }
    load(wanted_position_);
    return valid();
}

void Session::load(std::size_t wanted) {
    ++text_revision_;
    pending_text_.reset();
    wanted_position_ = wanted;
    LoadedScenario next;
    if (text_) {
        next.file_name = name_;
        next.source = *text_;
        next.parsed = parse_scenario(*text_, name_);
    } else {
        next = load_scenario(name_);
    }
    saved_text_ = next.source;
    run(std::move(next), KeepRun::No);
    editing_ = editing_ && can_edit();
}

void Session::run(LoadedScenario next, KeepRun keep) {
    ++generation_;
    std::unique_ptr<Timeline> timeline;
    std::string error;
    try {
        if (next.ok()) timeline = std::make_unique<Timeline>(next.parsed.program, timeline_options_);
    } catch (const std::exception& e) {
        error = fmt(tr(language_, "the scenario could not be run: {0}"), {e.what()});
    }
    scenario_ = std::move(next);
    timeline_error_ = std::move(error);
    if (!timeline && keep == KeepRun::IfInvalid && timeline_) return;   // the last run that worked stays on screen
    playing_ = false;
    prediction_.reset();
    // The cursor follows its statement through the edit; else it keeps its step number (clamped).
    std::size_t wanted = wanted_position_;
    if (timeline && timeline_)
        if (auto carried = carry_step(*timeline_, position_, *timeline)) wanted = *carried;
    timeline_ = std::move(timeline);
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

bool Session::flush_edit() {
    if (!pending_text_) return false;
    std::string text = std::move(*pending_text_);
    pending_text_.reset();
    if (text == scenario_.source) return true;
    LoadedScenario next;
    next.file_name = scenario_.file_name;
    next.parsed = parse_scenario(text, next.file_name);
    next.source = std::move(text);
    run(std::move(next), KeepRun::IfInvalid);
    return true;
}

bool Session::write(const std::string& path) {
    flush_edit();
    ++save_status_.serial;
    save_status_.path = path;
    errno = 0;
    std::ofstream out(utf8_path(path), std::ios::binary | std::ios::trunc);
    if (out) out.write(scenario_.source.data(), static_cast<std::streamsize>(scenario_.source.size()));
    if (out) out.flush();
    if (!out) {
        const int code = errno;
        save_status_.outcome = SaveStatus::Outcome::Failed;
        save_status_.message = fmt(tr(language_, "cannot write {0}: {1}"),
                                   {path, code ? std::generic_category().message(code) : std::string(tr(language_, "write error"))});
        return false;
    }
    saved_text_ = scenario_.source;
    save_status_.outcome = SaveStatus::Outcome::Saved;
    save_status_.message = fmt(tr(language_, "Saved {0}"), {path});
    ++generation_;
    return true;
}

bool Session::save() {
    if (!can_edit()) return false;
    if (!can_save()) {
        ++save_status_.serial;
        save_status_.outcome = SaveStatus::Outcome::NeedsPath;
        save_status_.path.clear();
        save_status_.message = text_ ? tr(language_, "This text is not from a file: choose a file to save it in.")
                                     : tr(language_, "A built-in scenario is part of kosim and cannot be changed: save your version in a file of its own.");
        return false;
    }
    return write(watched_path_);
}

bool Session::save_as(const std::string& path, bool replace) {
    if (!can_edit()) return false;
    std::error_code ec;
    const std::filesystem::path file = utf8_path(path);
    if (path.empty() || std::filesystem::is_directory(file, ec)) {
        ++save_status_.serial;
        save_status_.outcome = SaveStatus::Outcome::Failed;
        save_status_.path = path;
        save_status_.message = path.empty() ? tr(language_, "Type a file name first.")
                                            : fmt(tr(language_, "{0} is a folder: type a file name."), {path});
        return false;
    }
    if (!replace && path != watched_path_ && std::filesystem::exists(file, ec)) {
        ++save_status_.serial;
        save_status_.outcome = SaveStatus::Outcome::Exists;
        save_status_.path = path;
        save_status_.message = fmt(tr(language_, "{0} already exists."), {path});
        return false;
    }
    if (!write(path)) return false;
    // From now on the session is that file: Save writes it, the watcher watches it.
    name_ = path;
    text_.reset();
    watched_path_ = path;
    scenario_.file_name = path;
    return true;
}

void Session::ask_or(UnsavedQuestion::Action action, std::string path) {
    flush_edit();
    UnsavedQuestion question{action, std::move(path)};
    if (modified()) {
        ++generation_;
        question_ = std::move(question);
        return;
    }
    carry_out(question);
}

void Session::carry_out(const UnsavedQuestion& question) {
    question_.reset();
    switch (question.action) {
    case UnsavedQuestion::Action::Open: open(question.path); return;
    case UnsavedQuestion::Action::Reload:
        if (!name_.empty()) load(wanted_position_);
        return;
    case UnsavedQuestion::Action::Quit: quit_confirmed_ = true; return;
    }
}

std::string Session::load_error() const {
    if (!scenario_.error.empty()) return scenario_.error;
    return timeline_error_;
}

void Session::seek(std::size_t position) {
    if (!timeline_) return;
    position = std::min(position, timeline_->step_count());
    if (position == position_) return;
    const bool same_run = position_ != static_cast<std::size_t>(-1);   // run() resets it for a new run
    ++generation_;
    position_ = position;
    wanted_position_ = position;
    if (prediction_ && !(prediction_->revealed && prediction_->step == position)) prediction_.reset();
    // Back and forth between two steps (a lecture's "once more") swaps with the last snapshot
    // instead of replaying to it and copying the state again.
    if (!same_run) previous_.reset();
    if (previous_ && previous_->position == position) {
        std::swap(snapshot_, *previous_);
        return;
    }
    Snapshot next;
    next.position = position;
    if (position > 0) next.record = timeline_->record(position);
    next.state = timeline_->state_at(position);
    if (same_run) previous_ = std::move(snapshot_);
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
    case K::Open: ask_or(UnsavedQuestion::Action::Open, intent.path); return;
    case K::SetEditing:
        ++generation_;
        editing_ = intent.flag && can_edit();
        if (!editing_) flush_edit();
        return;
    case K::EditText:
        if (!can_edit()) return;
        pending_text_ = intent.text;
        pending_age_ = 0;
        return;
    case K::Save: flush_edit(); save(); return;
    case K::SaveAs: flush_edit(); save_as(intent.path, intent.flag); return;
    case K::Revert:
        question_.reset();
        if (!name_.empty()) load(wanted_position_);
        return;
    case K::Quit: ask_or(UnsavedQuestion::Action::Quit, {}); return;
    case K::Answer: {
        if (!question_) return;
        const UnsavedQuestion question = *question_;
        ++generation_;
        if (intent.answer == Intent::Choice::Cancel) { question_.reset(); return; }
        if (intent.answer == Intent::Choice::Save) {
            const bool saved = can_save() ? save() : save_as(intent.path, intent.flag);
            if (!saved) return;   // the question stays, with save_status() saying why
        }
        carry_out(question);
        return;
    }
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
    bool changed = false;
    if (pending_text_) {
        pending_age_ += seconds;
        if (pending_age_ >= edit_delay) changed = flush_edit();
    }
    if (!playing_ || !timeline_) return changed;
    if (prediction_ && !prediction_->revealed) { playing_ = false; return changed; }
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
    return moved || changed;
}

}  // namespace kosim::ui
