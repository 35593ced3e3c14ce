// Writes bounded by a pipe's buffer, shared by anonymous and named pipes (one rule in NPFS): a
// write queues all its data at once, so a reader sees it at once, and completes when the bytes from
// the reader's position to the write's end fit the buffer; until then the writer waits (Wine
// kernel32/tests/pipe.c test_blocking_rw, which passes on Windows). A zero-length write never waits.
#pragma once

#include <algorithm>
#include <cstdint>

#include "model/world.h"

namespace kosim::model {

// The waiting write of process `pid` in this direction, if any (a process has one thread).
inline PipeWrite* blocked_write_of(PipeFlow& flow, Pid pid) {
    auto it = std::find_if(flow.blocked.begin(), flow.blocked.end(), [&](const PipeWrite& w) { return w.pid == pid; });
    return it == flow.blocked.end() ? nullptr : &*it;
}

inline void forget_blocked_write(PipeFlow& flow, Pid pid) {
    std::erase_if(flow.blocked, [&](const PipeWrite& w) { return w.pid == pid; });
}

// Whether a write ending at stream position `end` fits the buffer now.
inline bool write_fits(const PipeFlow& flow, std::uint64_t end, std::uint64_t capacity) { return end - flow.read <= capacity; }

// Bytes queued and not yet read.
inline std::uint64_t queued_bytes(const PipeFlow& flow) { return flow.written - flow.read; }

}  // namespace kosim::model
