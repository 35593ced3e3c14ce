// The random scenario generator and its shrinker (docs/crosscheck.md, "Random scenarios").
#include "compare/random_scenario.h"

#include <algorithm>
#include <deque>
#include <memory>
#include <optional>

#include "runner/runner.h"
#include "scenario/parser.h"

namespace kosim::compare {

std::string RandomScenario::text() const {
    std::string out = "# kosim crosscheck --random, seed " + std::to_string(seed) + "\n";
    out += "scenario \"random scenario " + std::to_string(seed) + "\"\n";
    for (const std::string& p : processes) out += "process " + p + "\n";
    for (const std::string& s : statements) out += s + "\n";
    return out;
}

namespace {

// The outcome of each statement when the model runs `text` to its end with every call completing,
// or nothing when it does not.
std::optional<std::vector<model::Outcome>> model_outcomes(const std::string& text) {
    ParseResult parsed = parse_scenario(text, "random.kos");
    if (!parsed.ok()) return std::nullopt;
    Runner runner(parsed.program, 100'000);
    std::vector<model::Outcome> outcomes;
    while (!runner.finished()) {
        StepRecord record = runner.step(false);
        if (record.kind != StepRecord::Kind::Statement || !record.error.empty() ||
            record.outcome.status != model::Outcome::Status::Completed)
            return std::nullopt;
        outcomes.push_back(std::move(record.outcome));
    }
    return outcomes;
}

// Whether a call that makes a handle made it: BOOL calls return nonzero, HANDLE calls neither NULL
// nor INVALID_HANDLE_VALUE (the generator never makes pseudo-handles).
bool made_its_handle(const model::Outcome& outcome) {
    if (!outcome.result.is_number()) return false;
    const std::uint64_t n = outcome.result.number;
    if (outcome.result.kind == Value::Kind::Handle) return n != 0 && n != invalid_handle_value.raw;
    return n != 0;
}

}  // namespace

bool model_runs_to_completion(const std::string& text) { return model_outcomes(text).has_value(); }

namespace {

enum class Kind : std::uint8_t { Event, Mutex, Semaphore, PipeRead, PipeWrite, MailslotServer, MailslotClient, Process, Thread };

bool waitable(Kind k) {
    return k == Kind::Event || k == Kind::Mutex || k == Kind::Semaphore || k == Kind::Process || k == Kind::Thread;
}

// A handle as the generator knows it: which table it is in and how that process names it.
struct Handle {
    std::string owner;        // the process whose table holds the entry
    std::string ref;          // how `owner` names it: "h3", or "A.h3" (inherited) / "A.d5" (duplicated in)
    Kind kind = Kind::Event;
    bool open = true;
    bool inheritable = false;
    std::string target;       // Process/Thread handles: the process they name
    std::string name;         // named objects: the name (mailslots: the path)
    std::size_t closed_at = 0;   // the owner's entry count when it was closed
    std::string object;          // which kernel object: copies (inherited, duplicated) and opens by name share it
};

struct Process {
    std::string name;
    bool started = false;     // declared, or its CreateProcess line is in
    bool alive = true;
    std::string id_var;       // a variable of the process holding its id ("idA"), once made
    std::size_t entries = 0;  // entries it gained so far (to know a closed value is not reused yet)
};

// Splitmix-style 64-bit generator: the same sequence on every compiler and standard library.
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
    bool chance(unsigned percent) { return below(100) < percent; }
    template <class T> T& pick(std::vector<T>& v) { return v[below(v.size())]; }
    const char* pick(std::initializer_list<const char*> v) { return *(v.begin() + below(v.size())); }

private:
    std::uint64_t state_;
};

const char* truth(bool b) { return b ? "TRUE" : "FALSE"; }

class Generator {
public:
    explicit Generator(const RandomScenarioOptions& options) : options_(options), rng_(options.seed) {
        scenario_.seed = options.seed;
        for (const char* name : {"A", "B"}) {
            scenario_.processes.push_back(name);
            processes_.push_back({name, true});
        }
        for (const char* name : {"C", "D"}) processes_.push_back({name, false, true});
    }

