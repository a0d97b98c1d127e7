// The C++ side of CXapian, one source file per task, and what they share: the handle structs, the one
// exception-to-status choke point, string helpers, and the facet-key counting types. Not part of the C API.
//
// Every entry point that returns a status runs its body inside CX_GUARD, whose catch (...) hands the exception to
// translate() (guard.cpp): the one place where C++ exceptions become a cx_status plus message. Nothing is thrown
// past the shim. (The frees swallow what a destructor throws; the sortable-value helpers, which take no error,
// return 0.)
#pragma once

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
#include <unordered_set>
#include <utility>
#include <vector>

// ---- Handles -----------------------------------------------------------------

inline std::atomic<long> live_handles{0};
inline thread_local long live_handles_here = 0;

struct Counted {
    Counted() { live_handles.fetch_add(1, std::memory_order_relaxed); ++live_handles_here; }
    Counted(const Counted &) { live_handles.fetch_add(1, std::memory_order_relaxed); ++live_handles_here; }
    ~Counted() { live_handles.fetch_sub(1, std::memory_order_relaxed); --live_handles_here; }
};

/// The Snowball language named by lang, or "" for none ("" or "none").
inline std::string stem_language(const char *lang, size_t len) {
    std::string name(lang ? lang : "", lang ? len : 0);
    return name == "none" ? std::string() : name;
}

inline Xapian::Stem make_stem(const char *lang, size_t len) {
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
inline std::vector<std::string> nul_split(const char *list, size_t len) {
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

inline std::unique_ptr<Xapian::SimpleStopper> make_stopper(const char *words, size_t len) {
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
template <class F> inline void each_key(const std::string &value, F f) {
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

// Spy order: most frequent first, then by value.
template <class Value> inline void sort_by_count(std::vector<std::pair<Value, uint64_t>> &items) {
    std::sort(items.begin(), items.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
}

// Counts the facet keys of a slot in every matching document. Local databases only (xapian-tcpsrv knows only
// the stock spies; over remote shards the stock ValueCountMatchSpy counts whole values, split by
// cx_spy_key_counts).
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
/// adds their terms without positions (see `cx_termgen_set_positionless`). Asked about every word the term
/// generator reads: hashed sets, not ordered ones (the order the terms are added in does not matter to a document).
class CountingStopper final : public Xapian::Stopper {
  public:
    std::unordered_set<std::string> words;
    mutable std::unordered_map<std::string, Xapian::termcount> seen;
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
    // Sorted by relevance, then docids ascending, nothing collapsed: Xapian's default order (see match_page).
    bool default_order = true;
    explicit cx_enquire(const Xapian::Database &d) : db(d), enq(db) {}
};
// A page of matches: Xapian's MSet, or (match_page) a page read shard by shard, its docids in `merged` and its
// totals in `lower`, `estimated` and `upper`, with `mset` the match's statistics (term frequencies, snippets).
struct cx_mset : Counted {
    Xapian::MSet mset;
    Xapian::Database db;
    bool is_merged = false;
    std::vector<Xapian::docid> merged;
    Xapian::doccount first = 0, lower = 0, estimated = 0, upper = 0;
};

// The page of a match (enquire.cpp): `enq`'s MSet, except for a match without weights over several shards.
std::unique_ptr<cx_mset> match_page(cx_enquire *enq, Xapian::doccount first, Xapian::doccount maxitems,
                                    Xapian::doccount check_at_least);
struct cx_strlist : Counted {
    std::vector<std::pair<std::string, uint64_t>> items;
};

// Every counted key and its count, as two malloc'd arrays (the caller frees them with cx_free; facet_keys.cpp).
void out_key_counts(const KeyCounter &counts, uint64_t **keys, uint32_t **tallies, size_t *n);

// Shard `index` of a database (one of several searched as one) as a database of its own, sharing it. Xapian 1.4
// has no public call for it: its shards are the public `internal` vector (marked @private), and
// `Database(Internal *)` makes a handle on one of them, reference counted, as the backends do when they open one.
inline Xapian::Database shard_of(const Xapian::Database &db, size_t index) {
    return Xapian::Database(db.internal[index].get());
}

// ---- The choke point (guard.cpp) -------------------------------------------------

char *dup_bytes(const char *p, size_t n);
char *dup_string(const std::string &s);
cx_status report(cx_error *err, cx_status code, const char *type, const std::string &message);
// Called only from inside a catch block: maps the current exception to a status.
cx_status translate(cx_error *err) noexcept;

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

inline std::string str(const char *p, size_t n) { return p ? std::string(p, n) : std::string(); }
// A malloc'd copy of `docids` (the caller frees it with cx_free), and their number.
void out_docids(const std::vector<uint32_t> &docids, uint32_t **out, size_t *count);
// A malloc'd copy of `s` (the caller frees it with cx_free); throws std::bad_alloc when there is no memory.
void out_string(const std::string &s, char **out, size_t *len);
Xapian::WritableDatabase &writer(cx_database *db);

inline cx_status new_query(Xapian::Query q, cx_query **out) {
    auto h = new cx_query();
    h->q = std::move(q);
    *out = h;
    return CX_OK;
}
