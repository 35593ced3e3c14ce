// The window's layout of one step, computed as app.cpp computes it.
#include "view_models/layout_report.h"

#include "view_models/call_line.h"

namespace kosim::ui {

std::string header_title(const Session& session) {
    std::string title = session.scenario().file_name;
    if (session.modified()) title = fmt(tr(session.language(), "{0}, modified"), {title});
    if (const Timeline* t = session.timeline()) {
        const std::string_view shown = pick(session.language(), t->program().title.en, t->program().title.ko);
        if (!shown.empty()) title = std::string(shown) + "  (" + title + ")";
    }
    return title;
}

WorldPlan plan_session(const Session& session, float font, NumberBase base, const TextMetrics& metrics, bool environment) {
    PlanInputs inputs;
    inputs.environment = environment;
    inputs.font = font;
    inputs.language = session.language();
    inputs.base = base;
    const Timeline* timeline = session.timeline();
    if (!timeline) return {};
    inputs.max_steps = timeline->step_count();
    // The timeline owns the program; the plan only borrows it while it runs it once more.
    return plan_world(std::shared_ptr<const Program>(std::shared_ptr<const Program>(), &timeline->program()), inputs, metrics);
}

StepLayout layout_step(const Session& session, const WorldPlan& plan, float width, float height, float font, NumberBase base,
                       const TextMetrics& metrics, DiagramZoom zoom) {
    StepLayout out;
    const Snapshot* snap = session.snapshot();
    const Timeline* timeline = session.timeline();
    ScreenInputs in;
    in.width = width;
    in.height = height;
    in.font = font;
    in.title = header_title(session);
    in.predict = session.predict_mode();
    in.valid = session.valid();
    in.editing = session.editing();
    WorldView view;
    if (snap && timeline) {
        const StepRecord* record = snap->record ? &*snap->record : nullptr;
        const CallLine call = build_call_line(timeline->program(), session.position(), session.step_count(), record, session.language());
        in.call = call.call;
        in.result = call.result;
        WorldViewOptions options;
        options.variables = &snap->state.variables;
        options.closed_variables = &snap->state.closed_variables;
        options.program = &timeline->program();
        options.record = record;
        options.environment = plan.environment;
        static const std::vector<model::Change> none;
        view = build_world_view(snap->state.world, record ? std::span<const model::Change>(record->changes) : std::span<const model::Change>(none),
                                options);
    }
    ViewLayout v = layout_view(in, plan, zoom, metrics);
    out.screen = std::move(v.screen);
    out.geometry = std::move(v.geometry);
    out.zoom = v.zoom;
    out.scrolls = v.scrolls;
    out.items = layout_items(out.screen, out.geometry, view, out.zoom, base, metrics);
    return out;
}

}  // namespace kosim::ui
