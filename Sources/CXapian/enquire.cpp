// Enquire, its match spies, and match sets.

#include "internal.h"

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
    CX_GUARD(enq->default_order = enq->default_order && slot < 0;
             if (slot < 0) enq->enq.set_sort_by_relevance();
             else if (then_relevance) enq->enq.set_sort_by_value_then_relevance(slot, reverse != 0);
             else enq->enq.set_sort_by_value(slot, reverse != 0);)
}
extern "C" cx_status cx_enquire_set_collapse_key(cx_enquire *enq, int slot, unsigned max, cx_error *err) {
    CX_GUARD(enq->enq.set_collapse_key(slot < 0 ? Xapian::BAD_VALUENO : static_cast<Xapian::valueno>(slot), max ? max : 1);
             enq->default_order = enq->default_order && slot < 0;)
}
extern "C" cx_status cx_enquire_set_docid_order(cx_enquire *enq, int order, cx_error *err) {
    CX_GUARD(enq->default_order = enq->default_order && order == 0;
             enq->enq.set_docid_order(order == 0 ? Xapian::Enquire::ASCENDING
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

// Xapian's matcher stops once it has the page of a match without weights (a filter alone, every weight 0, so the
// page is in docid order) only over a single database (multimatch.cc: "with only one database"). Over several
// shards it reads every match first: `--entity china` at 1,000,000 passages in two shards took 70 ms for a page
// of 10 that one shard gives in 0.1. So such a page is read shard by shard, each shard's first `first + maxitems`
// matches (its matcher stops there), merged in the order of the shards searched as one (docid d of shard i of n
// is (d - 1) * n + i + 1, as Xapian numbers them), with the totals of the shards' matches added up: the same
// passages in the same order as the whole match, and its estimates instead of exact totals (asked for with
// check_at_least, which takes the whole match).
// Whether a query may rank nothing: no term that weighs (filters' right sides, value ranges and MatchAll do not,
// and a scaled part may be scaled by 0). Only such queries pay for the statistics that settle it.
static bool may_be_unweighted(const Xapian::Query &q) {
    switch (q.get_type()) {
    case Xapian::Query::LEAF_MATCH_ALL:
    case Xapian::Query::LEAF_MATCH_NOTHING:
    case Xapian::Query::OP_VALUE_RANGE:
    case Xapian::Query::OP_VALUE_GE:
    case Xapian::Query::OP_VALUE_LE:
    case Xapian::Query::OP_SCALE_WEIGHT:
        return true;
    case Xapian::Query::LEAF_TERM:
    case Xapian::Query::LEAF_POSTING_SOURCE:
        return false;
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_AND_NOT:
        return may_be_unweighted(q.get_subquery(0));
    default:
        for (size_t i = 0; i < q.get_num_subqueries(); ++i)
            if (!may_be_unweighted(q.get_subquery(i))) return false;
        return true;
    }
}

std::unique_ptr<cx_mset> match_page(cx_enquire *enq, Xapian::doccount first, Xapian::doccount maxitems,
                                    Xapian::doccount check_at_least) {
    auto h = std::make_unique<cx_mset>();
    const size_t n = enq->db.size();
    if (n > 1 && maxitems > 0 && check_at_least == 0 && enq->default_order && enq->spies.empty() &&
        may_be_unweighted(enq->enq.get_query())) {
        // the match's statistics without matching: its greatest possible weight among them
        Xapian::MSet stats = enq->enq.get_mset(0, 0);
        if (stats.get_max_possible() == 0) {
            const auto wanted = Xapian::doccount(std::min<uint64_t>(uint64_t(first) + maxitems, enq->db.get_doccount()));
            std::vector<Xapian::docid> docids;
            for (size_t i = 0; i < n; ++i) {
                Xapian::Enquire shard(shard_of(enq->db, i));
                shard.set_query(enq->enq.get_query());
                shard.set_weighting_scheme(Xapian::BoolWeight());
                Xapian::MSet m = shard.get_mset(0, wanted);
                for (Xapian::MSetIterator it = m.begin(); it != m.end(); ++it)
                    docids.push_back(Xapian::docid((uint64_t(*it) - 1) * n + i + 1));
                h->lower += m.get_matches_lower_bound();
                h->estimated += m.get_matches_estimated();
                h->upper += m.get_matches_upper_bound();
            }
            std::sort(docids.begin(), docids.end());
            const size_t from = std::min<size_t>(first, docids.size()), to = std::min<size_t>(size_t(first) + maxitems, docids.size());
            h->merged.assign(docids.begin() + from, docids.begin() + to);
            h->mset = stats;
            h->db = enq->db;
            h->first = first;
            h->is_merged = true;
            return h;
        }
    }
    h->mset = enq->enq.get_mset(first, maxitems, check_at_least);
    return h;
}

extern "C" cx_status cx_enquire_get_mset(cx_enquire *enq, uint32_t first, uint32_t maxitems, uint32_t checkatleast,
                                         cx_mset **out, cx_error *err) {
    CX_GUARD(*out = match_page(enq, first, maxitems, checkatleast).release();)
}

extern "C" void cx_mset_free(cx_mset *mset) { delete mset; }
extern "C" size_t cx_mset_size(const cx_mset *mset) { return mset->is_merged ? mset->merged.size() : mset->mset.size(); }
extern "C" cx_status cx_mset_counts(const cx_mset *mset, uint32_t *lower, uint32_t *estimated, uint32_t *upper,
                                    cx_error *err) {
    if (mset->is_merged) {
        *lower = mset->lower;
        *estimated = mset->estimated;
        *upper = mset->upper;
        return CX_OK;
    }
    CX_GUARD(*lower = mset->mset.get_matches_lower_bound(); *estimated = mset->mset.get_matches_estimated();
             *upper = mset->mset.get_matches_upper_bound();)
}
extern "C" cx_status cx_mset_item(const cx_mset *mset, size_t index, uint32_t *docid, uint32_t *rank, double *weight,
                                  int *percent, cx_error *err) {
    CX_REQUIRE(index < cx_mset_size(mset), "mset index out of range");
    if (mset->is_merged) {
        // every weight 0, which Xapian shows as 100%
        *docid = mset->merged[index];
        *rank = uint32_t(mset->first + index);
        *weight = 0;
        *percent = 100;
        return CX_OK;
    }
    CX_GUARD(Xapian::MSetIterator it = mset->mset[static_cast<Xapian::doccount>(index)]; *docid = *it;
             *rank = it.get_rank(); *weight = it.get_weight(); *percent = it.get_percent();)
}
extern "C" cx_status cx_mset_document(const cx_mset *mset, size_t index, cx_document **out, cx_error *err) {
    CX_REQUIRE(index < cx_mset_size(mset), "mset index out of range");
    CX_GUARD(auto h = std::make_unique<cx_document>();
             h->doc = mset->is_merged ? mset->db.get_document(mset->merged[index])
                                      : mset->mset[static_cast<Xapian::doccount>(index)].get_document();
             *out = h.release();)
}
extern "C" cx_status cx_mset_termfreq(const cx_mset *mset, const char *term, size_t len, uint32_t *out, cx_error *err) {
    CX_GUARD(*out = mset->mset.get_termfreq(str(term, len));)
}
extern "C" cx_status cx_mset_snippet(const cx_mset *mset, const char *text, size_t len, size_t length,
                                     const char *lang, size_t langlen, const char *hi_start, size_t hslen,
                                     const char *hi_end, size_t helen, const char *omit, size_t omitlen, int flags,
                                     char **out, size_t *outlen, cx_error *err) {
    CX_GUARD(std::string s = mset->mset.snippet(str(text, len), length, make_stem(lang, langlen),
                                                flags ? static_cast<unsigned>(flags) : Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                                str(hi_start, hslen), str(hi_end, helen), str(omit, omitlen));
             out_string(s, out, outlen);)
}
