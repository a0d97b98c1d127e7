// Databases: open, combine, read, write, commit.

#include "internal.h"

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

// Used to read each shard's own metadata (see shard_of).
extern "C" cx_status cx_db_shard(const cx_database *db, size_t index, cx_database **out, cx_error *err) {
    CX_REQUIRE(!db->wdb, "shards are read from a read-only database");
    CX_REQUIRE(index < db->db.size(), "no shard at that index");
    CX_GUARD(auto h = std::make_unique<cx_database>(); h->db = shard_of(db->db, index);
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
    CX_GUARD(out_string(db->reader().get_metadata(str(key, keylen)), value, valuelen);)
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
    CX_GUARD(out_string(db->reader().get_spelling_suggestion(str(word, len), max_edit ? max_edit : 2), out, outlen);)
}
extern "C" cx_status cx_db_spelling_frequency(const cx_database *db, const char *word, size_t len, uint32_t *out,
                                              cx_error *err) {
    // Xapian 1.4 has no look-up of one word's frequency: its spelling list, skipped to the word
    CX_GUARD(const Xapian::Database &r = db->reader(); const std::string w = str(word, len);
             Xapian::TermIterator it = r.spellings_begin(); it.skip_to(w);
             *out = it != r.spellings_end() && *it == w ? it.get_termfreq() : 0;)
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
    CX_GUARD(
        std::ostringstream os;
        size_t n = Xapian::Database::check(str(path, len), 0, &os);
        *errors = n;
        out_string(os.str(), report_out, reportlen);)
}
