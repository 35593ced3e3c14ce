// Counts the heap this program holds, for the run's memory budget. The global operator new and
// delete are replaced (the standard allows exactly this, [replacement.functions]) with versions
// that keep the block's size in a 16-byte header, so the count needs nothing from the C library
// beyond malloc and free and works alike with glibc, mingw-w64 and emscripten. Over-aligned
// allocations keep the library's own operator new(size_t, align_val_t): they are not counted (sim/
// makes none).
#include "cli/memory_budget.h"

#include <atomic>
#include <cstdlib>
#include <new>

namespace {

std::atomic<std::size_t> heap_bytes{0};
constexpr std::size_t header = 16;   // keeps the alignment malloc gives (alignof(max_align_t) <= 16)
static_assert(alignof(std::max_align_t) <= header);

void* counted_allocate(std::size_t size) noexcept {
    if (size > SIZE_MAX - header) return nullptr;
    void* block = std::malloc(size + header);
    if (!block) return nullptr;
    *static_cast<std::size_t*>(block) = size;
    heap_bytes.fetch_add(size, std::memory_order_relaxed);
    return static_cast<char*>(block) + header;
}

void counted_free(void* pointer) noexcept {
    if (!pointer) return;
    void* block = static_cast<char*>(pointer) - header;
    heap_bytes.fetch_sub(*static_cast<std::size_t*>(block), std::memory_order_relaxed);
    std::free(block);
}

void* allocate_or_throw(std::size_t size) {
    for (;;) {
        if (void* p = counted_allocate(size)) return p;
        std::new_handler handler = std::get_new_handler();   // as the library's operator new does
        if (!handler) throw std::bad_alloc();
        handler();
    }
}

std::size_t max_memory = 0;   // 0: TimelineOptions' default

}  // namespace

void* operator new(std::size_t size) { return allocate_or_throw(size); }
void* operator new[](std::size_t size) { return allocate_or_throw(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted_allocate(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return counted_allocate(size); }
void operator delete(void* pointer) noexcept { counted_free(pointer); }
void operator delete[](void* pointer) noexcept { counted_free(pointer); }
void operator delete(void* pointer, std::size_t) noexcept { counted_free(pointer); }
void operator delete[](void* pointer, std::size_t) noexcept { counted_free(pointer); }
void operator delete(void* pointer, const std::nothrow_t&) noexcept { counted_free(pointer); }
void operator delete[](void* pointer, const std::nothrow_t&) noexcept { counted_free(pointer); }

namespace kosim::cli {

std::size_t heap_in_use() { return heap_bytes.load(std::memory_order_relaxed); }

void add_max_memory_option(CLI::App& command) {
    command.add_option("--max-memory", max_memory,
                       "stop a run whose memory grows past SIZE (e.g. 512M, 4G; default 2G) with an error step")
        ->transform(CLI::AsSizeValue(false))
        ->check(CLI::Validator(
            [](std::string& bytes) {   // after the transform: a number of bytes
                return std::stoull(bytes) < (std::uint64_t{1} << 20)
                           ? "is " + bytes + " bytes; a budget is at least 1M (1048576 bytes)" : std::string();
            },
            "SIZE >= 1M"));
}

TimelineOptions budgeted_timeline_options() {
    TimelineOptions options;
    if (max_memory) options.max_memory = max_memory;
    options.memory_in_use = heap_in_use;
    return options;
}

}  // namespace kosim::cli