    RandomScenario run() {
        for (std::size_t attempt = 0; scenario_.statements.size() < options_.statements && attempt < options_.statements * 30; ++attempt) {
            Candidate candidate = propose();
            if (candidate.lines.empty()) continue;
            RandomScenario trial = scenario_;
            trial.statements.insert(trial.statements.end(), candidate.lines.begin(), candidate.lines.end());
            const auto outcomes = model_outcomes(trial.text());
            if (!outcomes) continue;
            scenario_ = std::move(trial);
            // A handle whose creation failed is not used later: its value (NULL, or -1, which is the
            // caller's own pseudo-handle) would test the platform's handling of a bad value, not the
            // call the generator meant.
            if (!candidate.makes_handles || made_its_handle(outcomes->back())) candidate.apply();
        }
        return scenario_;
    }

private:
    // Lines to try and what they change in the generator's picture once the model accepts them.
    struct Candidate {
        std::vector<std::string> lines;
        std::function<void()> apply = [] {};
        bool makes_handles = false;   // apply() adds handles: only when the last line's call succeeded
    };

    std::string fresh(const char* stem) { return stem + std::to_string(++counter_); }

    std::vector<Process*> running() {
        std::vector<Process*> out;
        for (auto& p : processes_)
            if (p.started && p.alive) out.push_back(&p);
        return out;
    }
    Process& process(const std::string& name) {
        return *std::find_if(processes_.begin(), processes_.end(), [&](const Process& p) { return p.name == name; });
    }
    std::vector<Handle*> open_handles(const std::string& owner, std::initializer_list<Kind> kinds = {}) {
        std::vector<Handle*> out;
        for (auto& h : handles_)
            if (h.open && h.owner == owner && (kinds.size() == 0 || std::find(kinds.begin(), kinds.end(), h.kind) != kinds.end()))
                out.push_back(&h);
        return out;
    }
    // A new entry in `owner`'s table, named by `ref` there.
    void add_handle(Handle h) {
        if (h.object.empty())
            h.object = h.kind == Kind::Process ? "process " + h.target
                     : h.kind == Kind::Thread  ? "thread " + h.target
                     : !h.name.empty() && h.kind != Kind::MailslotClient ? "name " + h.name
                                                                         : "object " + std::to_string(handles_.size());
        ++process(h.owner).entries;
        handles_.push_back(std::move(h));
    }
    std::string line(const Process& p, const std::string& statement) { return p.name + ": " + statement; }

    Candidate propose() {
        std::vector<Process*> procs = running();
        if (procs.empty()) return {};
        Process& p = *procs[rng_.below(procs.size())];
        switch (rng_.below(16)) {
        case 0: return create_event(p);
        case 1: return create_mutex_or_semaphore(p);
        case 2: return open_by_name(p);
        case 3: return signal(p);
        case 4: return wait(p);
        case 5: return create_pipe(p);
        case 6: return mailslot(p);
        case 7: return write(p);
        case 8: return read(p);
        case 9: return close(p);
        case 10: return duplicate_here(p);
        case 11: return duplicate_across(p);
        case 12: return handle_information(p);
        case 13: return create_process(p);
        case 14: return process_end(p);
        default: return environment(p);
        }
    }

    // The language's short alias for the SECURITY_ATTRIBUTES parameter, as the built-in scenarios write it.
    std::string inherit_argument(const char*, bool inherit) { return std::string("inherit=") + truth(inherit); }

    Candidate create_event(Process& p) {
        const bool inherit = rng_.chance(50), named = rng_.chance(40);
        const std::string var = fresh("hEvent"), name = named ? fresh("kr_event") : "";
        Candidate c;
        c.lines.push_back(line(p, var + " = CreateEvent(" + inherit_argument("lpEventAttributes", inherit) +
                                      ", bManualReset=" + truth(rng_.chance(50)) + ", bInitialState=" + truth(rng_.chance(50)) +
                                      ", lpName=" + (named ? "\"" + name + "\"" : "NULL") + ")"));
        c.makes_handles = true;
        c.apply = [this, &p, var, inherit, name] { add_handle({p.name, var, Kind::Event, true, inherit, "", name}); };
        return c;
    }

