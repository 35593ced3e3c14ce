// What kosim-hook.dll (inside a recorded process) and kosim-record.exe say to each other over one
// message-mode named pipe per process: JSON messages, each answered before the process goes on,
// so a step's snapshot is taken while the calling thread is held (docs/record.md).
#pragma once

// The recorder puts its pipe's name in the environment it starts programs with; children inherit it.
#define KOSIM_RECORD_PIPE_VARIABLE "KOSIM_RECORD_PIPE"

// Messages (hook -> recorder), each a JSON object with "type":
//   hello  {pid, parent_pid, own_handles: ["0x.."]}        first, from DllMain; own_handles are the
//                                                           hook's own (the pipe), never shown
//   child  {pid, child_pid, child_tid}                     CreateProcess made a child, held suspended
//                                                           until the recorder has injected the hook
//   enter  {pid, tid, function, call}                      a call that may block is about to be made
//   call   {pid, tid, function, call, arguments, outputs, result, last_error, unmodelled}
//                                                           a call returned; unmodelled: {function: count}
//   bye    {pid, unmodelled}                                the process is exiting (DLL_PROCESS_DETACH)
// Every message is answered with "ok" once the recorder is done with it.
namespace kosim::record {
inline constexpr unsigned pipe_buffer_size = 1 << 16;
inline constexpr unsigned max_message_size = 1 << 20;
}  // namespace kosim::record
