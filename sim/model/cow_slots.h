// Slots that copies share until one of them writes (copy-on-write chunks): copying a table of n
// entries copies n / chunk_slots pointers, so the timeline's checkpoints of a large world share
// everything a step did not touch (issue: seek under 1 ms in a world of 100,000 objects).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace kosim::model {

// Slots copied because a shared chunk was written, on this thread: the timeline reads it to space
// its checkpoints by the memory each one keeps (sim/timeline/timeline.cpp).
inline thread_local std::size_t cow_slots_copied = 0;

template <class T, std::size_t chunk_slots = 64>
class CowSlots {
public:
    std::size_t size() const { return size_; }      // live slots
    std::size_t slot_end() const { return end_; }   // one past the highest live slot
    std::size_t chunk_count() const { return chunks_.size(); }

    const T* get(std::size_t i) const {
        const Chunk* c = i < end_ ? chunks_[i / chunk_slots].get() : nullptr;
        const std::size_t j = i % chunk_slots;
        return c && j < c->slots.size() && c->slots[j] ? &*c->slots[j] : nullptr;
    }
    // For writing: the slot's chunk becomes this copy's own first (pointers into it from before
    // stay with the copies that still share the old chunk).
    T* get_mut(std::size_t i) {
        if (!get(i)) return nullptr;
        return &*own(i / chunk_slots).slots[i % chunk_slots];
    }
    // Fills an empty slot; false when it is taken.
    bool put(std::size_t i, T value) {
        if (get(i)) return false;
        if (i / chunk_slots >= chunks_.size()) chunks_.resize(i / chunk_slots + 1);
        Chunk& c = own(i / chunk_slots);
        if (i % chunk_slots >= c.slots.size()) c.slots.resize(i % chunk_slots + 1);
        c.slots[i % chunk_slots] = std::move(value);
        ++c.count;
        ++size_;
        if (i >= end_) end_ = i + 1;
        return true;
    }
    bool erase(std::size_t i) {
        if (!get(i)) return false;
        const std::size_t k = i / chunk_slots;
        Chunk& c = own(k);
        c.slots[i % chunk_slots].reset();
        while (!c.slots.empty() && !c.slots.back()) c.slots.pop_back();
        if (--c.count == 0) chunks_[k].reset();   // an empty chunk costs a pointer, not its slots
        --size_;
        if (i + 1 == end_) {   // trailing free slots go, so a copy costs what it holds
            // Down to the highest live slot, a chunk at a time past empty chunks (ids only grow: the
            // rest of a long run's slots are mostly empty).
            while (end_ > 0) {
                const Chunk* tail = chunks_[(end_ - 1) / chunk_slots].get();
                if (!tail) {
                    end_ = (end_ - 1) / chunk_slots * chunk_slots;
                    continue;
                }
                end_ = std::min(end_, (end_ - 1) / chunk_slots * chunk_slots + tail->slots.size());
                if (end_ > 0 && !get(end_ - 1)) --end_;
                else break;
            }
            chunks_.resize((end_ + chunk_slots - 1) / chunk_slots);
        }
        return true;
    }
    // Range-for over the live slots in slot order, read-only: never copies a chunk.
    class const_iterator {
    public:
        const T& operator*() const { return *slots_->get(i_); }
        const T* operator->() const { return slots_->get(i_); }
        const_iterator& operator++() {
            ++i_;
            skip();
            return *this;
        }
        bool operator==(const const_iterator& other) const { return i_ == other.i_; }

    private:
        friend class CowSlots;
        const_iterator(const CowSlots* slots, std::size_t i) : slots_(slots), i_(i) { skip(); }
        // Past empty slots, a chunk at a time where a chunk is empty or ends early: ids only grow, so
        // a long run leaves mostly empty chunks, and a scan costs chunks plus live slots, not ids.
        void skip() {
            while (i_ < slots_->end_) {
                const Chunk* c = slots_->chunks_[i_ / chunk_slots].get();
                const std::size_t j = i_ % chunk_slots;
                if (c && j < c->slots.size()) {
                    if (c->slots[j]) return;
                    ++i_;
                } else {
                    i_ = (i_ / chunk_slots + 1) * chunk_slots;
                }
            }
            i_ = slots_->end_;
        }
        const CowSlots* slots_;
        std::size_t i_;
    };
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, end_}; }

    // In slot order; never copies.
    template <class F> void for_each(F&& f) const {
        for (const auto& c : chunks_)
            if (c)
                for (const auto& slot : c->slots)
                    if (slot) f(*slot);
    }
    // In slot order, for writing: copies each shared chunk it visits.
    template <class F> void for_each_mut(F&& f) {
        for (std::size_t k = 0; k < chunks_.size(); ++k)
            if (chunks_[k])
                for (auto& slot : own(k).slots)
                    if (slot) f(*slot);
    }

private:
    // Slots up to the chunk's highest live one: a small world's chunk copies what it holds.
    struct Chunk {
        std::vector<std::optional<T>> slots;
        std::uint32_t count = 0;
    };
    Chunk& own(std::size_t k) {
        std::shared_ptr<Chunk>& c = chunks_[k];
        if (!c) {
            c = std::make_shared<Chunk>();
        } else if (c.use_count() > 1) {
            c = std::make_shared<Chunk>(*c);
            cow_slots_copied += c->slots.size();
        }
        return *c;
    }

    std::vector<std::shared_ptr<Chunk>> chunks_;   // null: a chunk with no live slot
    std::size_t size_ = 0, end_ = 0;
};

}  // namespace kosim::model
