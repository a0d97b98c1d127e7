// A shard's facet column: its file format and reader (facet_column.cpp writes and updates it).
#pragma once

#include "internal.h"

// A shard's facet column (CX_FACET_COLUMN in the shard's folder): the facet keys of every document laid out
// for counting without Xapian's value B-tree or varint decoding, read through a read-only map of the file.
// Layout (native byte order; a cache made and read on one machine):
//   header (80 bytes): magic, the shard's revision, slot, last docid N, number of keys, largest key, bytes per
//   key (2 when the largest key fits, else 4), uuid;
//   N + 1 offsets (u32): document d's keys are keys[offset[d-1], offset[d]);
//   keys (u16 or u32), in docid order: each document's facet value decoded (see each_key).
// The header names the revision and uuid of the shard it was made from: a reader uses the column only when both
// match the shard it has open, so a stale column (a commit since) or another database's is never read.
struct ColumnHeader {
    char magic[8];
    uint64_t revision;
    uint32_t slot;
    uint32_t lastdocid;
    uint64_t keys;
    uint32_t max_key;
    uint32_t key_bytes;
    char uuid[40];
};
static_assert(sizeof(ColumnHeader) == 80, "facet column header is 80 bytes");
static const char column_magic[8] = {'D', 'S', 'F', 'C', 'O', 'L', '0', '3'};

class FacetColumn {
  public:
    FacetColumn() = default;
    FacetColumn(const FacetColumn &) = delete;
    FacetColumn &operator=(const FacetColumn &) = delete;
    ~FacetColumn() {
        if (map_ != nullptr) munmap(map_, size_);
    }

    // Maps the column at `path` made for `slot`; false (and nothing mapped) when it is absent or malformed.
    bool open(const std::string &path, Xapian::valueno slot) {
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return false;
        struct stat st;
        bool ok = fstat(fd, &st) == 0 && size_t(st.st_size) >= sizeof(ColumnHeader);
        if (ok) {
            size_ = size_t(st.st_size);
            void *m = mmap(nullptr, size_, PROT_READ, MAP_SHARED, fd, 0);
            ok = m != MAP_FAILED;
            if (ok) {
                map_ = m;
                madvise(m, size_, MADV_HUGEPAGE);  // pages read back after eviction come in 2 MB folios too
            }
        }
        ::close(fd);
        if (!ok) return false;
        const auto *bytes = static_cast<const unsigned char *>(map_);
        std::memcpy(&header_, bytes, sizeof header_);
        const uint64_t offsets_size = (uint64_t(header_.lastdocid) + 1) * sizeof(uint32_t);
        const bool valid = std::memcmp(header_.magic, column_magic, sizeof column_magic) == 0 && header_.slot == slot &&
                           (header_.key_bytes == 2 || header_.key_bytes == 4) && header_.keys <= UINT32_MAX &&
                           sizeof(ColumnHeader) + offsets_size + header_.keys * header_.key_bytes == size_;
        if (!valid) {
            munmap(map_, size_);
            map_ = nullptr;
            return false;
        }
        offsets_ = reinterpret_cast<const uint32_t *>(bytes + sizeof(ColumnHeader));
        keys_ = bytes + sizeof(ColumnHeader) + offsets_size;
        return true;
    }

    // True when the column was made from `shard` as it is now (a single database; false for any other).
    bool made_from(const Xapian::Database &shard) const {
        if (map_ == nullptr) return false;
        try {
            return shard.get_revision() == header_.revision && shard.get_uuid() == uuid();
        } catch (const Xapian::Error &) {  // several sub-databases: no single revision
            return false;
        }
    }

    uint32_t max_key() const { return header_.max_key; }
    Xapian::rev revision() const { return header_.revision; }
    Xapian::docid lastdocid() const { return header_.lastdocid; }
    uint64_t key_count() const { return header_.keys; }
    // offset(d - 1) is where document d's keys start, offset(d) where they end (d <= lastdocid()).
    uint32_t offset(Xapian::docid i) const { return offsets_[i]; }
    // The keys, as 16 or 32 bits (the other is null).
    const uint16_t *narrow_keys() const { return header_.key_bytes == 2 ? reinterpret_cast<const uint16_t *>(keys_) : nullptr; }
    const uint32_t *wide_keys() const { return header_.key_bytes == 4 ? reinterpret_cast<const uint32_t *>(keys_) : nullptr; }

    // Where document `did`'s keys are, [first, second); empty for a docid the column does not know, or for
    // offsets out of order or range (damage).
    std::pair<uint32_t, uint32_t> range(Xapian::docid did) const {
        if (did == 0 || did > header_.lastdocid) return {0, 0};
        const uint32_t from = offsets_[did - 1], to = offsets_[did];
        if (from >= to || to > header_.keys) return {0, 0};
        return {from, to};
    }

    // Calls f(key) for each key of document `did` (none for a docid the column does not know, or damage).
    template <class F> void each_key(Xapian::docid did, F f) const {
        const auto [from, to] = range(did);
        for (uint32_t i = from; i < to; ++i) f(narrow_keys() ? uint32_t(narrow_keys()[i]) : wide_keys()[i]);
    }

    // Adds one to counts[key] for each key of each document of `dids` (ascending; none for a docid the column
    // does not know, or whose offsets are out of range: damage), or to `overflow` for keys of `size` or more.
    // The documents of a match are scattered over the file, and each costs a cache (and often a TLB) miss: the
    // offsets and keys of documents further on are prefetched, so that misses overlap.
    void count(const std::vector<Xapian::docid> &dids, uint32_t *counts, size_t size, KeyCounter &overflow) const {
        if (narrow_keys())
            count(narrow_keys(), dids, counts, size, overflow);
        else
            count(wide_keys(), dids, counts, size, overflow);
    }

    std::string uuid() const { return std::string(header_.uuid, strnlen(header_.uuid, sizeof header_.uuid)); }

  private:
    template <class Key>
    void count(const Key *keys, const std::vector<Xapian::docid> &dids, uint32_t *counts, size_t size,
               KeyCounter &overflow) const {
        constexpr size_t ahead = 16;
        const size_t n = dids.size();
        std::vector<std::pair<uint32_t, uint32_t>> ranges(n);
        for (size_t i = 0; i < n; ++i) {
            if (i + ahead < n && dids[i + ahead] != 0 && dids[i + ahead] <= header_.lastdocid)
                __builtin_prefetch(offsets_ + dids[i + ahead] - 1);
            ranges[i] = range(dids[i]);
        }
        for (size_t i = 0; i < n; ++i) {
            if (i + ahead < n) __builtin_prefetch(keys + ranges[i + ahead].first);
            const auto [from, to] = ranges[i];
            for (const Key *k = keys + from, *end = keys + to; k < end; ++k) {
                if (*k < size)
                    ++counts[*k];
                else
                    overflow.add(*k);
            }
        }
    }

    void *map_ = nullptr;
    size_t size_ = 0;
    ColumnHeader header_{};
    const uint32_t *offsets_ = nullptr;
    const unsigned char *keys_ = nullptr;
};
