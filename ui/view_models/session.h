// The GUI's state without the GUI: the open scenario (or its diagnostics), its timeline, the
// cursor, the selection, play and predict mode, and the editor's text (edits, saving, unsaved
// work); panels return Intents and the app applies them here, so stepping past the ends, seeking,
// reloading and editing are testable without a window.
// (lager's store in miniature: one place changes state, everything else reads it.)
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scenario/builtin.h"
#include "timeline/timeline.h"
#include "view_models/predict.h"
#include "view_models/selection.h"

namespace kosim::ui {

struct Intent {
    enum class Kind : std::uint8_t {
        None,
        First, Back, Forward, Last,   // transport
        Seek,                         // step
        SeekLine,                     // line: the first step of the statement on that line
        Select,                       // selection
        TogglePlay,
        SetSpeed,                     // speed (steps per second)
        Reload,                       // the open scenario, again (keeps the step where possible)
        Open,                         // path: a built-in's name or a .kos path
        SetLanguage,                  // language
        SetPredictMode,               // flag
        SetGuess,                     // index, guess (nullopt clears)
        Reveal,                       // apply the step the student predicted
        SetEditing,                   // flag: show the scenario's text in the editor
        EditText,                     // text: the editor's whole text after a change (runs after edit_delay)
        Save,                         // write the text to the open file (a built-in or in-memory text asks for a path)
        SaveAs,                       // path: write the text there and open it; flag: replace an existing file
        Revert,                       // drop unsaved edits: read the scenario again
        Quit,                         // close the window (asks first when there are unsaved edits)
        Answer,                       // answer, path, flag: what to do with unsaved edits before the pending action
    };
    enum class Choice : std::uint8_t { Save, Discard, Cancel };
    Kind kind = Kind::None;
    std::size_t step = 0;
    std::uint32_t line = 0;
    Selection selection;
    float speed = 1.0f;
    std::string path;
    Language language = Language::English;
    bool flag = false;
    std::size_t index = 0;
    std::optional<std::uint32_t> guess;
    std::string text;
    Choice answer = Choice::Cancel;
};

// The outcome of the last Save or Save as, for the panels to show.
struct SaveStatus {
    enum class Outcome : std::uint8_t {
        None,
        Saved,        // path written
        NeedsPath,    // nothing to write back to (a built-in, text held in memory): Save as asks for a file
        Exists,       // Save as without replace, and path exists: ask before replacing it
        Failed,       // message says why (the system's reason)
    };
    Outcome outcome = Outcome::None;
    std::string path;
    std::string message;                       // in the session's language
    std::uint64_t serial = 0;                  // bumps on every save attempt
};

// An action held back because the text has unsaved edits; the panels ask, Intent::Answer replies.
struct UnsavedQuestion {
    enum class Action : std::uint8_t { Open, Reload, Quit };
    Action action = Action::Open;
    std::string path;                          // Open: what to open
};

// The state the panels read after the cursor moved: copied once, so drawing never seeks.
struct Snapshot {
    std::size_t position = 0;
    RunState state;
    std::optional<StepRecord> record;          // the step that led here (none at position 0)
};

struct Prediction {
    std::size_t step = 0;                      // the step being predicted (position + 1)
    std::string call;                          // that step's statement as written: what is asked about
    std::vector<PredictionItem> items;
    bool revealed = false;                     // false: counts hidden, waiting for guesses
    PredictionScore result;                    // once revealed
};

class Session {
public:
    // Opens a built-in by name or a .kos file by path. Returns false (and keeps the diagnostics or
    // the read error for the source panel) when it is invalid; never throws.
    bool open(std::string_view name_or_path);
    // Opens scenario text held in memory (tests, benchmarks, the screenshot of an edited buffer).
    bool open_text(std::string source, std::string file_name);
    // How every later run is recorded: the memory budget and its heap probe (the window passes the
    // command line's --max-memory and operator new count; without a probe there is no budget).
    void set_timeline_options(TimelineOptions options) { timeline_options_ = std::move(options); }
    // Reads the open scenario again; the cursor stays at its step (clamped to the new length).
    bool reload();
    void apply(const Intent& intent);
    // Advances playback by `seconds` of wall time, and runs an edit once the typing has paused for
    // edit_delay; returns true when the cursor or the run changed.
    bool tick(double seconds);