    Candidate create_mutex_or_semaphore(Process& p) {
        const bool inherit = rng_.chance(50), named = rng_.chance(40), mutex = rng_.chance(50);
        const std::string var = fresh(mutex ? "hMutex" : "hSemaphore");
        const std::string name = named ? fresh(mutex ? "kr_mutex" : "kr_semaphore") : "";
        const std::string lp_name = named ? "\"" + name + "\"" : "NULL";
        Candidate c;
        if (mutex) {
            c.lines.push_back(line(p, var + " = CreateMutex(" + inherit_argument("lpMutexAttributes", inherit) +
                                          ", bInitialOwner=" + truth(rng_.chance(50)) + ", lpName=" + lp_name + ")"));
        } else {
            const std::size_t maximum = 1 + rng_.below(3);
            c.lines.push_back(line(p, var + " = CreateSemaphore(" + inherit_argument("lpSemaphoreAttributes", inherit) +
                                          ", lInitialCount=" + std::to_string(rng_.below(maximum + 1)) +
                                          ", lMaximumCount=" + std::to_string(maximum) + ", lpName=" + lp_name + ")"));
        }
        c.makes_handles = true;
        c.apply = [this, &p, var, inherit, name, mutex] {
            add_handle({p.name, var, mutex ? Kind::Mutex : Kind::Semaphore, true, inherit, "", name});
        };
        return c;
    }

    // OpenEvent / OpenMutex / OpenSemaphore of a name some process created (it may be gone by now).
    Candidate open_by_name(Process& p) {
        std::vector<Handle*> named;
        for (auto& h : handles_)
            if (!h.name.empty() && (h.kind == Kind::Event || h.kind == Kind::Mutex || h.kind == Kind::Semaphore)) named.push_back(&h);
        if (named.empty()) return {};
        const Handle& of = *named[rng_.below(named.size())];
        const bool inherit = rng_.chance(50);
        const std::string var = fresh("hOpened");
        const char* call = of.kind == Kind::Event ? "OpenEvent" : of.kind == Kind::Mutex ? "OpenMutex" : "OpenSemaphore";
        const char* access = of.kind == Kind::Event ? "EVENT_ALL_ACCESS" : of.kind == Kind::Mutex ? "MUTEX_ALL_ACCESS" : "SEMAPHORE_ALL_ACCESS";
        Candidate c;
        c.lines.push_back(line(p, var + " = " + call + "(dwDesiredAccess=" + access + ", bInheritHandle=" + truth(inherit) +
                                      ", lpName=\"" + of.name + "\")"));
        c.makes_handles = true;
        c.apply = [this, &p, var, inherit, kind = of.kind, name = of.name] { add_handle({p.name, var, kind, true, inherit, "", name}); };
        return c;
    }

    Candidate signal(Process& p) {
        std::vector<Handle*> hs = open_handles(p.name, {Kind::Event, Kind::Mutex, Kind::Semaphore});
        if (hs.empty()) return {};
        const Handle& h = *hs[rng_.below(hs.size())];
        Candidate c;
        if (h.kind == Kind::Event)
            c.lines.push_back(line(p, std::string(rng_.chance(70) ? "SetEvent" : "ResetEvent") + "(hEvent=" + h.ref + ")"));
        else if (h.kind == Kind::Mutex)
            c.lines.push_back(line(p, "ReleaseMutex(hMutex=" + h.ref + ")"));
        else
            c.lines.push_back(line(p, "ReleaseSemaphore(hSemaphore=" + h.ref + ", lReleaseCount=" + std::to_string(1 + rng_.below(2)) +
                                          ", lpPreviousCount=&" + fresh("previous") + ")"));
        return c;
    }

