// Queries.

#include "internal.h"

extern "C" cx_status cx_query_term(const char *term, size_t len, uint32_t wqf, uint32_t pos, cx_query **out,
                                   cx_error *err) {
    CX_GUARD(new_query(Xapian::Query(str(term, len), wqf ? wqf : 1, pos), out);)
}
// A query of its own, never a copy of the static Query::MatchAll: its reference count is not atomic, and copies
// made on two threads at once (the server's workers) corrupt it and free it under a search (query.h says so).
extern "C" cx_status cx_query_match_all(cx_query **out, cx_error *err) { CX_GUARD(new_query(Xapian::Query(std::string()), out);) }
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
    CX_GUARD(out_string(q->q.get_description(), out, outlen);)
}
extern "C" int cx_query_is_empty(const cx_query *q) { return q->q.empty() ? 1 : 0; }
extern "C" void cx_query_free(cx_query *q) { delete q; }
