// Documents, and sortable values.

#include "internal.h"

extern "C" cx_status cx_document_new(cx_document **out, cx_error *err) {
    CX_GUARD(*out = new cx_document();)
}
extern "C" void cx_document_free(cx_document *doc) { delete doc; }
extern "C" cx_status cx_document_set_data(cx_document *doc, const char *data, size_t len, cx_error *err) {
    CX_GUARD(doc->doc.set_data(str(data, len));)
}
extern "C" cx_status cx_document_serialise(const cx_document *doc, char **out, size_t *outlen, cx_error *err) {
    CX_GUARD(out_string(doc->doc.serialise(), out, outlen);)
}
extern "C" cx_status cx_document_unserialise(const char *bytes, size_t len, cx_document **out, cx_error *err) {
    CX_GUARD(auto h = std::make_unique<cx_document>(); h->doc = Xapian::Document::unserialise(str(bytes, len));
             *out = h.release();)
}
extern "C" cx_status cx_document_get_data(const cx_document *doc, char **out, size_t *outlen, cx_error *err) {
    CX_GUARD(out_string(doc->doc.get_data(), out, outlen);)
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
    CX_GUARD(out_string(doc->doc.get_value(slot), out, outlen);)
}
extern "C" cx_status cx_document_termlist(const cx_document *doc, cx_strlist **out, cx_error *err) {
    CX_GUARD(auto h = std::make_unique<cx_strlist>();
             for (auto it = doc->doc.termlist_begin(); it != doc->doc.termlist_end(); ++it) h->items.emplace_back(*it, it.get_wdf());
             *out = h.release();)
}


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