    Candidate wait(Process& p) {
        std::vector<Handle*> hs;
        for (Handle* h : open_handles(p.name))
            if (waitable(h->kind)) hs.push_back(h);
        if (hs.empty()) return {};
        Candidate c;
        if (hs.size() >= 2 && rng_.chance(30)) {
            const Handle& a = *hs[rng_.below(hs.size())];
            const Handle& b = *hs[rng_.below(hs.size())];
            if (&a == &b) return {};
            // Not a wait-all on one object twice: Windows refuses it, Wine waits (wine8.wfmo-duplicate-
            // wait-all), and a mutex Wine then owns changes every later step, which no profile entry explains.
            const bool all = a.object != b.object && rng_.chance(50);
            c.lines.push_back(line(p, fresh("r") + " = WaitForMultipleObjects(nCount=2, lpHandles=[" + a.ref + ", " + b.ref +
                                          "], bWaitAll=" + truth(all) + ", dwMilliseconds=0)"));
        } else {
            c.lines.push_back(line(p, fresh("r") + " = WaitForSingleObject(hHandle=" + hs[rng_.below(hs.size())]->ref + ", dwMilliseconds=0)"));
        }
        return c;
    }

    Candidate create_pipe(Process& p) {
        const bool inherit = rng_.chance(60);
        const std::string read = fresh("hRead"), write = fresh("hWrite");
        Candidate c;
        c.lines.push_back(line(p, "CreatePipe(hReadPipe=&" + read + ", hWritePipe=&" + write + ", " +
                                      inherit_argument("lpPipeAttributes", inherit) + ", nSize=0)"));
        c.makes_handles = true;
        c.apply = [this, &p, read, write, inherit] {
            add_handle({p.name, read, Kind::PipeRead, true, inherit});
            add_handle({p.name, write, Kind::PipeWrite, true, inherit});
        };
        return c;
    }

    // A mailslot (read time-out 0, so an empty read fails at once) or a client of an existing one.
    Candidate mailslot(Process& p) {
        // A closed mailslot is opened too (ERROR_FILE_NOT_FOUND), but not while a client of it is open:
        // Wine keeps the name while any client handle lives, Windows documents that the mailslot goes
        // with its server handles (docs/crosscheck.md, "Known platform differences"), and the extra
        // entry Wine makes would shift every later handle value.
        const auto client_open = [this](const std::string& path) {
            return std::any_of(handles_.begin(), handles_.end(),
                               [&](const Handle& h) { return h.open && h.kind == Kind::MailslotClient && h.name == path; });
        };
        std::vector<Handle*> servers;
        for (auto& h : handles_)
            if (h.kind == Kind::MailslotServer && (h.open || !client_open(h.name))) servers.push_back(&h);
        Candidate c;
        if (servers.empty() || rng_.chance(35)) {
            const std::string var = fresh("hSlot"), path = "\\\\\\\\.\\\\mailslot\\\\" + fresh("kr_slot");
            c.lines.push_back(line(p, var + " = CreateMailslot(lpName=\"" + path + "\", nMaxMessageSize=0, lReadTimeout=0)"));
            c.makes_handles = true;
            c.apply = [this, &p, var, path] { add_handle({p.name, var, Kind::MailslotServer, true, false, "", path}); };
            return c;
        }
        const Handle& server = *servers[rng_.below(servers.size())];
        const bool inherit = rng_.chance(50);
        const std::string var = fresh("hClient");
        // Both share flags: Windows Vista and later and Wine differ on a second writer with FILE_SHARE_READ
        // alone (docs/crosscheck.md, "Known platform differences").
        c.lines.push_back(line(p, var + " = CreateFile(lpFileName=\"" + server.name +
                                      "\", dwDesiredAccess=GENERIC_WRITE, dwShareMode=FILE_SHARE_READ | FILE_SHARE_WRITE, " +
                                      inherit_argument("lpSecurityAttributes", inherit) + ", dwCreationDisposition=OPEN_EXISTING)"));
        c.makes_handles = true;
        c.apply = [this, &p, var, inherit, path = server.name] { add_handle({p.name, var, Kind::MailslotClient, true, inherit, "", path}); };
        return c;
    }

    Candidate write(Process& p) {
        std::vector<Handle*> hs = open_handles(p.name, {Kind::PipeWrite, Kind::MailslotClient});
        if (hs.empty()) return {};
        const std::string data = rng_.pick({"hello", "x", "0123456789", "kosim"});
        Candidate c;
        c.lines.push_back(line(p, "WriteFile(hFile=" + hs[rng_.below(hs.size())]->ref + ", lpBuffer=\"" + data +
                                      "\", lpNumberOfBytesWritten=&" + fresh("written") + ")"));
        return c;
    }

