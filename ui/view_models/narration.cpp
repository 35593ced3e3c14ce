// Automatic sentences for what a step changed, in English and Korean.
#include "view_models/narration.h"

#include <map>
#include <set>

#include "view_models/world_view_model.h"
#include "win32/constants.h"

namespace kosim::ui {
namespace {

bool ko(Language l) { return l == Language::Korean; }

std::string counts_text(const model::Change& c, Language l) {
    std::string text;
    if (c.usage_before != c.usage_after)
        text += std::string(ko(l) ? "사용 계수(usage count) " : "usage count ") + std::to_string(c.usage_before) + " -> " +
                std::to_string(c.usage_after);
    if (c.before != c.after) {
        if (!text.empty()) text += ", ";
        text += std::string(ko(l) ? "핸들 수(handle count) " : "handle count ") + std::to_string(c.before) + " -> " +
                std::to_string(c.after);
    }
    return text;
}

std::string event_text(model::Change::Event e, std::uint64_t amount, Language l) {
    using E = model::Change::Event;
    const std::string n = std::to_string(amount);
    switch (e) {
    case E::MessageQueued: return ko(l) ? "메시지 도착 (" + n + "바이트)" : "message queued (" + n + " bytes)";
    case E::MessageRead: return ko(l) ? "메시지 읽음 (" + n + "바이트)" : "message read (" + n + " bytes)";
    case E::BytesWritten: return ko(l) ? n + "바이트 씀" : n + " bytes written";
    case E::BytesRead: return ko(l) ? n + "바이트 읽음" : n + " bytes read";
    case E::Signalled: return ko(l) ? "신호 상태가 됨" : "signalled";
    case E::Reset: return ko(l) ? "비신호 상태로 재설정" : "reset";
    case E::Connected: return ko(l) ? "연결됨" : "connected";
    case E::Disconnected: return ko(l) ? "연결 끊김" : "disconnected";
    case E::Acquired: return ko(l) ? "소유권 획득" : "acquired";
    case E::Released: return ko(l) ? "해제됨" : "released";
    case E::Abandoned: return ko(l) ? "버려짐(abandoned)" : "abandoned";
    case E::None: break;
    }
    return ko(l) ? "상태 변경" : "state changed";
}

std::string run_state_text(std::uint32_t state, Language l) {
    switch (static_cast<model::RunState>(state)) {
    case model::RunState::Running: return ko(l) ? "실행 중" : "running";
    case model::RunState::Waiting: return ko(l) ? "대기 중" : "waiting";
    case model::RunState::Exited: return ko(l) ? "종료됨" : "exited";
    }
    return "?";
}

}  // namespace

std::vector<std::string> describe_changes(const Program& program, const StepRecord& record,
                                          const model::World& world, Language l) {
    using model::Change;
    const auto& changes = record.changes;
    // Labels of objects this step destroyed come from their ObjectDestroyed rows.
    std::map<model::ObjectId, std::string> gone;
    for (const auto& c : changes)
        if (c.kind == Change::Kind::ObjectDestroyed) gone[c.object] = destroyed_label(c.detail, c.object);
    auto label = [&](model::ObjectId id) {
        if (const auto* o = world.object(id)) return object_label(*o, &world);
        if (auto it = gone.find(id); it != gone.end()) return it->second;
        return std::string("#") + std::to_string(id);
    };
    auto who = [&](model::Pid pid) { return process_name(world, pid); };
    std::string call_name;
    if (record.kind == StepRecord::Kind::Statement && record.statement < program.statements.size() &&
        program.statements[record.statement].kind == Statement::Kind::Call)
        call_name = call_info(program.statements[record.statement].call).name;

    // Count changes, merged per object, attached to the first entry change of that object.
    std::map<model::ObjectId, const Change*> counts;
    for (const auto& c : changes)
        if (c.kind == Change::Kind::CountsChanged && (c.before != c.after || c.usage_before != c.usage_after)) counts[c.object] = &c;
    std::set<model::ObjectId> told;
    auto with_counts = [&](std::string sentence, model::ObjectId id) {
        sentence += ": " + label(id);
        if (auto it = counts.find(id); it != counts.end() && !told.count(id)) {
            sentence += " " + counts_text(*it->second, l);
            told.insert(id);
        }
        return sentence;
    };

    std::vector<std::string> out;
    for (const auto& c : changes) {
        const std::string h = to_hex(c.handle);
        switch (c.kind) {
        case Change::Kind::EntryAdded:
            out.push_back(with_counts(ko(l) ? (call_name.empty() ? "" : call_name + ": ") + who(c.pid) + "의 핸들 테이블에 " + h + " 추가"
                                            : (call_name.empty() ? "" : call_name + " in ") + who(c.pid) + " adds " + h,
                                      c.object));
            break;
        case Change::Kind::EntryRemoved:
            out.push_back(with_counts(call_name == "CloseHandle"
                                          ? (ko(l) ? who(c.pid) + "에서 CloseHandle(" + h + ")" : "CloseHandle(" + h + ") in " + who(c.pid))
                                          : (ko(l) ? who(c.pid) + "의 핸들 " + h + " 제거" : who(c.pid) + " loses " + h),
                                      c.object));
            break;
        case Change::Kind::EntryFlagsChanged: {
            auto flags = [&](std::uint32_t f) {
                std::string s = (f & win32::HANDLE_FLAG_INHERIT) ? "INHERIT" : "";
                if (f & win32::HANDLE_FLAG_PROTECT_FROM_CLOSE) s += s.empty() ? "PROTECT_FROM_CLOSE" : " | PROTECT_FROM_CLOSE";
                return s.empty() ? std::string("0") : s;
            };
            out.push_back(ko(l) ? who(c.pid) + "의 핸들 " + h + " 플래그: " + flags(c.before) + " -> " + flags(c.after)
                                : who(c.pid) + " " + h + " flags: " + flags(c.before) + " -> " + flags(c.after));
            break;
        }
        case Change::Kind::ObjectCreated:
            out.push_back(ko(l) ? "커널 오브젝트 생성: " + label(c.object) : "Kernel object created: " + label(c.object));
            break;
        case Change::Kind::ObjectDestroyed:
            out.push_back(ko(l) ? label(c.object) + " 소멸 (사용 계수가 0이 됨)" : label(c.object) + " destroyed (usage count reached 0)");
            break;
        case Change::Kind::ProcessCreated: {
            const auto* p = world.process(c.pid);
            const std::string parent = p && p->parent ? who(p->parent) : std::string();
            out.push_back(ko(l) ? "프로세스 " + who(c.pid) + " 생성" + (parent.empty() ? "" : " (부모: " + parent + ")")
                                : "Process " + who(c.pid) + " created" + (parent.empty() ? "" : " (child of " + parent + ")"));
            break;
        }
        case Change::Kind::ProcessStateChanged:
            out.push_back(ko(l) ? who(c.pid) + " 상태: " + run_state_text(c.before, l) + " -> " + run_state_text(c.after, l)
                                : who(c.pid) + ": " + run_state_text(c.before, l) + " -> " + run_state_text(c.after, l));
            break;
        case Change::Kind::ObjectStateChanged:
            out.push_back(label(c.object) + ": " + event_text(c.event, c.amount, l));
            break;
        case Change::Kind::EnvironmentChanged:
            out.push_back(ko(l) ? who(c.pid) + "의 환경 변수 " + c.detail + " 설정" : who(c.pid) + " sets environment variable " + c.detail);
            break;
        case Change::Kind::FileChanged:
            out.push_back(ko(l) ? "파일 " + c.detail + ": " + std::to_string(c.amount) + "바이트"
                                : "File " + c.detail + " now holds " + std::to_string(c.amount) + " bytes");
            break;
        case Change::Kind::StdHandleChanged:
            out.push_back(ko(l) ? who(c.pid) + "의 표준 핸들 -> " + h : who(c.pid) + " standard handle -> " + h);
            break;
        case Change::Kind::CountsChanged: break;
        }
    }
    // Counts that changed without an entry change of their own (a kernel reference came or went).
    for (const auto& [id, c] : counts)
        if (!told.count(id)) out.push_back(label(id) + " " + counts_text(*c, l));
    return out;
}

StepNarration narrate_step(const Program& program, std::size_t position, std::size_t step_count,
                           const StepRecord* record, const model::World& world, Language l) {
    StepNarration n;
    const std::string of = std::to_string(position) + (ko(l) ? " / " : " of ") + std::to_string(step_count);
    n.heading = (ko(l) ? "단계 " : "Step ") + of;
    if (position == 0 || record == nullptr) {
        n.heading += ko(l) ? " - 시작" : " - the start";
        n.text = pick(l, program.introduction.en, program.introduction.ko);
        if (n.text.empty()) n.text = pick(l, program.title.en, program.title.ko);
        return n;
    }
    switch (record->kind) {
    case StepRecord::Kind::Statement:
        if (record->statement < program.statements.size()) {
            const auto& s = program.statements[record->statement];
            n.heading += " - " + to_source(s);
            if (s.kind == Statement::Kind::Call) {
                if (record->outcome.status == model::Outcome::Status::Blocked)
                    n.heading += ko(l) ? "  (대기)" : "  (waits)";
                else if (!record->outcome.result.is_none())
                    n.heading += " -> " + (call_info(s.call).returns == Returns::Bool
                                               ? std::string(record->outcome.result.number ? "TRUE" : "FALSE")
                                               : to_display(record->outcome.result));
                if (record->outcome.last_error != 0 && record->outcome.last_error != last_error_sentinel)
                    n.heading += "  GetLastError() = " + win32::error_name(record->outcome.last_error);
            }
            n.text = pick(l, s.narration.en, s.narration.ko);
        }
        break;
    case StepRecord::Kind::Clock:
        n.heading += ko(l) ? " - 모든 프로세스가 대기: 가상 시계 " + std::to_string(record->time_ms) + " ms"
                           : " - every process waits: the clock moves to " + std::to_string(record->time_ms) + " ms";
        break;
    case StepRecord::Kind::Deadlock:
        n.heading += ko(l) ? " - 교착 상태(deadlock)" : " - deadlock";
        for (const auto& w : record->waits) n.sentences.push_back(ko(l) ? w.description_ko : w.description);
        break;
    case StepRecord::Kind::Skipped:
        n.heading += ko(l) ? " - 건너뜀: 프로세스가 없음" : " - skipped: its process is not running";
        if (record->statement < program.statements.size()) n.heading += " (" + to_source(program.statements[record->statement]) + ")";
        break;
    }
    for (auto& sentence : describe_changes(program, *record, world, l)) n.sentences.push_back(std::move(sentence));
    n.error = record->error;
    return n;
}

}  // namespace kosim::ui
