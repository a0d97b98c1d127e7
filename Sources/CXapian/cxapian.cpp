// The C++ side of CXapian. Every entry point runs its body inside CX_GUARD, whose
// catch (...) hands the exception to translate(): the one place where C++ exceptions
// become a cx_status plus message. Nothing is thrown past this file.

#include "CXapian.h"

#include <xapian.h>
#include <zdict.h>
#include <zstd.h>

#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <new>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

// ---- Handles -----------------------------------------------------------------

static std::atomic<long> live_handles{0};
static thread_local long live_handles_here = 0;

namespace {
struct Counted {
    Counted() { live_handles.fetch_add(1, std::memory_order_relaxed); ++live_handles_here; }
    Counted(const Counted &) { live_handles.fetch_add(1, std::memory_order_relaxed); ++live_handles_here; }
    ~Counted() { live_handles.fetch_sub(1, std::memory_order_relaxed); --live_handles_here; }
};

/// The Snowball language named by lang, or "" for none ("" or "none").
std::string stem_language(const char *lang, size_t len) {
    std::string name(lang ? lang : "", lang ? len : 0);
    return name == "none" ? std::string() : name;
}

Xapian::Stem make_stem(const char *lang, size_t len) {
    std::string name = stem_language(lang, len);
    return name.empty() ? Xapian::Stem() : Xapian::Stem(name);
}

/// A stemmer that remembers its answers: a term generator stems every word of every document, mostly the same
/// few thousand words, and a hash look-up costs a fifth of Snowball's work (~12 µs of 35 a passage of 80 words).
/// One per term generator, so never shared between threads; it stops learning at `limit` words.
/// While `words` is set, it also counts every word it is given (see `cx_termgen_buffer_spelling`).
class CachedStem final : public Xapian::StemImplementation {
    Xapian::Stem inner;
    std::unordered_map<std::string, std::string> cache;
    static constexpr size_t limit = 100000;

  public:
    std::unordered_map<std::string, Xapian::termcount> *words = nullptr;

    explicit CachedStem(const std::string &language) : inner(language) {}
    std::string operator()(const std::string &word) override {
        if (words) ++(*words)[word];
        return stem_only(word);
    }
    /// The stem, without counting the word.
    std::string stem_only(const std::string &word) {
        auto it = cache.find(word);
        if (it != cache.end()) return it->second;
        std::string stem = inner(word);
        if (cache.size() < limit) cache.emplace(word, stem);
        return stem;
    }
    std::string get_description() const override { return inner.get_description(); }
};

/// The non-empty strings of a NUL-separated list of total length len.
std::vector<std::string> nul_split(const char *list, size_t len) {
    std::vector<std::string> items;
    size_t start = 0;
    for (size_t i = 0; i <= len; ++i) {
        if (i == len || list[i] == '\0') {
            if (i > start) items.emplace_back(list + start, i - start);
            start = i + 1;
        }
    }
    return items;
}

std::unique_ptr<Xapian::SimpleStopper> make_stopper(const char *words, size_t len) {
    auto stopper = std::make_unique<Xapian::SimpleStopper>();
    for (const auto &word : nul_split(words, len)) stopper->add(word);
    return stopper;
}

// Counts every term under a prefix in each matching document: the multi-valued
// counterpart of ValueCountMatchSpy (a passage has many years and entities).
class TermPrefixSpy : public Xapian::MatchSpy {
  public:
    explicit TermPrefixSpy(std::string prefix) : prefix_(std::move(prefix)) {}
    void operator()(const Xapian::Document &doc, double) override {
        ++seen_;
        Xapian::TermIterator it = doc.termlist_begin();
        it.skip_to(prefix_);
        for (; it != doc.termlist_end(); ++it) {
            const std::string &term = *it;
            if (term.compare(0, prefix_.size(), prefix_) != 0) break;
            ++counts_[term.substr(prefix_.size())];
        }
    }
    std::string name() const override { return "Dossier::TermPrefixSpy"; }
    const std::map<std::string, Xapian::doccount> &counts() const { return counts_; }
    Xapian::doccount seen() const { return seen_; }

  private:
    std::string prefix_;
    std::map<std::string, Xapian::doccount> counts_;
    Xapian::doccount seen_ = 0;
};

// Calls f(key) for each key of a facet value (varints, see CXapian.h), up to a key cut short (a damaged value).
template <class F> static void each_key(const std::string &value, F f) {
    const unsigned char *p = reinterpret_cast<const unsigned char *>(value.data()), *end = p + value.size();
    while (p < end) {
        uint64_t key = 0;
        unsigned shift = 0;
        while (p < end && (*p & 0x80) && shift < 63) {
            key |= uint64_t(*p++ & 0x7f) << shift;
            shift += 7;
        }
        if (p == end) return;
        key |= uint64_t(*p++) << shift;
        f(key);
    }
}

// Facet keys (see CXapian.h): counts in a flat array indexed by key, so that counting a key is one increment;
// keys beyond the array's limit (a damaged value, or a dictionary of millions of names) go to a map.
class KeyCounter {
  public:
    void add(uint64_t key, Xapian::doccount times = 1) {
        if (key < dense_limit) {
            if (key >= dense_.size()) {
                size_t n = std::max<size_t>(64, dense_.size());
                while (n <= key) n *= 2;
                dense_.resize(n, 0);
            }
            dense_[key] += times;
        } else {
            sparse_[key] += times;
        }
    }
    // Adds each key of a facet value, `times` times.
    void add_value(const std::string &value, Xapian::doccount times = 1) {
        each_key(value, [&](uint64_t key) { add(key, times); });
    }
    void merge(const KeyCounter &other) {
        other.each([this](uint64_t key, Xapian::doccount n) { add(key, n); });
    }
    template <class F> void each(F f) const {
        for (size_t k = 0; k < dense_.size(); ++k)
            if (dense_[k]) f(uint64_t(k), dense_[k]);
        for (const auto &kv : sparse_) f(kv.first, kv.second);
    }

    static constexpr uint64_t dense_limit = uint64_t(1) << 22;

  private:
    std::vector<Xapian::doccount> dense_;
    std::map<uint64_t, Xapian::doccount> sparse_;
};

// Facet order: most frequent first, then by value (a name, or a key).
template <class Value> static void sort_by_count(std::vector<std::pair<Value, uint64_t>> &items) {
    std::sort(items.begin(), items.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
}

// Counts the facet keys of a slot in every matching document. Local databases only (xapian-tcpsrv knows only
// the stock spies; over remote shards the stock ValueCountMatchSpy counts whole values, split by
// facet_lists below).
class FacetKeySpy : public Xapian::MatchSpy {
  public:
    explicit FacetKeySpy(Xapian::valueno slot) : slot_(slot) {}
    void operator()(const Xapian::Document &doc, double) override {
        ++seen_;
        counts_.add_value(doc.get_value(slot_));
    }
    std::string name() const override { return "Dossier::FacetKeySpy"; }
    const KeyCounter &counts() const { return counts_; }
    Xapian::doccount seen() const { return seen_; }

  private:
    Xapian::valueno slot_;
    KeyCounter counts_;
    Xapian::doccount seen_ = 0;
};

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

// Writes all of `data` at `offset` of `fd`, retrying short writes and interrupted calls.
static void write_fully(int fd, const void *data, size_t size, off_t offset, const std::string &path) {
    const char *p = static_cast<const char *>(data);
    while (size > 0) {
        ssize_t n = pwrite(fd, p, size, offset);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw std::runtime_error("cannot write " + path + ": " + std::strerror(n < 0 ? errno : EIO));
        p += n;
        size -= size_t(n);
        offset += n;
    }
}

// Builds a facet column document by document (in docid order), then writes it.
class ColumnBuilder {
  public:
    ColumnBuilder(const Xapian::Database &db, Xapian::valueno slot) : offsets_(size_t(db.get_lastdocid()) + 1, 0) {
        std::memcpy(header_.magic, column_magic, sizeof column_magic);
        header_.revision = db.get_revision();
        header_.slot = slot;
        header_.lastdocid = db.get_lastdocid();
        const std::string uuid = db.get_uuid();
        std::memcpy(header_.uuid, uuid.data(), std::min(uuid.size(), sizeof header_.uuid - 1));
    }

    // Starts document `did` (after every smaller one): the keys added next are its own.
    void start(Xapian::docid did) {
        for (; next_ <= did; ++next_) offsets_[next_ - 1] = uint32_t(count_);
    }
    // Adds a key of the current document: 2 bytes a key until one needs more, then 4 for all.
    void add(uint64_t key) {
        if (key >= UINT32_MAX) return;  // damage: no key is that large
        if (count_ == UINT32_MAX) throw std::runtime_error("facet column over 4 billion keys");
        if (key > UINT16_MAX) widen();
        if (wide_)
            wide_keys_.push_back(uint32_t(key));
        else
            narrow_keys_.push_back(uint16_t(key));
        header_.max_key = std::max(header_.max_key, uint32_t(key));
        ++count_;
    }
    void add_value(const std::string &value) {
        each_key(value, [this](uint64_t key) { add(key); });
    }
    // Copies the keys of documents first..last of `old` (none added yet of these or later ones), in bulk; false
    // (and nothing copied) when the old column's offsets for them are out of order or range: damage.
    bool copy(const FacetColumn &old, Xapian::docid first, Xapian::docid last) {
        if (first == 0 || first > last || last > old.lastdocid()) return false;
        const uint32_t from = old.offset(first - 1), to = old.offset(last);
        if (from > to || to > old.key_count() || count_ + (to - from) >= UINT32_MAX) return false;
        for (Xapian::docid did = first; did <= last; ++did)
            if (old.offset(did) < old.offset(did - 1)) return false;
        for (; next_ <= last; ++next_) offsets_[next_ - 1] = uint32_t(count_ + (old.offset(next_ - 1) - from));
        if (old.wide_keys() != nullptr) {
            widen();
            wide_keys_.insert(wide_keys_.end(), old.wide_keys() + from, old.wide_keys() + to);
        } else if (wide_) {
            wide_keys_.insert(wide_keys_.end(), old.narrow_keys() + from, old.narrow_keys() + to);
        } else {
            narrow_keys_.insert(narrow_keys_.end(), old.narrow_keys() + from, old.narrow_keys() + to);
        }
        header_.max_key = std::max(header_.max_key, old.max_key());
        count_ += to - from;
        return true;
    }

    // Writes the column into the shard's folder: a temporary file, synced, renamed into place.
    void write(const std::string &shard) {
        start(header_.lastdocid + 1);
        header_.keys = count_;
        header_.key_bytes = wide_ ? 4 : 2;
        const std::string path = shard + "/" CX_FACET_COLUMN, temporary = path + ".new";
        int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0) throw std::runtime_error("cannot create " + temporary + ": " + std::strerror(errno));
        try {
            off_t at = 0;
            write_fully(fd, &header_, sizeof header_, at, temporary);
            at += off_t(sizeof header_);
            write_fully(fd, offsets_.data(), offsets_.size() * sizeof(uint32_t), at, temporary);
            at += off_t(offsets_.size() * sizeof(uint32_t));
            if (wide_)
                write_fully(fd, wide_keys_.data(), wide_keys_.size() * sizeof(uint32_t), at, temporary);
            else
                write_fully(fd, narrow_keys_.data(), narrow_keys_.size() * sizeof(uint16_t), at, temporary);
            if (fsync(fd) != 0) throw std::runtime_error("cannot sync " + temporary + ": " + std::strerror(errno));
            // the written pages leave the page cache (see cache_in_large_pages)
            posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        } catch (...) {
            ::close(fd);
            unlink(temporary.c_str());
            throw;
        }
        ::close(fd);
        if (rename(temporary.c_str(), path.c_str()) != 0) {
            const int e = errno;
            unlink(temporary.c_str());
            throw std::runtime_error("cannot rename " + temporary + ": " + std::strerror(e));
        }
        cache_in_large_pages(path);
    }

    // Reads the column back into the page cache through a map advised for huge pages, so that the kernel caches
    // it in 2 MB folios where it can (Linux with large folios on the file system, e.g. ext4 since 6.16, and
    // transparent huge pages on "madvise" or "always"). Each search then maps the column with a few faults of
    // 2 MB instead of thousands of 4 KB pages, and unmaps it as fast: at 1M passages a search's two 16 MB
    // columns cost ~3 ms of faults and unmapping less (BENCHMARKS.md). Pages written by write() are cached in
    // small folios, hence the drop after fsync. Anywhere else this only reads the file once more.
    static void cache_in_large_pages(const std::string &path) {
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return;
        struct stat st;
        if (fstat(fd, &st) == 0 && st.st_size > 0) {
            const size_t size = size_t(st.st_size);
            void *m = mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
            if (m != MAP_FAILED) {
                madvise(m, size, MADV_HUGEPAGE);
                const volatile unsigned char *bytes = static_cast<const unsigned char *>(m);
                for (size_t at = 0; at < size; at += 4096) (void)bytes[at];
                munmap(m, size);
            }
        }
        ::close(fd);
    }

  private:
    void widen() {
        if (wide_) return;
        wide_keys_.assign(narrow_keys_.begin(), narrow_keys_.end());
        std::vector<uint16_t>().swap(narrow_keys_);
        wide_ = true;
    }

    ColumnHeader header_{};
    std::vector<uint32_t> offsets_;
    std::vector<uint16_t> narrow_keys_;
    std::vector<uint32_t> wide_keys_;
    bool wide_ = false;
    uint64_t count_ = 0;
    Xapian::docid next_ = 1;  // the first docid whose start is not yet known
};

// Writes the facet column of the shard at `shard` (values of `slot`) from every value of the slot.
static void write_facet_column(const std::string &shard, Xapian::valueno slot) {
    Xapian::Database db(shard);
    ColumnBuilder column(db, slot);
    for (Xapian::ValueIterator it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
        column.start(it.get_docid());
        column.add_value(*it);
    }
    column.write(shard);
}

// Writes the facet column of the shard at `shard` from its column at revision `base` and the values of the
// documents `changed` since (any order, repeats allowed) and of any document past the old column's last; from
// every value when there is no such column.
static void update_facet_column(const std::string &shard, Xapian::valueno slot, Xapian::rev base,
                                std::vector<Xapian::docid> changed) {
    Xapian::Database db(shard);
    FacetColumn old;
    const bool opened = old.open(shard + "/" CX_FACET_COLUMN, slot);
    if (opened && old.made_from(db)) return;  // no commit since: up to date
    if (!opened || old.revision() != base || old.uuid() != db.get_uuid()) {
        write_facet_column(shard, slot);
        return;
    }
    ColumnBuilder column(db, slot);
    const Xapian::docid last = db.get_lastdocid();
    // documents past the old column's end are new: read like the changed ones
    for (Xapian::docid did = old.lastdocid() + 1; did <= last; ++did) changed.push_back(did);
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    Xapian::docid copied = 0;  // documents up to this one are done
    bool sound = true;
    for (Xapian::docid did : changed) {
        if (did == 0 || did <= copied || did > last) continue;
        if (did > copied + 1) sound = sound && column.copy(old, copied + 1, did - 1);  // the unchanged run before it
        column.start(did);
        try {
            column.add_value(db.get_document(did).get_value(slot));
        } catch (const Xapian::DocNotFoundError &) {
            // deleted
        }
        copied = did;
    }
    if (copied < last) sound = sound && column.copy(old, copied + 1, last);
    if (sound)
        column.write(shard);
    else
        write_facet_column(shard, slot);  // the old column is damaged: from every value
}

// The documents a query matches, found from the term postings alone, for the queries made only of terms, AND,
// FILTER, OR, SYNONYM, MAX, AND_NOT, AND_MAYBE, SCALE_WEIGHT, match-all and match-nothing: the counting threads
// need every match but no weight, and Xapian's matcher costs ~130 ns a match even with BoolWeight. Any other
// query (phrases, NEAR, wildcards, value ranges, ELITE_SET, XOR, posting sources) is left to the matcher.
class BoolPostings {
  public:
    static constexpr Xapian::docid end = Xapian::docid(-1);
    virtual ~BoolPostings() = default;
    // The first matching docid at or after `target` (never before the last one returned), or `end`.
    virtual Xapian::docid seek(Xapian::docid target) = 0;

