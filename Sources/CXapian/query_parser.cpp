// The query parser.

#include "internal.h"

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
    CX_GUARD(out_string(qp->qp.get_corrected_query_string(), out, outlen);)
}
extern "C" cx_status cx_qparser_stoplist(const cx_qparser *qp, cx_strlist **out, cx_error *err) {
    CX_GUARD(auto h = std::make_unique<cx_strlist>();
             for (auto it = qp->qp.stoplist_begin(); it != qp->qp.stoplist_end(); ++it) h->items.emplace_back(*it, 0);
             *out = h.release();)
}
