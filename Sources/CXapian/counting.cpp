// Counting every match (and its facet keys) beside or after the page: from the term postings, the value streams
// or the facet columns; on other threads or the calling one.

#include "facet_column.h"
#include "threads.h"

namespace {
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

// An upper bound on the matches of `query` in `db`, from term frequencies (see cx_enquire_matches_upper_bound).
static Xapian::doccount matches_upper_bound(const Xapian::Query &query, const Xapian::Database &db) {
    const Xapian::doccount all = db.get_doccount();
    const size_t n = query.get_num_subqueries();
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM:
            return db.get_termfreq(*query.get_terms_begin());
        case Xapian::Query::LEAF_MATCH_NOTHING:
            return 0;
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_PHRASE:
        case Xapian::Query::OP_NEAR: {
            Xapian::doccount least = all;
            for (size_t i = 0; i < n; ++i) least = std::min(least, matches_upper_bound(query.get_subquery(i), db));
            return least;
        }
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX:
        case Xapian::Query::OP_XOR:
        case Xapian::Query::OP_ELITE_SET: {
            uint64_t sum = 0;
            for (size_t i = 0; i < n && sum < all; ++i) sum += matches_upper_bound(query.get_subquery(i), db);
            return Xapian::doccount(std::min<uint64_t>(sum, all));
        }
        case Xapian::Query::OP_AND_NOT:  // what the first subquery matches, at most
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_SCALE_WEIGHT:
            return n >= 1 ? matches_upper_bound(query.get_subquery(0), db) : all;
        default:  // match-all, value ranges, wildcards, posting sources
            return all;
    }
}

extern "C" cx_status cx_enquire_matches_upper_bound(cx_enquire *enq, uint64_t *bound, cx_error *err) {
    CX_REQUIRE(bound != nullptr, "a place for the bound is required");
    CX_GUARD(*bound = matches_upper_bound(enq->enq.get_query(), enq->db);)
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

extern "C" cx_status cx_enquire_get_mset_counting(cx_enquire *enq, const cx_counting_request *request,
                                                  cx_counting_result *result, cx_error *err) {
    CX_REQUIRE(request != nullptr && result != nullptr, "a counting request and its result are required");
    const unsigned slot = request->slot;
    unsigned threads = request->threads;
    CX_GUARD(
        // Xapian objects are not thread-safe (their reference counts are not atomic): the query crosses
        // into the threads serialised, and each thread opens its own databases. The calling thread meanwhile
        // matches the page with the caller's own handles.
        // With threads == 0 the calling thread counts after the page, with the enquire's own shard handles: on a
        // small index, starting a thread and opening the shards again cost more than the count would overlap.
        const bool here = threads == 0;
        const std::string serialised = here ? std::string() : enq->enq.get_query().serialise();
        std::vector<std::string> names;
        for (size_t i = 0; i < request->npaths; ++i) names.push_back(str(request->paths[i], request->path_lengths[i]));
        if (here) {
            threads = 1;
            // the paths name the shards of a stub read again since the enquire opened it: after a full build with
            // another shard count they are not its shards, whose columns are then not looked for
            if (enq->db.size() != names.size()) names.assign(enq->db.size(), std::string());
        }
        // Facets come from the shards' facet columns when every shard has one made from it as it is (the
        // threads check against the shards they open), else from the value slot.
        std::vector<std::unique_ptr<FacetColumn>> columns(names.size());
        if (slot != CX_NO_SLOT) {
            for (size_t i = 0; i < names.size(); ++i) {
                auto column = std::make_unique<FacetColumn>();
                if (!names[i].empty() && column->open(names[i] + "/" CX_FACET_COLUMN, slot)) columns[i] = std::move(column);
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
        std::unique_ptr<cx_mset> page;
        try {
            page = match_page(enq, request->first, request->maxitems, 0);
        } catch (...) {
            failed = std::current_exception();
        }
        workers.unsteer();
        workers.join();
        if (failed) std::rethrow_exception(failed);
        if (here) {
            // the enquire's own shards
            std::vector<Xapian::Database> shards;
            for (size_t i = 0; i < enq->db.size(); ++i) shards.push_back(shard_of(enq->db, i));
            count_share(0, shards, enq->enq.get_query());
        }
        for (auto &share : shares)
            if (share.error) std::rethrow_exception(share.error);
        KeyCounter merged;
        for (auto &share : shares) merged.merge(share.counts);
        out_key_counts(merged, &result->keys, &result->counts, &result->nkeys);
        result->matches = 0;
        for (auto &share : shares) result->matches += share.matches;
        {
            bool columns = slot != CX_NO_SLOT, postings = true;
            for (auto &share : shares) {
                columns = columns && share.columns;
                postings = postings && share.postings;
            }
            result->how = (columns ? CX_COUNTED_FROM_COLUMNS : 0u) | (postings ? CX_COUNTED_FROM_POSTINGS : 0u);
        }
        result->page = page.release();)
}