    // The postings of `query` over `db`, or null when it has an operator this does not evaluate.
    static std::unique_ptr<BoolPostings> of(const Xapian::Query &query, const Xapian::Database &db);
};

namespace {
class TermPostings final : public BoolPostings {
  public:
    TermPostings(const Xapian::Database &db, const std::string &term)
        : it_(db.postlist_begin(term)), end_(db.postlist_end(term)) {}
    Xapian::docid seek(Xapian::docid target) override {
        if (current_ != 0 && current_ >= target) return current_;
        if (it_ == end_) return current_ = end;
        it_.skip_to(target);
        return current_ = it_ == end_ ? end : *it_;
    }

  private:
    Xapian::PostingIterator it_, end_;
    Xapian::docid current_ = 0;
};

class NoPostings final : public BoolPostings {
  public:
    Xapian::docid seek(Xapian::docid) override { return end; }
};

class AndPostings final : public BoolPostings {
  public:
    explicit AndPostings(std::vector<std::unique_ptr<BoolPostings>> all) : all_(std::move(all)) {}
    Xapian::docid seek(Xapian::docid target) override {
        Xapian::docid candidate = target;
        size_t agreed = 0, i = 0;
        while (agreed < all_.size()) {  // every list at `candidate`
            const Xapian::docid d = all_[i]->seek(candidate);
            if (d == end) return end;
            if (d == candidate) {
                ++agreed;
            } else {
                candidate = d;
                agreed = 1;
            }
            i = (i + 1) % all_.size();
        }
        return candidate;
    }

  private:
    std::vector<std::unique_ptr<BoolPostings>> all_;
};

class OrPostings final : public BoolPostings {
  public:
    explicit OrPostings(std::vector<std::unique_ptr<BoolPostings>> any) : any_(std::move(any)) {}
    Xapian::docid seek(Xapian::docid target) override {
        Xapian::docid first = end;
        for (auto &p : any_) first = std::min(first, p->seek(target));
        return first;
    }

  private:
    std::vector<std::unique_ptr<BoolPostings>> any_;
};

class AndNotPostings final : public BoolPostings {
  public:
    AndNotPostings(std::unique_ptr<BoolPostings> yes, std::unique_ptr<BoolPostings> no)
        : yes_(std::move(yes)), no_(std::move(no)) {}
    Xapian::docid seek(Xapian::docid target) override {
        for (Xapian::docid d = yes_->seek(target); d != end; d = yes_->seek(d + 1))
            if (no_->seek(d) != d) return d;
        return end;
    }

  private:
    std::unique_ptr<BoolPostings> yes_, no_;
};
}  // namespace

std::unique_ptr<BoolPostings> BoolPostings::of(const Xapian::Query &query, const Xapian::Database &db) {
    const size_t n = query.get_num_subqueries();
    auto children = [&](size_t from, size_t to) {
        std::vector<std::unique_ptr<BoolPostings>> out;
        for (size_t i = from; i < to; ++i) {
            auto child = of(query.get_subquery(i), db);
            if (!child) return std::vector<std::unique_ptr<BoolPostings>>();
            out.push_back(std::move(child));
        }
        return out;
    };
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM:
            return std::make_unique<TermPostings>(db, *query.get_terms_begin());
        case Xapian::Query::LEAF_MATCH_ALL:
            return std::make_unique<TermPostings>(db, std::string());
        case Xapian::Query::LEAF_MATCH_NOTHING:
            return std::make_unique<NoPostings>();
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_FILTER: {
            auto all = children(0, n);
            if (all.empty()) return nullptr;
            return all.size() == 1 ? std::move(all[0]) : std::make_unique<AndPostings>(std::move(all));
        }
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX: {
            auto any = children(0, n);
            if (any.empty()) return nullptr;
            return any.size() == 1 ? std::move(any[0]) : std::make_unique<OrPostings>(std::move(any));
        }
        case Xapian::Query::OP_AND_NOT: {
            if (n == 0) return nullptr;
            auto yes = of(query.get_subquery(0), db);
            if (!yes) return nullptr;
            if (n == 1) return yes;
            auto no = children(1, n);
            if (no.empty()) return nullptr;
            return std::make_unique<AndNotPostings>(
                std::move(yes), no.size() == 1 ? std::move(no[0]) : std::make_unique<OrPostings>(std::move(no)));
        }
        case Xapian::Query::OP_AND_MAYBE:  // matches what its first subquery matches
        case Xapian::Query::OP_SCALE_WEIGHT:
            return n >= 1 ? of(query.get_subquery(0), db) : nullptr;
        default:
            return nullptr;
    }
}

// Notes the docids of every matching document of one shard, whose facet column then counts their keys.
// (A MatchSpy sees a document by its shard's own docid, even over several shards: one enquire per shard.)
class DocidSpy : public Xapian::MatchSpy {
  public:
    void operator()(const Xapian::Document &doc, double) override { dids_.push_back(doc.get_docid()); }
    std::string name() const override { return "Dossier::DocidSpy"; }
    const std::vector<Xapian::docid> &docids() const { return dids_; }

  private:
    std::vector<Xapian::docid> dids_;
};

// Part `part` of `parts` of each database's docids (a shard's own docids, when a database is several):
// ANDed with a query, it gives one thread its share of the matches.
class DocidRange : public Xapian::PostingSource {
  public:
    DocidRange(unsigned part, unsigned parts) : part_(part), parts_(parts) {}
    Xapian::PostingSource *clone() const override { return new DocidRange(part_, parts_); }
    std::string name() const override { return "Dossier::DocidRange"; }
    void init(const Xapian::Database &db) override {
        const uint64_t last = db.get_lastdocid();
        lo_ = static_cast<Xapian::docid>(last * part_ / parts_ + 1);
        last_ = static_cast<Xapian::docid>(last * (part_ + 1) / parts_);
        current_ = 0;
        const Xapian::doccount n = last_ >= lo_ ? last_ - lo_ + 1 : 0;
        set_maxweight(0);
        estimate_ = std::min(n, db.get_doccount());
    }
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return estimate_; }
    Xapian::doccount get_termfreq_max() const override { return estimate_; }
    void next(double) override { current_ = current_ == 0 ? lo_ : current_ + 1; }
    void skip_to(Xapian::docid did, double) override {
        if (current_ == 0 || did > current_) current_ = std::max(did, lo_);
    }
    bool at_end() const override { return current_ > last_; }
    Xapian::docid get_docid() const override { return current_; }

  private:
    unsigned part_, parts_;
    Xapian::docid lo_ = 1, last_ = 0, current_ = 0;
    Xapian::doccount estimate_ = 0;
};

// `field:LO..HI` over terms PREFIX<N>: ORs the terms that exist in the database, so
// that a year range works on passages that mention several years.
class IntegerTermRangeProcessor : public Xapian::RangeProcessor {
  public:
    IntegerTermRangeProcessor(std::string field, std::string prefix, const Xapian::Database *db)
        : Xapian::RangeProcessor(Xapian::BAD_VALUENO, std::move(field)), prefix_(std::move(prefix)), db_(db) {}

    Xapian::Query operator()(const std::string &begin, const std::string &end) override {
        std::string lo = begin, hi = end;
        if (!str.empty()) {
            if (lo.compare(0, str.size(), str) != 0) return Xapian::Query(Xapian::Query::OP_INVALID);
            lo.erase(0, str.size());
            if (hi.compare(0, str.size(), str) == 0) hi.erase(0, str.size());
        }
        long from = 0, to = 0;
        if (!parse(lo, 0, from) || !parse(hi, 999999999L, to)) return Xapian::Query(Xapian::Query::OP_INVALID);
        if (from > to) std::swap(from, to);
        std::vector<Xapian::Query> terms;
        if (db_ != nullptr) {
            for (Xapian::TermIterator it = db_->allterms_begin(prefix_); it != db_->allterms_end(prefix_); ++it) {
                long n = 0;
                if (parse((*it).substr(prefix_.size()), -1, n) && n >= from && n <= to) terms.emplace_back(*it);
            }
        } else if (to - from <= 10000) {
            for (long n = from; n <= to; ++n) terms.emplace_back(prefix_ + std::to_string(n));
        }
        if (terms.empty()) return Xapian::Query::MatchNothing;
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                             Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()), 0.0);
    }

    void set_database(const Xapian::Database *db) { db_ = db; }

  private:
    static bool parse(const std::string &s, long empty_value, long &out) {
        if (s.empty()) { out = empty_value; return empty_value >= 0; }
        if (s.size() > 9) return false;
        long v = 0;
        for (char c : s) {
            if (c < '0' || c > '9') return false;
            v = v * 10 + (c - '0');
        }
        out = v;
        return true;
    }
    std::string prefix_;
    const Xapian::Database *db_;
};
}  // namespace

