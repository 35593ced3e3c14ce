// The GUI's state without the GUI: the open scenario (or its diagnostics), its timeline, the
// cursor, the selection, play and predict mode; panels return Intents and the app applies them
// here, so stepping past the ends, seeking and reloading are testable without a window.
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
    };
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
    // Reads the open scenario again; the cursor stays at its step (clamped to the new length).
    bool reload();
    void apply(const Intent& intent);
    // Advances playback by `seconds` of wall time; returns true when the cursor moved.
    bool tick(double seconds);

    bool valid() const { return timeline_ != nullptr; }
    const LoadedScenario& scenario() const { return scenario_; }
    const std::string& name() const { return name_; }
    // The path to watch for changes ("" for built-ins).
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
    void seek(std::size_t position);
    void forward();
    void rebuild(std::size_t wanted);

    LoadedScenario scenario_;
    std::string name_;
    std::optional<std::string> text_;        // set by open_text: reload parses this again
    std::string watched_path_;
    std::string timeline_error_;
    std::unique_ptr<Timeline> timeline_;
    std::size_t position_ = 0;
    std::size_t wanted_position_ = 0;          // kept across an invalid reload
    Snapshot snapshot_;
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
