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

extern "C" cx_status cx_enquire_get_mset(cx_enquire *enq, uint32_t first, uint32_t maxitems, uint32_t checkatleast,
                                         cx_mset **out, cx_error *err) {
    CX_GUARD(auto h = std::make_unique<cx_mset>(); h->mset = enq->enq.get_mset(first, maxitems, checkatleast);
             *out = h.release();)
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
    CX_GUARD(std::string s = mset->mset.snippet(str(text, len), length, make_stem(lang, langlen),
                                                flags ? static_cast<unsigned>(flags) : Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                                str(hi_start, hslen), str(hi_end, helen), str(omit, omitlen));
             out_string(s, out, outlen);)
}