struct cx_database : Counted {
    Xapian::Database db;                          // read-only handle, or the writable one's base
    std::unique_ptr<Xapian::WritableDatabase> wdb; // set for writable handles
    bool track = false;                           // cx_db_track_docids: note the docids changes touch
    std::vector<Xapian::docid> touched;
    // Notes the documents indexed by `term` (before a change to them), when tracking.
    void touch_term(const std::string &term) {
        if (!track) return;
        for (Xapian::PostingIterator it = wdb->postlist_begin(term); it != wdb->postlist_end(term); ++it)
            touched.push_back(*it);
    }
    void touch(Xapian::docid did) {
        if (track) touched.push_back(did);
    }
    Xapian::Database &reader() { return wdb ? *wdb : db; }
    const Xapian::Database &reader() const { return wdb ? *wdb : db; }
};
struct cx_document : Counted { Xapian::Document doc; };
/// Tells the term generator (STOP_ALL) to leave out the words of a set, counting each one it sees: the shim then
/// adds their terms without positions (see `cx_termgen_set_positionless`).
class CountingStopper final : public Xapian::Stopper {
  public:
    std::set<std::string> words;
    mutable std::map<std::string, Xapian::termcount> seen;
    bool operator()(const std::string &word) const override {
        if (words.count(word) == 0) return false;
        ++seen[word];
        return true;
    }
    std::string get_description() const override { return "Dossier::CountingStopper"; }
};

struct cx_termgen : Counted {
    Xapian::TermGenerator tg;
    std::unique_ptr<Xapian::SimpleStopper> stopper;
    std::unique_ptr<CountingStopper> positionless;
    int flags = 0;
    std::unique_ptr<Xapian::WritableDatabase> db;  // the database given for FLAG_SPELLING
    CachedStem *stem = nullptr;  // owned by tg's stemmer
    int strategy = CX_STEM_SOME;
    /// Buffered spelling data (`cx_termgen_buffer_spelling`): the database and each word's count since the flush.
    std::unique_ptr<Xapian::WritableDatabase> spelling_db;
    std::unordered_map<std::string, Xapian::termcount> spelling;
};
struct cx_query : Counted { Xapian::Query q; };
struct cx_qparser : Counted {
    Xapian::QueryParser qp;
    std::set<std::string> positionless;  // terms left out of phrases and NEAR groups (cx_qparser_set_positionless)
    Xapian::Database db;  // the parser's own reference
    std::unique_ptr<Xapian::SimpleStopper> stopper;
    std::vector<std::unique_ptr<Xapian::RangeProcessor>> ranges;
    std::vector<IntegerTermRangeProcessor *> term_ranges;
    bool has_db = false;
};
struct cx_spy : Counted {
    std::unique_ptr<Xapian::ValueCountMatchSpy> values;
    std::unique_ptr<TermPrefixSpy> terms;
    std::unique_ptr<FacetKeySpy> facets;
};
struct cx_enquire : Counted {
    Xapian::Database db;
    Xapian::Enquire enq;
    std::vector<std::unique_ptr<cx_spy>> spies;
    explicit cx_enquire(const Xapian::Database &d) : db(d), enq(db) {}
};
struct cx_mset : Counted { Xapian::MSet mset; };
struct cx_strlist : Counted {
    std::vector<std::pair<std::string, uint64_t>> items;
};

// One (name, count) list per kind of key into out[0..2], most frequent first, then by key; with a limit, the
// first `limit` and those tied with the last of them (the caller orders ties by name). Names of years are their
// digits, others come from the metadata entry names_prefix + key.
static void facet_lists(const KeyCounter &counts, const Xapian::Database &db, const std::string &names_prefix,
                        uint32_t limit, cx_strlist **out) {
    std::vector<std::pair<uint64_t, uint64_t>> keys[3];
    counts.each([&](uint64_t key, Xapian::doccount n) {
        if ((key & 3) < 3) keys[key & 3].emplace_back(key, n);
    });
    std::unique_ptr<cx_strlist> lists[3];
    for (unsigned kind = 0; kind < 3; ++kind) {
        auto &items = keys[kind];
        sort_by_count(items);
        if (limit > 0 && items.size() > limit) {
            size_t cut = limit;
            while (cut < items.size() && items[cut].second == items[limit - 1].second) ++cut;
            items.resize(cut);
        }
        lists[kind] = std::make_unique<cx_strlist>();
        for (const auto &item : items) {
            std::string name = kind == 0 ? std::to_string(item.first >> 2)
                                         : db.get_metadata(names_prefix + std::to_string(item.first));
            if (!name.empty()) lists[kind]->items.emplace_back(std::move(name), item.second);
        }
    }
    for (unsigned kind = 0; kind < 3; ++kind) out[kind] = lists[kind].release();
}

// ---- The choke point: exceptions to statuses -----------------------------------

static char *dup_bytes(const char *p, size_t n) {
    char *out = static_cast<char *>(std::malloc(n + 1));
    if (out == nullptr) return nullptr;
    if (n) std::memcpy(out, p, n);
    out[n] = '\0';
    return out;
}
static char *dup_string(const std::string &s) { return dup_bytes(s.data(), s.size()); }

static cx_status report(cx_error *err, cx_status code, const char *type, const std::string &message) {
    if (err != nullptr) {
        cx_error_clear(err);
        err->type = dup_bytes(type, std::strlen(type));
        err->message = dup_string(message);
    }
    return code;
}

// Called only from inside a catch block: rethrows the current exception and maps it,
// most specific class first. Every catch is by const reference.
static cx_status translate(cx_error *err) noexcept {
    try {
        try {
            throw;
        } catch (const Xapian::DatabaseLockError &e) {
            return report(err, CX_ERR_LOCKED, e.get_type(), e.get_description());
        } catch (const Xapian::DatabaseNotFoundError &e) {
            return report(err, CX_ERR_NOT_FOUND, e.get_type(), e.get_description());
        } catch (const Xapian::DocNotFoundError &e) {
            return report(err, CX_ERR_NOT_FOUND, e.get_type(), e.get_description());
        } catch (const Xapian::DatabaseModifiedError &e) {
            return report(err, CX_ERR_MODIFIED, e.get_type(), e.get_description());
        } catch (const Xapian::DatabaseClosedError &e) {
            return report(err, CX_ERR_CLOSED, e.get_type(), e.get_description());
        } catch (const Xapian::DatabaseCorruptError &e) {
            return report(err, CX_ERR_CORRUPT, e.get_type(), e.get_description());
        } catch (const Xapian::DatabaseOpeningError &e) {  // also DatabaseVersionError, DatabaseNotFoundError
            return report(err, CX_ERR_OPENING, e.get_type(), e.get_description());
        } catch (const Xapian::DatabaseCreateError &e) {
            return report(err, CX_ERR_OPENING, e.get_type(), e.get_description());
        } catch (const Xapian::DatabaseError &e) {  // "EOF reading block", "inflate failed": damage
            return report(err, CX_ERR_CORRUPT, e.get_type(), e.get_description());
        } catch (const Xapian::QueryParserError &e) {
            return report(err, CX_ERR_QUERY, e.get_type(), e.get_description());
        } catch (const Xapian::WildcardError &e) {
            return report(err, CX_ERR_QUERY, e.get_type(), e.get_description());
        } catch (const Xapian::NetworkError &e) {
            return report(err, CX_ERR_NETWORK, e.get_type(), e.get_description());
        } catch (const Xapian::InvalidArgumentError &e) {
            return report(err, CX_ERR_INVALID_ARGUMENT, e.get_type(), e.get_description());
        } catch (const Xapian::InvalidOperationError &e) {
            return report(err, CX_ERR_INVALID_ARGUMENT, e.get_type(), e.get_description());
        } catch (const Xapian::RangeError &e) {
            return report(err, CX_ERR_INVALID_ARGUMENT, e.get_type(), e.get_description());
        } catch (const Xapian::Error &e) {
            return report(err, CX_ERR_OTHER, e.get_type(), e.get_description());
        } catch (const std::bad_alloc &) {
            return report(err, CX_ERR_MEMORY, "bad_alloc", "out of memory");
        } catch (const std::exception &e) {
            return report(err, CX_ERR_OTHER, "std::exception", e.what());
        } catch (...) {
            return report(err, CX_ERR_OTHER, "unknown", "unknown C++ exception");
        }
    } catch (...) {  // reporting itself failed (out of memory): the status still gets through
        return CX_ERR_MEMORY;
    }
}

#define CX_GUARD(...)                  \
    try {                              \
        __VA_ARGS__                    \
        return CX_OK;                  \
    } catch (...) {                    \
        return translate(err);         \
    }

#define CX_REQUIRE(cond, what)                                                                    \
    do {                                                                                          \
        if (!(cond)) return report(err, CX_ERR_INVALID_ARGUMENT, "InvalidArgumentError", (what)); \
    } while (0)

static std::string str(const char *p, size_t n) { return p ? std::string(p, n) : std::string(); }

// A malloc'd copy of `docids` (the caller frees it with cx_free), and their number.
static void out_docids(const std::vector<uint32_t> &docids, uint32_t **out, size_t *count) {
    auto *buffer = static_cast<uint32_t *>(std::malloc(sizeof(uint32_t) * (docids.size() + 1)));
    if (buffer == nullptr) throw std::bad_alloc();
    std::copy(docids.begin(), docids.end(), buffer);
    *out = buffer;
    *count = docids.size();
}

static cx_status out_string(const std::string &s, char **out, size_t *outlen, cx_error *err) {
    char *copy = dup_string(s);
    if (copy == nullptr) return report(err, CX_ERR_MEMORY, "bad_alloc", "out of memory");
    *out = copy;
    if (outlen) *outlen = s.size();
    return CX_OK;
}

static Xapian::WritableDatabase &writer(cx_database *db) {
    if (!db->wdb) throw Xapian::InvalidOperationError("database was opened read-only");
    return *db->wdb;
}

// ---- General -------------------------------------------------------------------

extern "C" void cx_error_clear(cx_error *err) {
    if (err == nullptr) return;
    std::free(err->type);
    std::free(err->message);
    err->type = nullptr;
    err->message = nullptr;
}
extern "C" void cx_free(void *p) { std::free(p); }
extern "C" long cx_live_handles(void) { return live_handles.load(); }
extern "C" long cx_live_handles_this_thread(void) { return live_handles_here; }
namespace {
// Where new threads start: on the allowed cores other than the calling thread's, when there are any (see
// SteeredThreads).
struct ThreadPlacement {
    cpu_set_t allowed, elsewhere;
    bool steer = false;

    static ThreadPlacement awayFromCaller() {
        ThreadPlacement p;
        CPU_ZERO(&p.allowed);
        const int here = sched_getcpu();
        p.steer = sched_getaffinity(0, sizeof p.allowed, &p.allowed) == 0 && here >= 0 && here < CPU_SETSIZE &&
                  CPU_ISSET(here, &p.allowed) && CPU_COUNT(&p.allowed) > 1;
        p.elsewhere = p.allowed;
        if (p.steer) CPU_CLR(here, &p.elsewhere);
        return p;
    }

    // pthread_create, placed elsewhere when it can be (else anywhere); 0 or an errno.
    int start(pthread_t *id, void *(*run)(void *), void *arg, bool detached) const {
        int status = EINVAL;
        for (const bool placed : {true, false}) {
            if (placed && !steer) continue;
            pthread_attr_t attr;
            if (pthread_attr_init(&attr) != 0) continue;
            if ((!detached || pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED) == 0) &&
                (!placed || pthread_attr_setaffinity_np(&attr, sizeof elsewhere, &elsewhere) == 0))
                status = pthread_create(id, &attr, run, arg);
            pthread_attr_destroy(&attr);
            if (status == 0) break;
        }
        return status;
    }

    // Lets thread `id` run on any allowed core again.
    void release(pthread_t id) const {
        if (steer) pthread_setaffinity_np(id, sizeof allowed, &allowed);
    }
};

struct DetachedStart {
    void (*body)(void *);
    void *context;
    ThreadPlacement placement;
};
void *run_detached(void *arg) {
    const std::unique_ptr<DetachedStart> start(static_cast<DetachedStart *>(arg));
    start->placement.release(pthread_self());  // started elsewhere; from now on free to move
    start->body(start->context);
    return nullptr;
}
}  // namespace