    // The editor. An edit is parsed and run after edit_delay seconds without another (or at
    // flush_edit); while the text has errors the last run that worked stays on screen.
    static constexpr double edit_delay = 0.3;
    bool flush_edit();                         // runs a waiting edit now; true when there was one
    bool editing() const { return editing_; }
    const std::string& text() const { return pending_text_ ? *pending_text_ : scenario_.source; }
    bool edit_pending() const { return pending_text_.has_value(); }
    // The text differs from the file (or the built-in) as last read or saved.
    bool modified() const { return scenario_.error.empty() && text() != saved_text_; }
    // Save writes back: the scenario came from a file (a built-in or in-memory text needs Save as).
    bool can_save() const { return !watched_path_.empty() && scenario_.error.empty(); }
    bool can_edit() const { return scenario_.error.empty() && !name_.empty(); }
    // The run on screen is of an earlier text: the current text has errors (or could not run).
    bool run_is_stale() const { return timeline_ && timeline_->program().source != scenario_.source; }
    // Bumps when the text is replaced from outside the editor (open, reload, revert): the editor reloads it.
    std::uint64_t text_revision() const { return text_revision_; }
    const SaveStatus& save_status() const { return save_status_; }
    const std::optional<UnsavedQuestion>& unsaved_question() const { return question_; }
    bool quit_confirmed() const { return quit_confirmed_; }

    bool valid() const { return timeline_ != nullptr; }
    const LoadedScenario& scenario() const { return scenario_; }
    const std::string& name() const { return name_; }
    // The path to watch for changes and Save writes to ("" for built-ins and in-memory text).
    const std::string& watched_path() const { return watched_path_; }
    std::string load_error() const;            // scenario().error or the timeline's failure
    const Timeline* timeline() const { return timeline_.get(); }
    std::size_t position() const { return position_; }
    std::size_t step_count() const { return timeline_ ? timeline_->step_count() : 0; }
    const Snapshot* snapshot() const { return timeline_ ? &snapshot_ : nullptr; }
    const Selection& selection() const { return selection_; }
    Language language() const { return language_; }
    bool playing() const { return playing_; }
    float speed() const { return speed_; }
    bool predict_mode() const { return predict_mode_; }
    const std::optional<Prediction>& prediction() const { return prediction_; }
    std::uint64_t generation() const { return generation_; }  // bumps on every state change
    std::size_t predictions_right() const { return predictions_right_; }
    std::size_t predictions_total() const { return predictions_total_; }

private:
    TimelineOptions timeline_options_;
    enum class KeepRun : std::uint8_t { No, IfInvalid };
    void seek(std::size_t position);
    void forward();
    void load(std::size_t wanted);                            // reads the scenario again, drops edits
    void run(LoadedScenario next, KeepRun keep);              // parses done: runs it, carries the cursor
    bool save();
    bool save_as(const std::string& path, bool replace);
    bool write(const std::string& path);
    void ask_or(UnsavedQuestion::Action action, std::string path);
    void carry_out(const UnsavedQuestion& question);

    LoadedScenario scenario_;
    std::string name_;
    std::optional<std::string> text_;        // set by open_text: reload parses this again
    std::string watched_path_;
    std::string saved_text_;                 // the text as last read or saved: modified() compares with it
    std::optional<std::string> pending_text_;   // an edit waiting for the typing to pause
    double pending_age_ = 0;
    bool editing_ = false;
    std::uint64_t text_revision_ = 0;
    SaveStatus save_status_;
    std::optional<UnsavedQuestion> question_;
    bool quit_confirmed_ = false;
    std::string timeline_error_;
    std::unique_ptr<Timeline> timeline_;
    std::size_t position_ = 0;
    std::size_t wanted_position_ = 0;          // kept across an invalid reload
    Snapshot snapshot_;
    std::optional<Snapshot> previous_;         // the snapshot before it (this run's): a step back to it is a swap
    Selection selection_;
    Language language_ = Language::English;
    bool playing_ = false;
    float speed_ = 1.0f;
    double play_accumulator_ = 0.0;
    bool predict_mode_ = false;
    std::optional<Prediction> prediction_;
    std::size_t predictions_right_ = 0, predictions_total_ = 0;
    std::uint64_t generation_ = 0;
};

}  // namespace kosim::ui
