#!/usr/bin/env python3
"""Checks the recordings record_wine.sh made, at the points the lecture makes (docs/record.md).
Usage: record_check.py FOLDER (holding inherit.json, pipe_bug.json, ...)."""
import json
import sys

folder = sys.argv[1]
failures = []


def load(name):
    with open(f"{folder}/{name}.json", encoding="utf-8") as f:
        return json.load(f)


def value(v):
    """A trace value as Python: int, hex string for handles, str, dict, list, None."""
    if v is None:
        return None
    (kind, inner), = v.items()
    if kind == "int":
        return inner
    if kind == "handle":
        return int(inner, 16)
    if kind == "record":
        return {k: value(x) for k, x in inner.items()}
    if kind == "list":
        return [value(x) for x in inner]
    if kind == "bytes_hex":
        return bytes.fromhex(inner).decode("latin-1")
    return inner


def calls(trace, process=None, call=None):
    for step in trace["steps"]:
        c = step.get("call")
        if c and (process is None or c["process"] == process) and (call is None or c["call"] == call):
            yield step, c


def arg(c, name, where="arguments"):
    return value(c.get(where, {}).get(name))


def table(step, process):
    for p in step["processes"]:
        if p["name"] == process:
            return {int(e["value"], 16): e for e in p["table"]}
    return {}


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)
    else:
        print("ok:", message)


# The parent's inheritable handle: the child holds the same value, inherited, and the object's
# handle count is 2 (the lecture's usage count, with no kernel references for a file object).
t = load("inherit")
(_, shared), = [(s, c) for s, c in calls(t, "inherit_parent", "CreateFile") if arg(c, "lpSecurityAttributes")]
v = value(shared["result"])
(step, _), = calls(t, "inherit_parent", "CreateProcess")
child = table(step, "inherit_child")
check(v in child and child[v]["inherit"], "inherit: the child holds the parent's inheritable value %#x, inheritable" % v)
check(v in child and child[v]["origin"] == "inherited from inherit_parent 0x%X" % v,
      "inherit: the entry's origin names the parent and the value")
check(v in child and child[v].get("handle_count") == 2, "inherit: the object's handle count is 2 after CreateProcess")
written = [arg(c, "lpBuffer") for _, c in calls(t, "inherit_parent", "WriteFile")]
check(written == [str(v)], "inherit: the parent writes the value as text to handle.txt")
writes = [c for _, c in calls(t, "inherit_child", "WriteFile")]
check(len(writes) == 1 and arg(writes[0], "hFile") == v and value(writes[0]["result"]) == 1,
      "inherit: the child writes through the inherited value")
(exit_step, _), = [(s, c) for s, c in calls(t, "inherit_parent", "GetExitCodeProcess")]
check(table(exit_step, "inherit_child") == {}, "inherit: the child's table is gone once it exited")

# The forgotten write end: the child blocks in ReadFile while the parent still holds a write end.
t = load("pipe_bug")
kinds = [s["kind"] for s in t["steps"]]
check("timeout" in kinds, "pipe bug: the recording ends in the time-out")
blocked = [c for _, c in calls(t, "pipe_child", "ReadFile") if c["status"] == "blocked"]
check(len(blocked) == 1, "pipe bug: the child's last ReadFile never returned (blocked)")
(_, created), = calls(t, "pipe_parent_bug", "CreatePipe")
write_end = arg(created, "hWritePipe", "outputs")
timeout_step = next(s for s in t["steps"] if s["kind"] == "timeout")
check(write_end in table(timeout_step, "pipe_parent_bug"), "pipe bug: the parent still holds its write end %#x" % write_end)
states = {p["name"]: (p["state"], p["waiting_on"]) for p in timeout_step["processes"]}
check(states.get("pipe_child") == ("waiting", "ReadFile"), "pipe bug: the child waits in ReadFile")

# The fix: the parent closes its write end, the child's ReadFile fails with ERROR_BROKEN_PIPE.
t = load("pipe_fixed")
reads = [c for _, c in calls(t, "pipe_child", "ReadFile")]
check(reads and value(reads[-1]["result"]) == 0 and reads[-1]["last_error"] == 109,
      "pipe fixed: the child's last ReadFile fails with ERROR_BROKEN_PIPE (109)")
(_, created), = calls(t, "pipe_parent_fixed", "CreatePipe")
fixed_write_end = arg(created, "hWritePipe", "outputs")
closes = [s for s, c in calls(t, "pipe_parent_fixed", "CloseHandle") if arg(c, "hObject") == fixed_write_end]
check(len(closes) == 1 and fixed_write_end not in table(closes[0], "pipe_parent_fixed"),
      "pipe fixed: the parent closes its write end %#x, and its table no longer holds it" % fixed_write_end)
check(not any(s["kind"] == "timeout" for s in t["steps"]), "pipe fixed: no time-out")

# Two unrelated programs: the message written by one is read by the other.
t = load("mailslot")
got = [arg(c, "lpBuffer", "outputs") for _, c in calls(t, "mailslot_receiver", "ReadFile")]
check(got == ["hello from mailslot_sender"], "mailslot: the receiver reads the sender's message")
t = load("named_pipe")
got = [arg(c, "lpBuffer", "outputs") for _, c in calls(t, "named_pipe_server", "ReadFile")][:1]
check(got == ["ping"], "named pipe: the server reads the client's request")
got = [arg(c, "lpBuffer", "outputs") for _, c in calls(t, "named_pipe_client", "ReadFile")]
check(got == ["pong"], "named pipe: the client reads the reply")

# The environment carries the value; the child uses the inherited event by it.
t = load("environment")
(_, event), = calls(t, "env_parent", "CreateEvent")
v = value(event["result"])
got = [arg(c, "lpBuffer", "outputs") for _, c in calls(t, "env_child", "GetEnvironmentVariable")]
check(got == [str(v)], "environment: the child reads the event's value %d from KOSIM_HANDLE" % v)
sets = [c for _, c in calls(t, "env_child", "SetEvent")]
check(len(sets) == 1 and arg(sets[0], "hEvent") == v and value(sets[0]["result"]) == 1,
      "environment: SetEvent through the inherited value succeeds")

# A crash keeps what was recorded before it.
t = load("crash")
check(any(c["call"] == "CreateEvent" for _, c in calls(t)), "crash: the call before the crash is recorded")
check(any("access violation" in s["error"] for s in t["steps"]), "crash: the recording says the program crashed")

sys.exit(1 if failures else 0)