extern "C" int cx_thread_start_elsewhere(void (*body)(void *context), void *context) {
    auto start = std::unique_ptr<DetachedStart>(new (std::nothrow) DetachedStart{body, context, ThreadPlacement::awayFromCaller()});
    if (!start) return ENOMEM;
    pthread_t id;
    const int status = start->placement.start(&id, run_detached, start.get(), true);
    if (status == 0) start.release();
    return status;
}

extern "C" int cx_cpus_allowed(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    return sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 0;
}
extern "C" const char *cx_version_string(void) { return Xapian::version_string(); }

// ---- Databases -----------------------------------------------------------------

extern "C" cx_status cx_db_open(const char *path, size_t len, cx_database **out, cx_error *err) {
    CX_GUARD(auto h = std::make_unique<cx_database>(); h->db = Xapian::Database(str(path, len)); *out = h.release();)
}

extern "C" cx_status cx_db_new_combined(cx_database **out, cx_error *err) {
    CX_GUARD(*out = new cx_database();)
}

extern "C" cx_status cx_db_open_remote(const char *host, size_t len, unsigned port, unsigned timeout_ms,
                                       cx_database **out, cx_error *err) {
    CX_GUARD(auto h = std::make_unique<cx_database>();
             h->db = timeout_ms ? Xapian::Remote::open(str(host, len), port, timeout_ms, timeout_ms)
                                : Xapian::Remote::open(str(host, len), port);
             *out = h.release();)
}

extern "C" cx_status cx_db_open_writable(const char *path, size_t len, int flags, cx_database **out, cx_error *err) {
    int action = flags & 0xff;
    int xflags = action == CX_DB_CREATE_OR_OVERWRITE ? Xapian::DB_CREATE_OR_OVERWRITE
               : action == CX_DB_CREATE             ? Xapian::DB_CREATE
               : action == CX_DB_OPEN               ? Xapian::DB_OPEN
                                                    : Xapian::DB_CREATE_OR_OPEN;
    if (flags & CX_DB_RETRY_LOCK) xflags |= Xapian::DB_RETRY_LOCK;
    if (flags & CX_DB_NO_SYNC) xflags |= Xapian::DB_NO_SYNC;
    CX_GUARD(auto h = std::make_unique<cx_database>();
             h->wdb = std::make_unique<Xapian::WritableDatabase>(str(path, len), xflags);
             *out = h.release();)
}

extern "C" cx_status cx_db_add_database(cx_database *db, const cx_database *other, cx_error *err) {
    CX_REQUIRE(!db->wdb, "shards are added to a read-only database");
    CX_GUARD(db->db.add_database(other->reader());)
}

extern "C" cx_status cx_db_shard_count(const cx_database *db, size_t *out, cx_error *err) {
    CX_GUARD(*out = db->reader().size();)
}

// Xapian 1.4 has no public call for one shard of a combined database: its shards are the public `internal`
// vector (marked @private), and `Database(Internal *)` makes a handle on one of them, sharing it (reference
// counted), as the backends do when they open a database. Used to read each shard's own metadata.
extern "C" cx_status cx_db_shard(const cx_database *db, size_t index, cx_database **out, cx_error *err) {
    CX_REQUIRE(!db->wdb, "shards are read from a read-only database");
    CX_REQUIRE(index < db->db.size(), "no shard at that index");
    CX_GUARD(auto h = std::make_unique<cx_database>(); h->db = Xapian::Database(db->db.internal[index].get());
             *out = h.release();)
}

extern "C" void cx_db_free(cx_database *db) {
    if (db == nullptr) return;
    // ~WritableDatabase commits pending changes outside a transaction and swallows
    // errors. Callers commit explicitly; an open transaction is cancelled here.
    try { delete db; } catch (...) {}
}

extern "C" int cx_db_is_writable(const cx_database *db) { return db->wdb ? 1 : 0; }

extern "C" cx_status cx_db_close(cx_database *db, cx_error *err) { CX_GUARD(db->reader().close();) }

extern "C" cx_status cx_db_reopen(cx_database *db, int *changed, cx_error *err) {
    CX_GUARD(bool c = db->reader().reopen(); if (changed) *changed = c ? 1 : 0;)
}
extern "C" cx_status cx_db_doccount(const cx_database *db, uint32_t *out, cx_error *err) {
    CX_GUARD(*out = db->reader().get_doccount();)
}
extern "C" cx_status cx_db_lastdocid(const cx_database *db, uint32_t *out, cx_error *err) {
    CX_GUARD(*out = db->reader().get_lastdocid();)
}
extern "C" cx_status cx_db_avlength(const cx_database *db, double *out, cx_error *err) {
    CX_GUARD(*out = db->reader().get_avlength();)
}
extern "C" cx_status cx_db_termfreq(const cx_database *db, const char *term, size_t len, uint32_t *out, cx_error *err) {
    CX_GUARD(*out = db->reader().get_termfreq(str(term, len));)
}
extern "C" cx_status cx_db_collection_freq(const cx_database *db, const char *term, size_t len, uint64_t *out,
                                           cx_error *err) {
    CX_GUARD(*out = db->reader().get_collection_freq(str(term, len));)
}
extern "C" cx_status cx_db_term_exists(const cx_database *db, const char *term, size_t len, int *out, cx_error *err) {
    CX_GUARD(*out = db->reader().term_exists(str(term, len)) ? 1 : 0;)
}
extern "C" cx_status cx_db_get_document(const cx_database *db, uint32_t docid, cx_document **out, cx_error *err) {
    CX_GUARD(auto h = std::make_unique<cx_document>(); h->doc = db->reader().get_document(docid);
             *out = h.release();)
}
extern "C" cx_status cx_db_postlist(const cx_database *db, const char *term, size_t len, uint32_t **ids,
                                    size_t *count, cx_error *err) {
    CX_GUARD(std::vector<uint32_t> v; const Xapian::Database &r = db->reader(); std::string t = str(term, len);
             for (auto it = r.postlist_begin(t); it != r.postlist_end(t); ++it) v.push_back(*it);
             out_docids(v, ids, count);)
}
extern "C" cx_status cx_db_allterms(const cx_database *db, const char *prefix, size_t len, cx_strlist **out,
                                    cx_error *err) {
    CX_GUARD(auto h = std::make_unique<cx_strlist>(); const Xapian::Database &r = db->reader();
             std::string p = str(prefix, len);
             for (auto it = r.allterms_begin(p); it != r.allterms_end(p); ++it) h->items.emplace_back(*it, it.get_termfreq());
             *out = h.release();)
}
extern "C" cx_status cx_db_spellings(const cx_database *db, cx_strlist **out, cx_error *err) {
    CX_GUARD(auto h = std::make_unique<cx_strlist>(); const Xapian::Database &r = db->reader();
             for (auto it = r.spellings_begin(); it != r.spellings_end(); ++it) h->items.emplace_back(*it, it.get_termfreq());
             *out = h.release();)
}
extern "C" cx_status cx_db_termlist(const cx_database *db, uint32_t docid, cx_strlist **out, cx_error *err) {
    CX_GUARD(auto h = std::make_unique<cx_strlist>(); const Xapian::Database &r = db->reader();
             for (auto it = r.termlist_begin(docid); it != r.termlist_end(docid); ++it) h->items.emplace_back(*it, it.get_wdf());
             *out = h.release();)
}
extern "C" cx_status cx_db_get_metadata(const cx_database *db, const char *key, size_t keylen, char **value,
                                        size_t *valuelen, cx_error *err) {
    try {
        return out_string(db->reader().get_metadata(str(key, keylen)), value, valuelen, err);
    } catch (...) {
        return translate(err);
    }
}
extern "C" cx_status cx_db_metadata_keys(const cx_database *db, const char *prefix, size_t len, cx_strlist **out,
                                         cx_error *err) {
    CX_GUARD(auto h = std::make_unique<cx_strlist>(); const Xapian::Database &r = db->reader();
             std::string p = str(prefix, len);
             for (auto it = r.metadata_keys_begin(p); it != r.metadata_keys_end(p); ++it) h->items.emplace_back(*it, 0);
             *out = h.release();)
}
extern "C" cx_status cx_db_spelling_suggestion(const cx_database *db, const char *word, size_t len, unsigned max_edit,
                                               char **out, size_t *outlen, cx_error *err) {
    try {
        return out_string(db->reader().get_spelling_suggestion(str(word, len), max_edit ? max_edit : 2), out, outlen,
                          err);
    } catch (...) {
        return translate(err);
    }
}
extern "C" cx_status cx_db_synonyms(const cx_database *db, const char *term, size_t len, cx_strlist **out,
                                    cx_error *err) {
    CX_GUARD(auto h = std::make_unique<cx_strlist>(); const Xapian::Database &r = db->reader();
             std::string t = str(term, len);
             for (auto it = r.synonyms_begin(t); it != r.synonyms_end(t); ++it) h->items.emplace_back(*it, 0);
             *out = h.release();)
}

extern "C" cx_status cx_db_add_document(cx_database *db, const cx_document *doc, uint32_t *docid, cx_error *err) {
    CX_GUARD(Xapian::docid id = writer(db).add_document(doc->doc); db->touch(id); if (docid) *docid = id;)
}
extern "C" cx_status cx_db_replace_document_by_term(cx_database *db, const char *term, size_t len,
                                                    const cx_document *doc, uint32_t *docid, cx_error *err) {
    CX_GUARD(const std::string t = str(term, len); writer(db); db->touch_term(t);
             Xapian::docid id = db->wdb->replace_document(t, doc->doc); db->touch(id); if (docid) *docid = id;)
}
extern "C" cx_status cx_db_replace_document(cx_database *db, uint32_t docid, const cx_document *doc, cx_error *err) {
    CX_GUARD(writer(db).replace_document(docid, doc->doc); db->touch(docid);)
}
extern "C" cx_status cx_db_delete_document_by_term(cx_database *db, const char *term, size_t len, cx_error *err) {
    CX_GUARD(const std::string t = str(term, len); writer(db); db->touch_term(t); db->wdb->delete_document(t);)
}
extern "C" cx_status cx_db_delete_document(cx_database *db, uint32_t docid, cx_error *err) {
    CX_GUARD(writer(db).delete_document(docid); db->touch(docid);)
}
extern "C" cx_status cx_db_set_metadata(cx_database *db, const char *key, size_t keylen, const char *value,
                                        size_t valuelen, cx_error *err) {
    CX_GUARD(writer(db).set_metadata(str(key, keylen), str(value, valuelen));)
}
extern "C" cx_status cx_db_add_spelling(cx_database *db, const char *word, size_t len, unsigned freqinc, cx_error *err) {
    CX_GUARD(writer(db).add_spelling(str(word, len), freqinc ? freqinc : 1);)
}
extern "C" cx_status cx_db_add_synonym(cx_database *db, const char *term, size_t tlen, const char *synonym,
                                       size_t slen, cx_error *err) {
    CX_GUARD(writer(db).add_synonym(str(term, tlen), str(synonym, slen));)
}
extern "C" cx_status cx_db_clear_synonyms(cx_database *db, const char *term, size_t len, cx_error *err) {
    CX_GUARD(writer(db).clear_synonyms(str(term, len));)
}
extern "C" cx_status cx_db_commit(cx_database *db, cx_error *err) { CX_GUARD(writer(db).commit();) }
extern "C" cx_status cx_db_track_docids(cx_database *db, int on, cx_error *err) {
    CX_GUARD(writer(db); db->track = on != 0; if (!db->track) db->touched.clear();)
}
extern "C" cx_status cx_db_take_touched_docids(cx_database *db, uint32_t **out, size_t *count, cx_error *err) {
    CX_GUARD(writer(db); out_docids(db->touched, out, count); db->touched.clear();)
}
extern "C" cx_status cx_db_get_revision(const cx_database *db, uint64_t *out, cx_error *err) {
    CX_GUARD(*out = db->reader().get_revision();)
}
extern "C" cx_status cx_db_begin_transaction(cx_database *db, int flushed, cx_error *err) {
    CX_GUARD(writer(db).begin_transaction(flushed != 0);)
}
extern "C" cx_status cx_db_commit_transaction(cx_database *db, cx_error *err) {
    CX_GUARD(writer(db).commit_transaction();)
}
extern "C" cx_status cx_db_cancel_transaction(cx_database *db, cx_error *err) {
    CX_GUARD(writer(db).cancel_transaction();)
}
extern "C" cx_status cx_db_compact(const cx_database *db, const char *dest, size_t len, int multipass, cx_error *err) {
    CX_GUARD(unsigned flags = 0; if (multipass) flags |= Xapian::DBCOMPACT_MULTIPASS;
             Xapian::Database copy = db->reader(); copy.compact(str(dest, len), flags);)
}
extern "C" cx_status cx_db_check(const char *path, size_t len, uint64_t *errors, char **report_out,
                                 size_t *reportlen, cx_error *err) {
    try {
        std::ostringstream os;
        size_t n = Xapian::Database::check(str(path, len), 0, &os);
        *errors = n;
        return out_string(os.str(), report_out, reportlen, err);
    } catch (...) {
        return translate(err);
    }
}