    Candidate read(Process& p) {
        std::vector<Handle*> hs = open_handles(p.name, {Kind::PipeRead, Kind::MailslotServer});
        if (hs.empty()) return {};
        const Handle& h = *hs[rng_.below(hs.size())];
        // A mailslot's buffer holds any message written here: a smaller one fails on Windows with
        // ERROR_INSUFFICIENT_BUFFER and keeps the message, while Wine 8 returns part of it
        // (docs/crosscheck.md, "Known platform differences"), which changes every later read.
        const std::string n = h.kind == Kind::MailslotServer ? "64" : rng_.pick({"4", "16", "64"});
        Candidate c;
        c.lines.push_back(line(p, "ReadFile(hFile=" + h.ref + ", lpBuffer=&" + fresh("data") +
                                      ", nNumberOfBytesToRead=" + n + ", lpNumberOfBytesRead=&" + fresh("read") + ")"));
        return c;
    }

    // CloseHandle of an open handle, or a second CloseHandle of one just closed (before its value
    // can be reused: ERROR_INVALID_HANDLE on every platform).
    Candidate close(Process& p) {
        Candidate c;
        if (rng_.chance(15)) {
            for (auto& h : handles_)
                if (!h.open && h.owner == p.name && h.closed_at == p.entries) {
                    c.lines.push_back(line(p, "CloseHandle(hObject=" + h.ref + ")"));
                    return c;
                }
        }
        std::vector<Handle*> hs = open_handles(p.name);
        if (hs.empty()) return {};
        Handle* h = hs[rng_.below(hs.size())];
        c.lines.push_back(line(p, "CloseHandle(hObject=" + h->ref + ")"));
        c.apply = [h, &p] {
            h->open = false;
            h->closed_at = p.entries;
        };
        return c;
    }

    Candidate duplicate_here(Process& p) {
        std::vector<Handle*> hs = open_handles(p.name);
        if (hs.empty()) return {};
        Handle* h = hs[rng_.below(hs.size())];
        const bool inherit = rng_.chance(50), move = rng_.chance(20);
        const std::string var = fresh("hDup");
        Candidate c;
        c.lines.push_back(line(p, "DuplicateHandle(hSourceProcessHandle=GetCurrentProcess(), hSourceHandle=" + h->ref +
                                      ", hTargetProcessHandle=GetCurrentProcess(), lpTargetHandle=&" + var +
                                      ", dwDesiredAccess=0, bInheritHandle=" + truth(inherit) + ", dwOptions=DUPLICATE_SAME_ACCESS" +
                                      (move ? " | DUPLICATE_CLOSE_SOURCE" : "") + ")"));
        c.makes_handles = true;
        c.apply = [this, &p, h, var, inherit, move] {
            Handle copy = *h;
            copy.ref = var;
            copy.inheritable = inherit;
            if (move) {
                h->open = false;
                h->closed_at = p.entries + 1;   // the copy takes an entry after the source's goes
            }
            add_handle(copy);
        };
        return c;
    }

