// Query expansion and the spies' results.

#include "internal.h"

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
    CX_REQUIRE(!spy->facets, "a facet spy's counts are read with cx_spy_key_counts");
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
extern "C" cx_status cx_spy_key_counts(const cx_spy *spy, uint64_t **keys, uint32_t **counts, size_t *n,
                                      cx_error *err) {
    CX_REQUIRE(spy->facets || spy->values, "not a facet or value spy");
    CX_GUARD(KeyCounter split;
             const KeyCounter *counted = &split;
             if (spy->facets) {
                 counted = &spy->facets->counts();
             } else {
                 for (auto it = spy->values->values_begin(); it != spy->values->values_end(); ++it)
                     split.add_value(*it, it.get_termfreq());
             }
             out_key_counts(*counted, keys, counts, n);)
}
extern "C" cx_status cx_spy_documents_seen(const cx_spy *spy, uint32_t *out, cx_error *err) {
    CX_GUARD(*out = spy->values ? spy->values->get_total() : spy->facets ? spy->facets->seen() : spy->terms->seen();)
}