// ---- Documents -----------------------------------------------------------------

extern "C" cx_status cx_document_new(cx_document **out, cx_error *err) {
    CX_GUARD(*out = new cx_document();)
}
extern "C" void cx_document_free(cx_document *doc) { delete doc; }
extern "C" cx_status cx_document_set_data(cx_document *doc, const char *data, size_t len, cx_error *err) {
    CX_GUARD(doc->doc.set_data(str(data, len));)
}
extern "C" cx_status cx_document_serialise(const cx_document *doc, char **out, size_t *outlen, cx_error *err) {
    try {
        return out_string(doc->doc.serialise(), out, outlen, err);
    } catch (...) {
        return translate(err);
    }
}
extern "C" cx_status cx_document_unserialise(const char *bytes, size_t len, cx_document **out, cx_error *err) {
    CX_GUARD(auto h = std::make_unique<cx_document>(); h->doc = Xapian::Document::unserialise(str(bytes, len));
             *out = h.release();)
}
extern "C" cx_status cx_document_get_data(const cx_document *doc, char **out, size_t *outlen, cx_error *err) {
    try {
        return out_string(doc->doc.get_data(), out, outlen, err);
    } catch (...) {
        return translate(err);
    }
}
extern "C" cx_status cx_document_add_term(cx_document *doc, const char *term, size_t len, uint32_t wdf, cx_error *err) {
    CX_GUARD(doc->doc.add_term(str(term, len), wdf);)
}
extern "C" cx_status cx_document_add_boolean_term(cx_document *doc, const char *term, size_t len, cx_error *err) {
    CX_GUARD(doc->doc.add_boolean_term(str(term, len));)
}
extern "C" cx_status cx_document_add_posting(cx_document *doc, const char *term, size_t len, uint32_t pos, uint32_t wdf,
                                             cx_error *err) {
    CX_GUARD(doc->doc.add_posting(str(term, len), pos, wdf);)
}
extern "C" cx_status cx_document_add_value(cx_document *doc, unsigned slot, const char *value, size_t len,
                                           cx_error *err) {
    CX_GUARD(doc->doc.add_value(slot, str(value, len));)
}
extern "C" cx_status cx_document_get_value(const cx_document *doc, unsigned slot, char **out, size_t *outlen,
                                           cx_error *err) {
    try {
        return out_string(doc->doc.get_value(slot), out, outlen, err);
    } catch (...) {
        return translate(err);
    }
}
extern "C" cx_status cx_document_termlist(const cx_document *doc, cx_strlist **out, cx_error *err) {
    CX_GUARD(auto h = std::make_unique<cx_strlist>();
             for (auto it = doc->doc.termlist_begin(); it != doc->doc.termlist_end(); ++it) h->items.emplace_back(*it, it.get_wdf());
             *out = h.release();)
}

// ---- Term generator ------------------------------------------------------------

extern "C" cx_status cx_termgen_new(cx_termgen **out, cx_error *err) { CX_GUARD(*out = new cx_termgen();) }
extern "C" void cx_termgen_free(cx_termgen *tg) { delete tg; }
extern "C" cx_status cx_termgen_set_stemmer(cx_termgen *tg, const char *lang, size_t len, cx_error *err) {
    CX_REQUIRE(!tg->spelling_db, "the stemmer of a term generator buffering spelling data cannot change");
    CX_GUARD(std::string name = stem_language(lang, len);
             CachedStem *stem = name.empty() ? nullptr : new CachedStem(name);
             tg->tg.set_stemmer(stem ? Xapian::Stem(stem) : Xapian::Stem());
             tg->stem = stem;)
}
extern "C" cx_status cx_termgen_set_stemming_strategy(cx_termgen *tg, int strategy, cx_error *err) {
    CX_REQUIRE(strategy >= 0 && strategy <= 4, "unknown stemming strategy");
    CX_REQUIRE(!tg->spelling_db, "the stemming strategy of a term generator buffering spelling data cannot change");
    CX_GUARD(tg->tg.set_stemming_strategy(static_cast<Xapian::TermGenerator::stem_strategy>(strategy));
             tg->strategy = strategy;)
}
extern "C" cx_status cx_termgen_set_stopper(cx_termgen *tg, const char *words, size_t len, int stop_all,
                                            cx_error *err) {
    CX_REQUIRE(!tg->positionless, "a term generator with positionless words has no other stopper");
    CX_GUARD(tg->stopper = make_stopper(words, len); tg->tg.set_stopper(tg->stopper.get());
             tg->tg.set_stopper_strategy(stop_all ? Xapian::TermGenerator::STOP_ALL : Xapian::TermGenerator::STOP_STEMMED);)
}
extern "C" cx_status cx_termgen_set_positionless(cx_termgen *tg, const char *words, size_t len, cx_error *err) {
    CX_REQUIRE(!tg->stopper, "a term generator with a stopper has no positionless words");
    CX_GUARD(auto stopper = std::make_unique<CountingStopper>();
             for (auto &word : nul_split(words, len)) stopper->words.insert(std::move(word));
             tg->positionless = std::move(stopper);
             tg->tg.set_stopper(tg->positionless.get());
             tg->tg.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);)
}
extern "C" cx_status cx_termgen_set_flags(cx_termgen *tg, int flags, cx_error *err) {
    CX_GUARD(tg->tg.set_flags(static_cast<Xapian::TermGenerator::flags>(flags)); tg->flags = flags;)
}
extern "C" cx_status cx_termgen_set_database(cx_termgen *tg, cx_database *db, cx_error *err) {
    CX_GUARD(tg->tg.set_database(writer(db)); tg->db = std::make_unique<Xapian::WritableDatabase>(writer(db));)
}
extern "C" cx_status cx_termgen_set_document(cx_termgen *tg, cx_document *doc, cx_error *err) {
    CX_GUARD(tg->tg.set_document(doc->doc);)
}
extern "C" cx_status cx_termgen_buffer_spelling(cx_termgen *tg, cx_database *db, cx_error *err) {
    CX_REQUIRE(tg->stem && (tg->strategy == CX_STEM_ALL || tg->strategy == CX_STEM_ALL_Z),
               "buffered spelling data needs a stemmer and the STEM_ALL or STEM_ALL_Z strategy");
    CX_GUARD(tg->spelling_db = std::make_unique<Xapian::WritableDatabase>(writer(db));)
}

namespace {
/// Distinct words buffered before they are written (~80 bytes each).
constexpr size_t spelling_buffer_limit = 200000;

void flush_spelling(cx_termgen *tg) {
    for (auto it = tg->spelling.begin(); it != tg->spelling.end(); it = tg->spelling.erase(it))
        tg->spelling_db->add_spelling(it->first, it->second);
}
}  // namespace

extern "C" cx_status cx_termgen_flush_spelling(cx_termgen *tg, cx_error *err) {
    CX_GUARD(if (tg->spelling_db) flush_spelling(tg);)
}

namespace {
/// While alive, the stemmer counts the words it is given into the buffered spelling data: with STEM_ALL(_Z),
/// Xapian stems exactly the words of unprefixed text that FLAG_SPELLING would add, one call each.
struct SpellingCount {
    CachedStem *stem;
    SpellingCount(cx_termgen *tg, size_t plen) : stem(tg->spelling_db && plen == 0 ? tg->stem : nullptr) {
        if (stem) stem->words = &tg->spelling;
    }
    ~SpellingCount() { if (stem) stem->words = nullptr; }
};
}  // namespace

namespace {
/// Adds the positionless words the stopper counted during one index_text call, as that call would have added
/// them with the term generator's strategy, but without positions; and their spelling data (unprefixed text).
void add_positionless(cx_termgen *tg, const std::string &prefix, Xapian::termcount wdf_inc) {
    auto &seen = tg->positionless->seen;
    if (seen.empty()) return;
    Xapian::Document doc = tg->tg.get_document();
    for (const auto &kv : seen) {
        const std::string &word = kv.first;
        const Xapian::termcount wdf = kv.second * wdf_inc;
        const std::string stemmed = tg->stem ? tg->stem->stem_only(word) : word;
        if (!tg->stem || tg->strategy == CX_STEM_NONE) {
            doc.add_term(prefix + word, wdf);
        } else if (tg->strategy == CX_STEM_ALL) {
            doc.add_term(prefix + stemmed, wdf);
        } else if (tg->strategy == CX_STEM_ALL_Z) {
            doc.add_term("Z" + prefix + stemmed, wdf);
        } else {  // STEM_SOME and STEM_SOME_FULL_POS: the word, and its stem with Z
            doc.add_term(prefix + word, wdf);
            doc.add_term("Z" + prefix + stemmed, wdf);
        }
        if (prefix.empty()) {
            if (tg->spelling_db) {
                tg->spelling[word] += kv.second;
            } else if ((tg->flags & CX_TG_FLAG_SPELLING) && tg->db) {
                tg->db->add_spelling(word, kv.second);
            }
        }
    }
    seen.clear();
}
}  // namespace

/// Runs one of the term generator's index_text calls (`index`), counting spelling data while it runs, adding the
/// positionless words it left out, and writing the spelling buffer when it is full.
template <class Index>
static cx_status index_text(cx_termgen *tg, const char *prefix, size_t plen, uint32_t wdf_inc, cx_error *err,
                            Index index) {
    CX_GUARD(
        if (tg->positionless) tg->positionless->seen.clear();
        {
            SpellingCount counting(tg, plen);
            index();
        }
        if (tg->positionless) add_positionless(tg, str(prefix, plen), wdf_inc ? wdf_inc : 1);
        if (tg->spelling.size() >= spelling_buffer_limit) flush_spelling(tg);)
}

extern "C" cx_status cx_termgen_index_text(cx_termgen *tg, const char *text, size_t len, uint32_t wdf_inc,
                                           const char *prefix, size_t plen, cx_error *err) {
    return index_text(tg, prefix, plen, wdf_inc, err, [&] {
        tg->tg.index_text(Xapian::Utf8Iterator(text, len), wdf_inc ? wdf_inc : 1, str(prefix, plen));
    });
}
extern "C" cx_status cx_termgen_index_text_without_positions(cx_termgen *tg, const char *text, size_t len,
                                                             uint32_t wdf_inc, const char *prefix, size_t plen,
                                                             cx_error *err) {
    return index_text(tg, prefix, plen, wdf_inc, err, [&] {
        tg->tg.index_text_without_positions(Xapian::Utf8Iterator(text, len), wdf_inc ? wdf_inc : 1, str(prefix, plen));
    });
}
extern "C" cx_status cx_termgen_increase_termpos(cx_termgen *tg, uint32_t delta, cx_error *err) {
    CX_GUARD(tg->tg.increase_termpos(delta);)
}
extern "C" cx_status cx_stem_word(const char *lang, size_t langlen, const char *word, size_t len, char **out,
                                  size_t *outlen, cx_error *err) {
    try {
        // one stemmer per thread and language, not one per word (snippets stem every word of ten passages)
        thread_local std::string language;
        thread_local Xapian::Stem stemmer;
        const std::string name = stem_language(lang, langlen);
        if (name != language) {
            stemmer = make_stem(lang, langlen);
            language = name;
        }
        return out_string(stemmer(str(word, len)), out, outlen, err);
    } catch (...) {
        return translate(err);
    }
}

// ---- Queries -------------------------------------------------------------------

static cx_status new_query(Xapian::Query q, cx_query **out) {
    auto h = new cx_query();
    h->q = std::move(q);
    *out = h;
    return CX_OK;
}

