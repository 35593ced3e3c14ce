// The CPU time to build one GUI frame (NewFrame to Render, no GPU) for a synthetic world of
// 1,000 processes with 20 handles each; and the view-model rebuild when the cursor moves.
#include <benchmark/benchmark.h>

#include <imgui.h>

#include <string>

#include "app/app.h"

namespace {

std::string synthetic_scenario(int processes, int handles) {
    std::string text;
    for (int p = 0; p < processes; ++p) text += "process P" + std::to_string(p) + "\n";
    for (int p = 0; p < processes; ++p)
        for (int h = 0; h < handles; ++h)
            text += "P" + std::to_string(p) + ": h" + std::to_string(h) + " = CreateEvent(NULL, TRUE, FALSE)\n";
    return text;
}

struct Fixture {
    kosim::ui::App app;
    Fixture() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;   // as the OpenGL 3 backend sets it
        io.DisplaySize = ImVec2(1280, 720);
        io.DeltaTime = 1.0f / 60.0f;
        app.fonts = kosim::ui::load_fonts(kosim::ui::find_fonts(), app.font_pixel_size());
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);   // built, never uploaded: no GPU
        app.palette = kosim::ui::apply_theme(app.settings.theme, 1.0f);
        app.interactive = false;
        app.session.open_text(synthetic_scenario(1000, 20), "synthetic.kos");
        kosim::ui::Intent last;
        last.kind = kosim::ui::Intent::Kind::Last;
        app.apply(last);
    }
    ~Fixture() { ImGui::DestroyContext(); }
    void frame() {
        ImGui::NewFrame();
        app.build_frame();
        ImGui::Render();
    }
};

void BM_gui_frame_1000x20(benchmark::State& state) {
    Fixture f;
    f.frame();
    for (auto _ : state) f.frame();
    state.counters["draw_vertices"] = ImGui::GetDrawData()->TotalVtxCount;
}
BENCHMARK(BM_gui_frame_1000x20)->Unit(benchmark::kMillisecond);

void BM_gui_step_1000x20(benchmark::State& state) {
    Fixture f;
    f.frame();
    kosim::ui::Intent back, forward;
    back.kind = kosim::ui::Intent::Kind::Back;
    forward.kind = kosim::ui::Intent::Kind::Forward;
    bool toggle = false;
    for (auto _ : state) {
        f.app.apply((toggle = !toggle) ? back : forward);   // a new snapshot and new view models
        f.frame();
    }
}
BENCHMARK(BM_gui_step_1000x20)->Unit(benchmark::kMillisecond);

// Steps to positions not visited before (the session cannot swap its last snapshot back in):
// Back from the end, and Forward from the middle, one step + frame per iteration.
void BM_gui_fresh_back_1000x20(benchmark::State& state) {
    Fixture f;
    f.frame();
    kosim::ui::Intent back;
    back.kind = kosim::ui::Intent::Kind::Back;
    for (auto _ : state) {
        f.app.apply(back);
        f.frame();
    }
}
BENCHMARK(BM_gui_fresh_back_1000x20)->Unit(benchmark::kMillisecond);

void BM_gui_fresh_forward_1000x20(benchmark::State& state) {
    Fixture f;
    kosim::ui::Intent seek, forward;
    seek.kind = kosim::ui::Intent::Kind::Seek;
    seek.step = f.app.session.step_count() / 2;
    f.app.apply(seek);
    f.frame();
    forward.kind = kosim::ui::Intent::Kind::Forward;
    for (auto _ : state) {
        f.app.apply(forward);
        f.frame();
    }
}
BENCHMARK(BM_gui_fresh_forward_1000x20)->Unit(benchmark::kMillisecond);

// The parts of a step: the session's seek (a new snapshot), then the world view model alone.
void BM_session_step_1000x20(benchmark::State& state) {
    Fixture f;
    kosim::ui::Intent back, forward;
    back.kind = kosim::ui::Intent::Kind::Back;
    forward.kind = kosim::ui::Intent::Kind::Forward;
    bool toggle = false;
    for (auto _ : state) f.app.apply((toggle = !toggle) ? back : forward);
}
BENCHMARK(BM_session_step_1000x20)->Unit(benchmark::kMillisecond);

void BM_world_view_1000x20(benchmark::State& state) {
    Fixture f;
    const auto* snap = f.app.session.snapshot();
    kosim::ui::WorldViewOptions options;
    options.variables = &snap->state.variables;
    for (auto _ : state) {
        auto view = kosim::ui::build_world_view(snap->state.world, snap->record->changes, options);
        benchmark::DoNotOptimize(view);
    }
}
BENCHMARK(BM_world_view_1000x20)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