    // A handle to another running process with PROCESS_DUP_HANDLE: pi.hProcess of a child, or
    // OpenProcess by the id the other process wrote to a variable.
    Candidate duplicate_across(Process& p) {
        std::vector<Process*> others;
        for (Process* q : running())
            if (q != &p) others.push_back(q);
        if (others.empty()) return {};
        Process& q = *others[rng_.below(others.size())];
        std::vector<Handle*> to_q;
        for (Handle* h : open_handles(p.name, {Kind::Process}))
            if (h->target == q.name) to_q.push_back(h);
        Candidate c;
        if (to_q.empty()) {
            // First the other process's id, then a handle to it.
            const std::string id = q.id_var.empty() ? "id" + q.name : q.id_var;
            if (q.id_var.empty()) c.lines.push_back(line(q, id + " = GetCurrentProcessId()"));
            const std::string var = fresh("hProcess");
            // Every right the generator's later calls use: the model does not check granted access yet
            // (issue 8), so a missing right would be a known difference, not a finding.
            c.lines.push_back(line(p, var + " = OpenProcess(dwDesiredAccess=PROCESS_DUP_HANDLE | PROCESS_QUERY_INFORMATION | SYNCHRONIZE, bInheritHandle=FALSE, dwProcessId=" +
                                          q.name + "." + id + ")"));
            c.makes_handles = true;
            c.apply = [this, &p, &q, id, var] {
                q.id_var = id;
                add_handle({p.name, var, Kind::Process, true, false, q.name});
            };
            return c;
        }
        const Handle& target = *to_q[rng_.below(to_q.size())];
        // Into the other process, or (when it holds something) out of it.
        std::vector<Handle*> theirs = open_handles(q.name);
        std::vector<Handle*> mine = open_handles(p.name);
        const bool inward = !theirs.empty() && (mine.empty() || rng_.chance(40));
        if (!inward && mine.empty()) return {};
        Handle* source = inward ? theirs[rng_.below(theirs.size())] : mine[rng_.below(mine.size())];
        const std::string var = fresh("hCopy");
        const bool inherit = rng_.chance(30);
        // q's own variable, or the variable q itself names it by (an inherited or duplicated-in value).
        const bool foreign = source->ref.find('.') != std::string::npos;
        const std::string source_ref = inward && !foreign ? q.name + "." + source->ref : source->ref;
        c.lines.push_back(line(p, "DuplicateHandle(hSourceProcessHandle=" + (inward ? target.ref : std::string("GetCurrentProcess()")) +
                                      ", hSourceHandle=" + source_ref + ", hTargetProcessHandle=" +
                                      (inward ? std::string("GetCurrentProcess()") : target.ref) + ", lpTargetHandle=&" + var +
                                      ", dwDesiredAccess=0, bInheritHandle=" + truth(inherit) + ", dwOptions=DUPLICATE_SAME_ACCESS)"));
        c.makes_handles = true;
        c.apply = [this, &p, &q, source, var, inherit, inward] {
            Handle copy = *source;
            copy.owner = inward ? p.name : q.name;
            copy.ref = inward ? var : p.name + "." + var;   // a value written for q is q's to use
            copy.inheritable = inherit;
            add_handle(copy);
        };
        return c;
    }

    Candidate handle_information(Process& p) {
        std::vector<Handle*> hs = open_handles(p.name);
        if (hs.empty()) return {};
        Handle* h = hs[rng_.below(hs.size())];
        Candidate c;
        if (rng_.chance(50)) {
            c.lines.push_back(line(p, "GetHandleInformation(hObject=" + h->ref + ", lpdwFlags=&" + fresh("flags") + ")"));
            return c;
        }
        const bool inherit = rng_.chance(50);
        c.lines.push_back(line(p, "SetHandleInformation(hObject=" + h->ref + ", dwMask=HANDLE_FLAG_INHERIT, dwFlags=" +
                                      (inherit ? "HANDLE_FLAG_INHERIT" : "0") + ")"));
        c.apply = [h, inherit] { h->inheritable = inherit; };
        return c;
    }

    Candidate create_process(Process& p) {
        if (p.name == "C" || p.name == "D") return {};   // children do not start grandchildren here
        auto next = std::find_if(processes_.begin(), processes_.end(), [](const Process& q) { return !q.started; });
        if (next == processes_.end()) return {};
        Process& child = *next;
        const bool inherit = rng_.chance(70);
        const std::string pi = "pi" + child.name;
        Candidate c;
        c.lines.push_back(line(p, "CreateProcess(lpApplicationName=\"" + child.name + "\", lpCommandLine=\"" + child.name +
                                      ".exe\", bInheritHandles=" + truth(inherit) + ", lpProcessInformation=&" + pi + ")"));
        c.makes_handles = true;
        c.apply = [this, &p, &child, inherit, pi] {
            child.started = true;
            if (inherit) {
                std::vector<Handle> inherited;
                for (const Handle& h : handles_)
                    if (h.open && h.owner == p.name && h.inheritable) {
                        Handle copy = h;
                        copy.owner = child.name;
                        copy.ref = h.ref.find('.') == std::string::npos ? p.name + "." + h.ref : h.ref;
                        inherited.push_back(copy);
                    }
                for (Handle& h : inherited) add_handle(std::move(h));
            }
            add_handle({p.name, pi + ".hProcess", Kind::Process, true, false, child.name});
            add_handle({p.name, pi + ".hThread", Kind::Thread, true, false, child.name});
        };
        return c;
    }