extern "C" cx_status cx_query_term(const char *term, size_t len, uint32_t wqf, uint32_t pos, cx_query **out,
                                   cx_error *err) {
    CX_GUARD(new_query(Xapian::Query(str(term, len), wqf ? wqf : 1, pos), out);)
}
extern "C" cx_status cx_query_match_all(cx_query **out, cx_error *err) { CX_GUARD(new_query(Xapian::Query::MatchAll, out);) }
extern "C" cx_status cx_query_match_nothing(cx_query **out, cx_error *err) {
    CX_GUARD(new_query(Xapian::Query::MatchNothing, out);)
}
extern "C" cx_status cx_query_combine(int op, const cx_query *const *subs, size_t count, uint32_t window,
                                      cx_query **out, cx_error *err) {
    static const int allowed[] = {CX_OP_AND, CX_OP_OR, CX_OP_AND_NOT, CX_OP_XOR, CX_OP_AND_MAYBE,
                                  CX_OP_FILTER, CX_OP_NEAR, CX_OP_PHRASE, CX_OP_SYNONYM, CX_OP_MAX};
    CX_REQUIRE(std::find(std::begin(allowed), std::end(allowed), op) != std::end(allowed), "unknown query operator");
    CX_GUARD(std::vector<Xapian::Query> v; v.reserve(count); for (size_t i = 0; i < count; ++i) v.push_back(subs[i]->q);
             new_query(Xapian::Query(static_cast<Xapian::Query::op>(op), v.begin(), v.end(), window), out);)
}
extern "C" cx_status cx_query_value_range(unsigned slot, const char *lo, size_t lolen, const char *hi, size_t hilen,
                                          cx_query **out, cx_error *err) {
    CX_GUARD(new_query(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, str(lo, lolen), str(hi, hilen)), out);)
}
extern "C" cx_status cx_query_scale(const cx_query *q, double factor, cx_query **out, cx_error *err) {
    CX_GUARD(new_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor), out);)
}
extern "C" cx_status cx_query_description(const cx_query *q, char **out, size_t *outlen, cx_error *err) {
    try {
        return out_string(q->q.get_description(), out, outlen, err);
    } catch (...) {
        return translate(err);
    }
}
extern "C" int cx_query_is_empty(const cx_query *q) { return q->q.empty() ? 1 : 0; }
extern "C" void cx_query_free(cx_query *q) { delete q; }

// ---- Query parser --------------------------------------------------------------

extern "C" cx_status cx_qparser_new(cx_qparser **out, cx_error *err) { CX_GUARD(*out = new cx_qparser();) }
extern "C" void cx_qparser_free(cx_qparser *qp) { delete qp; }
extern "C" cx_status cx_qparser_set_stemmer(cx_qparser *qp, const char *lang, size_t len, cx_error *err) {
    CX_GUARD(qp->qp.set_stemmer(make_stem(lang, len));)
}
extern "C" cx_status cx_qparser_set_stemming_strategy(cx_qparser *qp, int strategy, cx_error *err) {
    CX_REQUIRE(strategy >= 0 && strategy <= 4, "unknown stemming strategy");
    CX_GUARD(qp->qp.set_stemming_strategy(static_cast<Xapian::QueryParser::stem_strategy>(strategy));)
}
extern "C" cx_status cx_qparser_set_stopper(cx_qparser *qp, const char *words, size_t len, cx_error *err) {
    CX_GUARD(qp->stopper = make_stopper(words, len); qp->qp.set_stopper(qp->stopper.get());)
}
extern "C" cx_status cx_qparser_set_default_op(cx_qparser *qp, int op, cx_error *err) {
    CX_REQUIRE(op == CX_OP_AND || op == CX_OP_OR || op == CX_OP_NEAR || op == CX_OP_PHRASE || op == CX_OP_MAX ||
                   op == CX_OP_SYNONYM,
               "default operator must be AND, OR, NEAR, PHRASE, MAX or SYNONYM");
    CX_GUARD(qp->qp.set_default_op(static_cast<Xapian::Query::op>(op));)
}
extern "C" cx_status cx_qparser_set_database(cx_qparser *qp, const cx_database *db, cx_error *err) {
    CX_GUARD(qp->db = db->reader(); qp->has_db = true; qp->qp.set_database(qp->db);
             for (auto *r : qp->term_ranges) r->set_database(&qp->db);)
}
extern "C" cx_status cx_qparser_add_prefix(cx_qparser *qp, const char *field, size_t flen, const char *prefix,
                                           size_t plen, cx_error *err) {
    CX_GUARD(qp->qp.add_prefix(str(field, flen), str(prefix, plen));)
}
extern "C" cx_status cx_qparser_add_boolean_prefix(cx_qparser *qp, const char *field, size_t flen, const char *prefix,
                                                   size_t plen, int exclusive, cx_error *err) {
    CX_GUARD(qp->qp.add_boolean_prefix(str(field, flen), str(prefix, plen), exclusive != 0);)
}
extern "C" cx_status cx_qparser_add_number_range(cx_qparser *qp, unsigned slot, const char *field, size_t flen,
                                                 cx_error *err) {
    CX_GUARD(auto rp = std::make_unique<Xapian::NumberRangeProcessor>(slot, str(field, flen));
             qp->qp.add_rangeprocessor(rp.get()); qp->ranges.push_back(std::move(rp));)
}
extern "C" cx_status cx_qparser_add_integer_term_range(cx_qparser *qp, const char *field, size_t flen,
                                                       const char *prefix, size_t plen, cx_error *err) {
    CX_GUARD(auto rp = std::make_unique<IntegerTermRangeProcessor>(str(field, flen), str(prefix, plen),
                                                                    qp->has_db ? &qp->db : nullptr);
             qp->term_ranges.push_back(rp.get()); qp->qp.add_rangeprocessor(rp.get());
             qp->ranges.push_back(std::move(rp));)
}
namespace {
// The window of a PHRASE or NEAR query, which Xapian 1.4's API does not give back but its description shows
// ("(a@1 PHRASE 3 b@2 ...)").
Xapian::termcount positional_window(const Xapian::Query &q) {
    const std::string d = q.get_description();
    const char *name = q.get_type() == Xapian::Query::OP_PHRASE ? " PHRASE " : " NEAR ";
    const size_t at = d.find(name);
    if (at == std::string::npos) return Xapian::termcount(q.get_num_subqueries());
    return Xapian::termcount(std::strtoul(d.c_str() + at + std::strlen(name), nullptr, 10));
}

// `q` without the terms of `positionless` in its PHRASE and NEAR groups, each group's window narrowed by the
// words dropped: the index has no positions for them, and the words around them are adjacent there.
// Operators with parameters the API does not give back (scale weight, elite set) are left as they are.
Xapian::Query without_positionless(const Xapian::Query &q, const std::set<std::string> &positionless, bool &changed) {
    const Xapian::Query::op type = q.get_type();
    const size_t n = q.get_num_subqueries();
    if (n == 0) return q;
    std::vector<Xapian::Query> subs;
    bool any = false;
    if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) {
        Xapian::termcount dropped = 0;
        for (size_t i = 0; i < n; ++i) {
            Xapian::Query sub = q.get_subquery(i);
            if (sub.get_type() == Xapian::Query::LEAF_TERM && positionless.count(*sub.get_terms_begin())) {
                ++dropped;
            } else {
                subs.push_back(sub);
            }
        }
        if (dropped == 0) return q;
        changed = true;
        if (subs.empty()) return Xapian::Query::MatchNothing;
        if (subs.size() == 1) return subs[0];
        const Xapian::termcount window = positional_window(q);
        return Xapian::Query(type, subs.begin(), subs.end(),
                             std::max<Xapian::termcount>(Xapian::termcount(subs.size()), window > dropped ? window - dropped : 0));
    }
    switch (type) {
        case Xapian::Query::OP_AND: case Xapian::Query::OP_OR: case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_XOR: case Xapian::Query::OP_AND_MAYBE: case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_SYNONYM: case Xapian::Query::OP_MAX:
            break;
        default:
            return q;
    }
    for (size_t i = 0; i < n; ++i) {
        subs.push_back(without_positionless(q.get_subquery(i), positionless, any));
    }
    if (!any) return q;
    changed = true;
    return Xapian::Query(type, subs.begin(), subs.end());
}
}  // namespace

extern "C" cx_status cx_qparser_parse(cx_qparser *qp, const char *query, size_t len, int flags,
                                      const char *default_prefix, size_t dplen, cx_query **out, cx_error *err) {
    CX_GUARD(Xapian::Query q = qp->qp.parse_query(str(query, len), static_cast<unsigned>(flags), str(default_prefix, dplen));
             bool rewritten = false;
             if (!qp->positionless.empty()) q = without_positionless(q, qp->positionless, rewritten);
             new_query(q, out);)
}
extern "C" cx_status cx_qparser_set_positionless(cx_qparser *qp, const char *terms, size_t len, cx_error *err) {
    CX_GUARD(qp->positionless.clear();
             for (auto &term : nul_split(terms, len)) qp->positionless.insert(std::move(term));)
}
extern "C" cx_status cx_qparser_corrected_query(const cx_qparser *qp, char **out, size_t *outlen, cx_error *err) {
    try {
        return out_string(qp->qp.get_corrected_query_string(), out, outlen, err);
    } catch (...) {
        return translate(err);
    }
}
extern "C" cx_status cx_qparser_stoplist(const cx_qparser *qp, cx_strlist **out, cx_error *err) {
    CX_GUARD(auto h = std::make_unique<cx_strlist>();
             for (auto it = qp->qp.stoplist_begin(); it != qp->qp.stoplist_end(); ++it) h->items.emplace_back(*it, 0);
             *out = h.release();)
}

// ---- Enquire and results -------------------------------------------------------

extern "C" cx_status cx_enquire_new(const cx_database *db, cx_enquire **out, cx_error *err) {
    CX_GUARD(*out = new cx_enquire(db->reader());)
}
extern "C" void cx_enquire_free(cx_enquire *enq) {
    if (enq == nullptr) return;
    try {
        enq->enq.clear_matchspies();  // the enquire holds raw pointers to the spies
    } catch (...) {
    }
    delete enq;
}
extern "C" cx_status cx_enquire_set_query(cx_enquire *enq, const cx_query *q, cx_error *err) {
    CX_GUARD(enq->enq.set_query(q->q);)
}
extern "C" cx_status cx_enquire_set_bm25(cx_enquire *enq, double k1, double k2, double k3, double b, double min_normlen,
                                         cx_error *err) {
    CX_GUARD(enq->enq.set_weighting_scheme(Xapian::BM25Weight(k1, k2, k3, b, min_normlen));)
}
extern "C" cx_status cx_enquire_set_bool_weight(cx_enquire *enq, cx_error *err) {
    CX_GUARD(enq->enq.set_weighting_scheme(Xapian::BoolWeight());)
}
extern "C" cx_status cx_enquire_set_sort(cx_enquire *enq, int slot, int reverse, int then_relevance, cx_error *err) {
    CX_GUARD(if (slot < 0) enq->enq.set_sort_by_relevance();
             else if (then_relevance) enq->enq.set_sort_by_value_then_relevance(slot, reverse != 0);
             else enq->enq.set_sort_by_value(slot, reverse != 0);)
}
extern "C" cx_status cx_enquire_set_collapse_key(cx_enquire *enq, int slot, unsigned max, cx_error *err) {
    CX_GUARD(enq->enq.set_collapse_key(slot < 0 ? Xapian::BAD_VALUENO : static_cast<Xapian::valueno>(slot), max ? max : 1);)
}
extern "C" cx_status cx_enquire_set_docid_order(cx_enquire *enq, int order, cx_error *err) {
    CX_GUARD(enq->enq.set_docid_order(order == 0 ? Xapian::Enquire::ASCENDING
                                      : order == 1 ? Xapian::Enquire::DESCENDING
                                                   : Xapian::Enquire::DONT_CARE);)
}
extern "C" cx_status cx_enquire_add_value_spy(cx_enquire *enq, unsigned slot, cx_spy **out, cx_error *err) {
    CX_GUARD(auto spy = std::make_unique<cx_spy>(); spy->values = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
             enq->enq.add_matchspy(spy->values.get()); *out = spy.get(); enq->spies.push_back(std::move(spy));)
}
extern "C" cx_status cx_enquire_add_facet_spy(cx_enquire *enq, unsigned slot, cx_spy **out, cx_error *err) {
    CX_GUARD(auto spy = std::make_unique<cx_spy>(); spy->facets = std::make_unique<FacetKeySpy>(slot);
             enq->enq.add_matchspy(spy->facets.get()); *out = spy.get(); enq->spies.push_back(std::move(spy));)
}
extern "C" cx_status cx_enquire_add_term_spy(cx_enquire *enq, const char *prefix, size_t len, cx_spy **out,
                                             cx_error *err) {
    CX_GUARD(auto spy = std::make_unique<cx_spy>(); spy->terms = std::make_unique<TermPrefixSpy>(str(prefix, len));
             enq->enq.add_matchspy(spy->terms.get()); *out = spy.get(); enq->spies.push_back(std::move(spy));)
}
namespace {
// Threads started on the cores other than the calling thread's. Linux tends to queue a new thread on its parent's
// core, where the two then take turns until a load balance moves one (often a few ms: at 1M passages on 2 cores,
// the page and the count each ran at half speed in about half the searches, the other core idle). Joined at the
// latest on destruction. Not thread-safe: owned by the thread that starts them.
class SteeredThreads {
  public:
    SteeredThreads() = default;
    SteeredThreads(const SteeredThreads &) = delete;
    SteeredThreads &operator=(const SteeredThreads &) = delete;
    ~SteeredThreads() { join(); }

    // Runs `body` (which must not throw) on a new thread, or, when no thread can be started, on this one, now.
    void start(std::function<void()> body) {
        bodies_.push_back(std::make_unique<std::function<void()>>(std::move(body)));
        threads_.reserve(bodies_.size());
        pthread_t id;
        if (placement_.start(&id, run, bodies_.back().get(), false) == 0)
            threads_.push_back(id);
        else
            (*bodies_.back())();
    }

    // Lets the threads run on any allowed core: the calling thread's too, once it waits for them.
    void unsteer() {
        for (pthread_t id : threads_) placement_.release(id);
    }

    void join() {
        for (pthread_t id : threads_) pthread_join(id, nullptr);
        threads_.clear();
    }

  private:
    static void *run(void *body) {
        (*static_cast<std::function<void()> *>(body))();
        return nullptr;
    }
    ThreadPlacement placement_ = ThreadPlacement::awayFromCaller();
    std::vector<std::unique_ptr<std::function<void()>>> bodies_;
    std::vector<pthread_t> threads_;
};
}  // namespace

// Counts the facet keys of `slot` of the documents `docids` (ascending) of one shard, from its value stream.
static void count_values(const Xapian::Database &shard, const std::vector<Xapian::docid> &docids, Xapian::valueno slot,
                         KeyCounter &counts) {
    Xapian::ValueIterator value = shard.valuestream_begin(slot);
    const Xapian::ValueIterator end = shard.valuestream_end(slot);
    for (Xapian::docid d : docids) {
        value.skip_to(d);
        if (value == end) break;
        if (value.get_docid() == d) counts.add_value(*value);
    }
}

extern "C" cx_status cx_enquire_get_mset_counting(cx_enquire *enq, uint32_t first, uint32_t maxitems,
                                                  const char *const *paths, const size_t *lens, size_t npaths,
                                                  unsigned slot, const char *names_prefix, size_t plen,
                                                  unsigned threads, uint32_t limit,
                                                  cx_mset **mset, cx_strlist **out, uint32_t *total,
                                                  unsigned *how, cx_error *err) {
    CX_GUARD(
        // Xapian objects are not thread-safe (their reference counts are not atomic): the query crosses
        // into the threads serialised, and each thread opens its own databases. The calling thread meanwhile
        // matches the page with the caller's own handles.
        // With threads == 0 the calling thread counts after the page, with the enquire's own shard handles: on a
        // small index, starting a thread and opening the shards again cost more than the count would overlap.
        const bool here = threads == 0;
        const std::string serialised = here ? std::string() : enq->enq.get_query().serialise();
        std::vector<std::string> names;
        for (size_t i = 0; i < npaths; ++i) names.push_back(str(paths[i], lens[i]));
        if (here) {
            threads = 1;
            CX_REQUIRE(enq->db.size() == names.size(), "the paths are not the enquire's shards");
        }
        // Facets come from the shards' facet columns when every shard has one made from it as it is (the
        // threads check against the shards they open), else from the value slot.
        std::vector<std::unique_ptr<FacetColumn>> columns(names.size());
        if (slot != CX_NO_SLOT) {
            for (size_t i = 0; i < names.size(); ++i) {
                auto column = std::make_unique<FacetColumn>();
                if (column->open(names[i] + "/" CX_FACET_COLUMN, slot)) columns[i] = std::move(column);
            }
        }
        struct Share {
            KeyCounter counts;
            Xapian::doccount matches = 0;
            bool columns = false, postings = false;
            std::exception_ptr error;
        };
        std::vector<Share> shares(threads);
        // share t of the matches, counted over `shards` (the databases at `paths`, in order)
        auto count_share = [&](unsigned t, const std::vector<Xapian::Database> &shards, const Xapian::Query &query) {
            bool use_columns = slot != CX_NO_SLOT;
            for (size_t i = 0; i < names.size(); ++i)
                use_columns = use_columns && columns[i] && columns[i]->made_from(shards[i]);
            // this thread's matches: with the matcher (and a spy), over the thread's part of each database's
            // docids (DocidRange)
            auto match = [&](const Xapian::Database &db, Xapian::MatchSpy *spy) {
                DocidRange range(t, threads);
                Xapian::Enquire enquire(db);
                enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(&range)));
                enquire.set_weighting_scheme(Xapian::BoolWeight());
                if (spy != nullptr) enquire.add_matchspy(spy);
                shares[t].matches += enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
            };
            // or from the postings, over the same part of one shard; false when the query needs the matcher
            auto from_postings = [&](const Xapian::Database &shard, std::vector<Xapian::docid> *docids) {
                auto postings = BoolPostings::of(query, shard);
                if (!postings) return false;
                const uint64_t last = shard.get_lastdocid();
                const auto lo = Xapian::docid(last * t / threads + 1), hi = Xapian::docid(last * (t + 1) / threads);
                Xapian::doccount n = 0;
                for (Xapian::docid d = postings->seek(lo); d != BoolPostings::end && d <= hi; d = postings->seek(d + 1)) {
                    if (docids) docids->push_back(d);
                    ++n;
                }
                shares[t].matches += n;
                shares[t].postings = true;
                return true;
            };
            std::vector<Xapian::docid> docids;
            if (use_columns) {
                // shard by shard, each column counting its shard's matches into one array (as large as
                // KeyCounter's: keys beyond go to its map)
                uint32_t max_key = 0;
                for (const auto &column : columns) max_key = std::max(max_key, column->max_key());
                std::vector<uint32_t> counts(std::min<size_t>(size_t(max_key) + 1, KeyCounter::dense_limit), 0);
                for (size_t i = 0; i < shards.size(); ++i) {
                    docids.clear();
                    if (!from_postings(shards[i], &docids)) {
                        DocidSpy spy;
                        match(shards[i], &spy);
                        docids = spy.docids();
                    }
                    columns[i]->count(docids, counts.data(), counts.size(), shares[t].counts);
                }
                for (size_t key = 0; key < counts.size(); ++key)
                    if (counts[key]) shares[t].counts.add(key, counts[key]);
                shares[t].columns = true;
            } else if (slot == CX_NO_SLOT && !shards.empty() && from_postings(shards[0], nullptr)) {
                for (size_t i = 1; i < shards.size(); ++i) from_postings(shards[i], nullptr);
            } else if (slot != CX_NO_SLOT && !shards.empty() && from_postings(shards[0], &docids)) {
                // the matches' values read in docid order from each shard's value stream (~45 ns a match, where
                // the matcher's documents took ~500)
                for (size_t i = 0; i < shards.size(); ++i) {
                    if (i > 0) {
                        docids.clear();
                        from_postings(shards[i], &docids);
                    }
                    count_values(shards[i], docids, slot, shares[t].counts);
                }
            } else {
                Xapian::Database db;
                for (const auto &shard : shards) db.add_database(shard);
                FacetKeySpy spy(slot);
                match(db, slot != CX_NO_SLOT ? &spy : nullptr);
                shares[t].counts = spy.counts();
            }
        };
        SteeredThreads workers;  // declared after what the threads use: joined before it goes
        if (!here) {
            for (unsigned t = 0; t < threads; ++t) {
                workers.start([&, t] {
                    try {
                        std::vector<Xapian::Database> shards;
                        for (const auto &name : names) shards.emplace_back(name);
                        count_share(t, shards, Xapian::Query::unserialise(serialised));
                    } catch (...) {
                        shares[t].error = std::current_exception();
                    }
                });
            }
        }
        std::exception_ptr failed;
        auto page = std::make_unique<cx_mset>();
        try {
            page->mset = enq->enq.get_mset(first, maxitems, Xapian::doccount(0));
        } catch (...) {
            failed = std::current_exception();
        }
        workers.unsteer();
        workers.join();
        if (failed) std::rethrow_exception(failed);
        if (here) {
            // the enquire's own shards, as cx_db_shard makes them (see there)
            std::vector<Xapian::Database> shards;
            for (size_t i = 0; i < enq->db.size(); ++i) shards.emplace_back(enq->db.internal[i].get());
            count_share(0, shards, enq->enq.get_query());
        }
        for (auto &share : shares)
            if (share.error) std::rethrow_exception(share.error);
        KeyCounter merged;
        for (auto &share : shares) merged.merge(share.counts);
        facet_lists(merged, enq->db, str(names_prefix, plen), limit, out);
        *total = 0;
        for (auto &share : shares) *total += share.matches;
        if (how) {
            bool columns = slot != CX_NO_SLOT, postings = true;
            for (auto &share : shares) {
                columns = columns && share.columns;
                postings = postings && share.postings;
            }
            *how = (columns ? CX_COUNTED_FROM_COLUMNS : 0u) | (postings ? CX_COUNTED_FROM_POSTINGS : 0u);
        }
        *mset = page.release();)
}

extern "C" cx_status cx_facet_column_write(const char *shard, size_t len, unsigned slot, cx_error *err) {
    CX_GUARD(write_facet_column(str(shard, len), slot);)
}

extern "C" cx_status cx_facet_column_update(const char *shard, size_t len, unsigned slot, uint64_t base_revision,
                                            const uint32_t *docids, size_t count, cx_error *err) {
    CX_GUARD(update_facet_column(str(shard, len), slot, Xapian::rev(base_revision),
                                 std::vector<Xapian::docid>(docids, docids + count));)
}

extern "C" cx_status cx_facet_column_verify(const char *shard, size_t len, unsigned slot, int *fresh,
                                            uint32_t *mismatched, cx_error *err) {
    CX_GUARD(
        const std::string path = str(shard, len); Xapian::Database db(path); FacetColumn column;
        *fresh = column.open(path + "/" CX_FACET_COLUMN, slot) && column.made_from(db);
        *mismatched = 0;
        if (*fresh) {
            std::vector<uint32_t> expected, found;
            Xapian::ValueIterator it = db.valuestream_begin(slot);
            for (Xapian::docid did = 1; did <= column.lastdocid(); ++did) {
                expected.clear();
                found.clear();
                if (it != db.valuestream_end(slot) && it.get_docid() == did) {
                    each_key(*it, [&expected](uint64_t key) {
                        if (key < UINT32_MAX) expected.push_back(uint32_t(key));
                    });
                    ++it;
                }
                column.each_key(did, [&found](uint32_t key) { found.push_back(key); });
                if (found != expected) ++*mismatched;
            }
        })
}

extern "C" cx_status cx_facet_column_fresh(const char *shard, size_t len, unsigned slot, int *fresh, cx_error *err) {
    CX_GUARD(const std::string path = str(shard, len); FacetColumn column;
             *fresh = column.open(path + "/" CX_FACET_COLUMN, slot) && column.made_from(Xapian::Database(path));)
}