    // A child ends, or its parent asks how it ended.
    Candidate process_end(Process& p) {
        Candidate c;
        if ((p.name == "C" || p.name == "D") && rng_.chance(50)) {
            c.lines.push_back(line(p, "ExitProcess(uExitCode=" + std::to_string(rng_.below(4)) + ")"));
            c.apply = [this, &p] {
                p.alive = false;
                for (auto& h : handles_)
                    if (h.owner == p.name) h.open = false, h.closed_at = static_cast<std::size_t>(-1);
            };
            return c;
        }
        std::vector<Handle*> hs = open_handles(p.name, {Kind::Process});
        if (hs.empty()) return {};
        const Handle& h = *hs[rng_.below(hs.size())];
        c.lines.push_back(line(p, "GetExitCodeProcess(hProcess=" + h.ref + ", lpExitCode=&" + fresh("code") + ")"));
        return c;
    }

    Candidate environment(Process& p) {
        const std::string name = rng_.pick({"KR_COLOR", "KR_COUNT", "KR_EMPTY"});
        Candidate c;
        if (rng_.chance(45)) {
            const std::string value = rng_.chance(20) ? "NULL" : "\"" + std::string(rng_.pick({"red", "42", ""})) + "\"";
            c.lines.push_back(line(p, "SetEnvironmentVariable(lpName=\"" + name + "\", lpValue=" + value + ")"));
        } else {
            c.lines.push_back(line(p, fresh("length") + " = GetEnvironmentVariable(lpName=\"" + name + "\", lpBuffer=&" + fresh("value") +
                                          ", nSize=" + std::to_string(rng_.chance(20) ? 1 : 32) + ")"));
        }
        return c;
    }

    RandomScenarioOptions options_;
    Random rng_;
    RandomScenario scenario_;
    std::vector<Process> processes_;
    std::deque<Handle> handles_;   // a deque: candidates keep pointers into it while others are added
    std::size_t counter_ = 0;
};

}  // namespace

RandomScenario random_scenario(const RandomScenarioOptions& options) {
    return Generator(options).run();
}

RandomScenario shrink_scenario(const RandomScenario& failing, const std::function<bool(const RandomScenario&)>& still_fails,
                               std::size_t max_tries) {
    RandomScenario best = failing;
    std::size_t tries = 0;
    // Drop chunks of halving size (delta debugging's coarse-to-fine order), keeping any drop that
    // still parses and still fails; single lines are retried until a whole pass drops nothing, since
    // dropping a later line can free an earlier one (the line that set its variable).
    std::size_t chunk = std::max<std::size_t>(1, best.statements.size() / 2);
    for (bool dropped = true; tries < max_tries && (chunk > 1 || dropped);) {
        dropped = false;
        for (std::size_t start = 0; start < best.statements.size() && tries < max_tries;) {
            RandomScenario candidate = best;
            const std::size_t end = std::min(candidate.statements.size(), start + chunk);
            candidate.statements.erase(candidate.statements.begin() + static_cast<std::ptrdiff_t>(start),
                                       candidate.statements.begin() + static_cast<std::ptrdiff_t>(end));
            if (parse_scenario(candidate.text(), "shrink.kos").ok()) {
                ++tries;
                if (still_fails(candidate)) {
                    best = std::move(candidate);   // the same start now names the next lines
                    dropped = true;
                    continue;
                }
            }
            start += chunk;
        }
        if (chunk > 1) {
            chunk /= 2;
            dropped = true;   // go on to the finer passes
        }
    }
    return best;
}

}  // namespace kosim::compare