extern "C" cx_status cx_enquire_get_mset(cx_enquire *enq, uint32_t first, uint32_t maxitems, uint32_t checkatleast,
                                         cx_mset **out, cx_error *err) {
    CX_GUARD(auto h = std::make_unique<cx_mset>(); h->mset = enq->enq.get_mset(first, maxitems, checkatleast);
             *out = h.release();)
}
namespace {
/* Xapian's expansion weights ("trad" and "bo1", expand_k 1), computed from the public Database API: the
 * relevant documents' termlists and lengths, and the combined database's exact statistics. Enquire::get_eset
 * takes some statistics from the sub-database a termlist came from, and remote termlists carry others, so its
 * weights differ between one index, local shards and remote shards; these do not. Ties go to the smaller term. */
std::vector<std::pair<std::string, double>> expansion_terms(const Xapian::Database &db, const Xapian::Query &query,
                                                            const uint32_t *docids, size_t count, uint32_t maxterms,
                                                            const std::string &prefix, const std::string &scheme) {
    struct Stats { double multiplier = 0; uint64_t rtermfreq = 0; uint64_t rcollfreq = 0; };
    std::map<std::string, Stats> stats;
    const double avlen = db.get_avlength();
    const double k = 1.0;
    std::set<uint32_t> seen;
    for (size_t i = 0; i < count; ++i) {
        if (!seen.insert(docids[i]).second) continue;
        const double doclen = db.get_doclength(docids[i]);
        for (auto t = db.termlist_begin(docids[i]); t != db.termlist_end(docids[i]); ++t) {
            const std::string &term = *t;
            if (!prefix.empty() && term.compare(0, prefix.size(), prefix) != 0) continue;
            double wdf = t.get_wdf() ? t.get_wdf() : 1;
            Stats &s = stats[term];
            s.multiplier += (k + 1) * wdf / (avlen > 0 ? k * doclen / avlen + wdf : wdf);
            s.rtermfreq += 1;
            s.rcollfreq += static_cast<uint64_t>(wdf);
        }
    }
    for (auto q = query.get_terms_begin(); q != query.get_terms_end(); ++q) stats.erase(*q);
    const double N = db.get_doccount(), R = seen.size();
    const bool bo1 = scheme == "bo1";
    std::vector<std::pair<std::string, double>> out;
    for (const auto &kv : stats) {
        double w;
        if (bo1) {
            const double mean = db.get_collection_freq(kv.first) / N;
            if (mean <= 0) continue;
            w = kv.second.rcollfreq * std::log2((1.0 + mean) / mean) + std::log2(1.0 + mean);
        } else {
            const double n = db.get_termfreq(kv.first), r = kv.second.rtermfreq, without = R - r;
            w = kv.second.multiplier * std::log(((r + 0.5) * (N - n - without + 0.5)) / ((n - r + 0.5) * (without + 0.5)));
        }
        if (w > 0) out.emplace_back(kv.first, w);
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (out.size() > maxterms) out.resize(maxterms);
    return out;
}
}  // namespace

extern "C" cx_status cx_enquire_expand(cx_enquire *enq, const uint32_t *docids, size_t count, uint32_t maxterms,
                                       const char *prefix, size_t plen, const char *scheme,
                                       cx_strlist **out, double **weights, cx_error *err) {
    CX_GUARD(const std::string sch = scheme ? scheme : "trad";
             if (sch != "trad" && sch != "bo1") throw Xapian::InvalidArgumentError("unknown expansion scheme: " + sch);
             auto terms = expansion_terms(enq->db, enq->enq.get_query(), docids, count, maxterms, str(prefix, plen), sch);
             auto h = std::make_unique<cx_strlist>();
             double *w = static_cast<double *>(std::malloc(sizeof(double) * (terms.size() + 1)));
             if (w == nullptr) throw std::bad_alloc();
             for (size_t i = 0; i < terms.size(); ++i) { h->items.emplace_back(terms[i].first, 0); w[i] = terms[i].second; }
             *out = h.release(); *weights = w;)
}

extern "C" cx_status cx_spy_values(const cx_spy *spy, cx_strlist **out, cx_error *err) {
    CX_REQUIRE(!spy->facets, "a facet spy's counts are read with cx_spy_facets");
    CX_GUARD(auto h = std::make_unique<cx_strlist>();
             if (spy->values) {
                 for (auto it = spy->values->values_begin(); it != spy->values->values_end(); ++it)
                     h->items.emplace_back(*it, it.get_termfreq());
             } else {
                 for (const auto &kv : spy->terms->counts()) h->items.emplace_back(kv.first, kv.second);
             }
             sort_by_count(h->items);
             *out = h.release();)
}
extern "C" cx_status cx_spy_facets(const cx_spy *spy, const cx_enquire *enq, const char *names_prefix, size_t plen,
                                   uint32_t limit, cx_strlist **out, cx_error *err) {
    CX_REQUIRE(spy->facets || spy->values, "not a facet or value spy");
    CX_GUARD(KeyCounter split;
             const KeyCounter *counts = &split;
             if (spy->facets) {
                 counts = &spy->facets->counts();
             } else {
                 for (auto it = spy->values->values_begin(); it != spy->values->values_end(); ++it)
                     split.add_value(*it, it.get_termfreq());
             }
             facet_lists(*counts, enq->db, str(names_prefix, plen), limit, out);)
}
extern "C" cx_status cx_spy_documents_seen(const cx_spy *spy, uint32_t *out, cx_error *err) {
    CX_GUARD(*out = spy->values ? spy->values->get_total() : spy->facets ? spy->facets->seen() : spy->terms->seen();)
}

extern "C" void cx_mset_free(cx_mset *mset) { delete mset; }
extern "C" size_t cx_mset_size(const cx_mset *mset) { return mset->mset.size(); }
extern "C" cx_status cx_mset_counts(const cx_mset *mset, uint32_t *lower, uint32_t *estimated, uint32_t *upper,
                                    cx_error *err) {
    CX_GUARD(*lower = mset->mset.get_matches_lower_bound(); *estimated = mset->mset.get_matches_estimated();
             *upper = mset->mset.get_matches_upper_bound();)
}
extern "C" cx_status cx_mset_item(const cx_mset *mset, size_t index, uint32_t *docid, uint32_t *rank, double *weight,
                                  int *percent, cx_error *err) {
    CX_REQUIRE(index < mset->mset.size(), "mset index out of range");
    CX_GUARD(Xapian::MSetIterator it = mset->mset[static_cast<Xapian::doccount>(index)]; *docid = *it;
             *rank = it.get_rank(); *weight = it.get_weight(); *percent = it.get_percent();)
}
extern "C" cx_status cx_mset_document(const cx_mset *mset, size_t index, cx_document **out, cx_error *err) {
    CX_REQUIRE(index < mset->mset.size(), "mset index out of range");
    CX_GUARD(auto h = std::make_unique<cx_document>();
             h->doc = mset->mset[static_cast<Xapian::doccount>(index)].get_document(); *out = h.release();)
}
extern "C" cx_status cx_mset_termfreq(const cx_mset *mset, const char *term, size_t len, uint32_t *out, cx_error *err) {
    CX_GUARD(*out = mset->mset.get_termfreq(str(term, len));)
}
extern "C" cx_status cx_mset_snippet(const cx_mset *mset, const char *text, size_t len, size_t length,
                                     const char *lang, size_t langlen, const char *hi_start, size_t hslen,
                                     const char *hi_end, size_t helen, const char *omit, size_t omitlen, int flags,
                                     char **out, size_t *outlen, cx_error *err) {
    try {
        std::string s = mset->mset.snippet(str(text, len), length, make_stem(lang, langlen),
                                           flags ? static_cast<unsigned>(flags) : Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                           str(hi_start, hslen), str(hi_end, helen), str(omit, omitlen));
        return out_string(s, out, outlen, err);
    } catch (...) {
        return translate(err);
    }
}

// ---- String lists --------------------------------------------------------------

extern "C" size_t cx_strlist_size(const cx_strlist *list) { return list->items.size(); }
extern "C" const char *cx_strlist_get(const cx_strlist *list, size_t i, size_t *len, uint64_t *count) {
    if (i >= list->items.size()) return nullptr;
    const auto &item = list->items[i];
    if (len) *len = item.first.size();
    if (count) *count = item.second;
    return item.first.data();
}
extern "C" void cx_strlist_free(cx_strlist *list) { delete list; }

// ---- Values --------------------------------------------------------------------

extern "C" size_t cx_sortable_serialise(double value, char *buf) {
    // Xapian's own encoding, written into the caller's buffer (never longer than 18 bytes).
    try {
        std::string s = Xapian::sortable_serialise(value);
        std::memcpy(buf, s.data(), s.size());
        return s.size();
    } catch (...) {
        return 0;
    }
}
extern "C" double cx_sortable_unserialise(const char *buf, size_t len) {
    try {
        return Xapian::sortable_unserialise(std::string(buf, len));
    } catch (...) {
        return 0;
    }
}

// ---- Compressed document data ------------------------------------------------

struct cx_zcodec : Counted {
    std::string dictionary;
    ZSTD_CCtx *cctx = nullptr;
    ZSTD_CDict *cdict = nullptr;
    ZSTD_DCtx *dctx = nullptr;
    ZSTD_DDict *ddict = nullptr;
    ~cx_zcodec() {
        ZSTD_freeCCtx(cctx);
        ZSTD_freeCDict(cdict);
        ZSTD_freeDCtx(dctx);
        ZSTD_freeDDict(ddict);
    }
};

static void zcheck(size_t code, const char *what) {
    if (ZSTD_isError(code)) throw Xapian::DatabaseCorruptError(std::string(what) + ": " + ZSTD_getErrorName(code));
}

extern "C" cx_status cx_zcodec_new(const char *dictionary, size_t len, cx_zcodec **out, cx_error *err) {
    CX_REQUIRE(len <= CX_ZDICT_MAX, "a compression dictionary holds at most CX_ZDICT_MAX bytes");
    CX_GUARD(auto codec = std::make_unique<cx_zcodec>(); codec->dictionary = str(dictionary, len);
             *out = codec.release();)
}
extern "C" void cx_zcodec_free(cx_zcodec *codec) { delete codec; }

extern "C" cx_status cx_zcodec_compress(cx_zcodec *codec, const char *in, size_t len, char **out, size_t *outlen,
                                        cx_error *err) {
    CX_GUARD(
        if (codec->cctx == nullptr) {
            // level 3 (zstd's default): the dictionary's tables are built once, here
            codec->cdict = ZSTD_createCDict(codec->dictionary.data(), codec->dictionary.size(), 3);
            codec->cctx = ZSTD_createCCtx();
            if (codec->cdict == nullptr || codec->cctx == nullptr) throw std::bad_alloc();
            // the frame without its size, checksum or dictionary id: the record header has the size and the
            // dictionary's id, and Xapian's tables their own checks
            zcheck(ZSTD_CCtx_refCDict(codec->cctx, codec->cdict), "ZSTD_CCtx_refCDict");
            zcheck(ZSTD_CCtx_setParameter(codec->cctx, ZSTD_c_contentSizeFlag, 0), "ZSTD_CCtx_setParameter");
            zcheck(ZSTD_CCtx_setParameter(codec->cctx, ZSTD_c_checksumFlag, 0), "ZSTD_CCtx_setParameter");
            zcheck(ZSTD_CCtx_setParameter(codec->cctx, ZSTD_c_dictIDFlag, 0), "ZSTD_CCtx_setParameter");
        }
        const size_t bound = ZSTD_compressBound(len);
        char *buffer = static_cast<char *>(std::malloc(bound + 1));
        if (buffer == nullptr) throw std::bad_alloc();
        const size_t n = ZSTD_compress2(codec->cctx, buffer, bound, in, len);
        if (ZSTD_isError(n)) {
            std::free(buffer);
            zcheck(n, "ZSTD_compress2");
        }
        *out = buffer;
        *outlen = n;)
}

extern "C" cx_status cx_zcodec_decompress(cx_zcodec *codec, const char *in, size_t len, size_t size, char **out,
                                          cx_error *err) {
    CX_GUARD(
        if (codec->dctx == nullptr) {
            codec->ddict = ZSTD_createDDict(codec->dictionary.data(), codec->dictionary.size());
            codec->dctx = ZSTD_createDCtx();
            if (codec->ddict == nullptr || codec->dctx == nullptr) throw std::bad_alloc();
        }
        char *buffer = static_cast<char *>(std::malloc(size + 1));
        if (buffer == nullptr) throw std::bad_alloc();
        const size_t n = ZSTD_decompress_usingDDict(codec->dctx, buffer, size, in, len, codec->ddict);
        if (ZSTD_isError(n) || n != size) {
            std::free(buffer);
            throw Xapian::DatabaseCorruptError(std::string("compressed document data is damaged (") +
                                               (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "wrong length") + ")");
        }
        *out = buffer;)
}

extern "C" cx_status cx_zdict_train(const char *samples, const size_t *sizes, size_t count, size_t capacity,
                                    char **out, size_t *outlen, cx_error *err) {
    CX_REQUIRE(capacity <= CX_ZDICT_MAX, "a compression dictionary holds at most CX_ZDICT_MAX bytes");
    CX_GUARD(
        std::string dict(capacity, '\0');
        const size_t n = ZDICT_trainFromBuffer(&dict[0], capacity, samples, sizes, unsigned(count));
        if (ZDICT_isError(n))
            throw Xapian::InvalidArgumentError(std::string("cannot train a dictionary: ") + ZDICT_getErrorName(n));
        dict.resize(n);
        return out_string(dict, out, outlen, err);)
}
