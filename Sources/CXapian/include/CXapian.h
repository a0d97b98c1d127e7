/* CXapian: a small C API over Xapian 1.4, for Swift.
 *
 * Conventions (the whole header follows them):
 *  - every symbol starts with `cx_`; handles are opaque and come in new/free pairs;
 *  - strings go in as (pointer, length) and may contain NUL (binary values do);
 *  - strings come out as malloc'd copies owned by the caller, freed with cx_free();
 *  - every function that can fail returns a cx_status and fills `*err` (if not NULL)
 *    with the Xapian error class and message, owned by the caller (cx_error_clear);
 *  - no C++ exception ever leaves this library: one function in guard.cpp turns
 *    every exception into a status.
 *  - handles are not thread-safe: use one handle from one thread at a time.
 *
 * Xapian's own headers are not included here on purpose: Swift sees only C.
 */
#ifndef CXAPIAN_H
#define CXAPIAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Status and errors ------------------------------------------------- */

typedef enum cx_status {
    CX_OK = 0,
    CX_ERR_LOCKED = 1,           /* DatabaseLockError: another writer holds the lock */
    CX_ERR_NOT_FOUND = 2,        /* DatabaseNotFoundError, DocNotFoundError */
    CX_ERR_CORRUPT = 3,          /* DatabaseCorruptError, and plain DatabaseError on read */
    CX_ERR_MODIFIED = 4,         /* DatabaseModifiedError: reopen() and retry */
    CX_ERR_QUERY = 5,            /* QueryParserError, WildcardError */
    CX_ERR_INVALID_ARGUMENT = 6, /* InvalidArgumentError, InvalidOperationError, RangeError */
    CX_ERR_OPENING = 7,          /* DatabaseOpeningError, DatabaseVersionError, DatabaseCreateError */
    CX_ERR_CLOSED = 8,           /* DatabaseClosedError */
    CX_ERR_NETWORK = 9,          /* NetworkError and its subclasses */
    CX_ERR_MEMORY = 10,          /* std::bad_alloc */
    CX_ERR_OTHER = 11            /* any other exception */
} cx_status;

typedef struct cx_error {
    char *type;    /* Xapian's class name, e.g. "DatabaseLockError"; malloc'd or NULL */
    char *message; /* Xapian's message (with context); malloc'd or NULL */
} cx_error;

void cx_error_clear(cx_error *err);
void cx_free(void *p);

/* ---- General ------------------------------------------------------------ */

/* Number of live handles of every kind (for leak tests). */
long cx_live_handles(void);
/* Handles created minus handles freed on the calling thread (leak checks in parallel tests). */
long cx_live_handles_this_thread(void);
/* Xapian's version string (static storage). */
const char *cx_version_string(void);

/* ---- Threads and processors ----------------------------------------------- */

/* The number of CPUs this process may run on (its affinity mask; sched_getaffinity is a GNU extension that
 * Swift's Glibc module does not declare), or 0 if unknown. */
int cx_cpus_allowed(void);
/* Starts body(context) on a new detached thread, on a core other than the calling thread's when the process may
 * use another (Linux tends to queue a new thread on its parent's core, where the two take turns while other cores
 * idle), then free to move. 0, or an errno when no thread could be started (body is then not called). */
int cx_thread_start_elsewhere(void (*body)(void *context), void *context);

/* ---- Opaque handles ---------------------------------------------------- */

typedef struct cx_database cx_database;   /* a read-only or writable database */
typedef struct cx_document cx_document;
typedef struct cx_termgen cx_termgen;
typedef struct cx_query cx_query;
typedef struct cx_qparser cx_qparser;
typedef struct cx_enquire cx_enquire;
typedef struct cx_mset cx_mset;
typedef struct cx_spy cx_spy;             /* owned by its enquire */
typedef struct cx_strlist cx_strlist;     /* an owned list of strings with counts */

/* ---- Databases --------------------------------------------------------- */

enum {
    CX_DB_CREATE_OR_OPEN = 1,
    CX_DB_CREATE_OR_OVERWRITE = 2,
    CX_DB_CREATE = 3,
    CX_DB_OPEN = 4,
    CX_DB_RETRY_LOCK = 0x100,    /* wait for the write lock instead of failing */
    CX_DB_NO_SYNC = 0x200        /* commits skip fsync (a scratch database rebuilt after a crash) */
};

cx_status cx_db_open(const char *path, size_t len, cx_database **out, cx_error *err);
/* A remote database served by xapian-tcpsrv. timeout in milliseconds (0: Xapian's default). */
cx_status cx_db_open_remote(const char *host, size_t len, unsigned port, unsigned timeout_ms,
                            cx_database **out, cx_error *err);
cx_status cx_db_open_writable(const char *path, size_t len, int flags, cx_database **out, cx_error *err);
/* An empty read-only database, to which shards are added. */
cx_status cx_db_new_combined(cx_database **out, cx_error *err);
/* Adds another database (a shard) to a read-only database: they are searched as one. */
cx_status cx_db_add_database(cx_database *db, const cx_database *other, cx_error *err);
/* Number of shards (1 for a single database, 0 for an empty combined one). */
cx_status cx_db_shard_count(const cx_database *db, size_t *out, cx_error *err);
/* A read-only handle on shard `index` of a database (its own metadata, documents and statistics), sharing it. */
cx_status cx_db_shard(const cx_database *db, size_t index, cx_database **out, cx_error *err);
void cx_db_free(cx_database *db);
int cx_db_is_writable(const cx_database *db);

cx_status cx_db_close(cx_database *db, cx_error *err);
cx_status cx_db_reopen(cx_database *db, int *changed, cx_error *err);
cx_status cx_db_doccount(const cx_database *db, uint32_t *out, cx_error *err);
cx_status cx_db_lastdocid(const cx_database *db, uint32_t *out, cx_error *err);
cx_status cx_db_avlength(const cx_database *db, double *out, cx_error *err);
cx_status cx_db_termfreq(const cx_database *db, const char *term, size_t len, uint32_t *out, cx_error *err);
cx_status cx_db_collection_freq(const cx_database *db, const char *term, size_t len, uint64_t *out, cx_error *err);
cx_status cx_db_term_exists(const cx_database *db, const char *term, size_t len, int *out, cx_error *err);
cx_status cx_db_get_document(const cx_database *db, uint32_t docid, cx_document **out, cx_error *err);
/* Document ids indexed by `term` (malloc'd array, cx_free). */
cx_status cx_db_postlist(const cx_database *db, const char *term, size_t len,
                         uint32_t **ids, size_t *count, cx_error *err);
/* Every term starting with prefix, with its term frequency. */
cx_status cx_db_allterms(const cx_database *db, const char *prefix, size_t len, cx_strlist **out, cx_error *err);
/* The words of the spelling data with their frequencies, in byte order. */
cx_status cx_db_spellings(const cx_database *db, cx_strlist **out, cx_error *err);
/* The terms of one document with their wdf. */
cx_status cx_db_termlist(const cx_database *db, uint32_t docid, cx_strlist **out, cx_error *err);
cx_status cx_db_get_metadata(const cx_database *db, const char *key, size_t keylen,
                             char **value, size_t *valuelen, cx_error *err);
/* Metadata keys starting with prefix (counts are 0). */
cx_status cx_db_metadata_keys(const cx_database *db, const char *prefix, size_t len, cx_strlist **out, cx_error *err);
cx_status cx_db_spelling_suggestion(const cx_database *db, const char *word, size_t len, unsigned max_edit,
                                    char **out, size_t *outlen, cx_error *err);
/* How often the spelling data has seen word (0: never). */
cx_status cx_db_spelling_frequency(const cx_database *db, const char *word, size_t len, uint32_t *out, cx_error *err);
cx_status cx_db_synonyms(const cx_database *db, const char *term, size_t len, cx_strlist **out, cx_error *err);

/* Writing (fail with CX_ERR_INVALID_ARGUMENT on a read-only handle). */
cx_status cx_db_add_document(cx_database *db, const cx_document *doc, uint32_t *docid, cx_error *err);
/* Replaces the document indexed by `term` (or adds it). The term must be in doc. */
cx_status cx_db_replace_document_by_term(cx_database *db, const char *term, size_t len,
                                         const cx_document *doc, uint32_t *docid, cx_error *err);
cx_status cx_db_replace_document(cx_database *db, uint32_t docid, const cx_document *doc, cx_error *err);
cx_status cx_db_delete_document_by_term(cx_database *db, const char *term, size_t len, cx_error *err);
cx_status cx_db_delete_document(cx_database *db, uint32_t docid, cx_error *err);
cx_status cx_db_set_metadata(cx_database *db, const char *key, size_t keylen,
                             const char *value, size_t valuelen, cx_error *err);
cx_status cx_db_add_spelling(cx_database *db, const char *word, size_t len, unsigned freqinc, cx_error *err);
cx_status cx_db_add_synonym(cx_database *db, const char *term, size_t tlen,
                            const char *synonym, size_t slen, cx_error *err);
cx_status cx_db_clear_synonyms(cx_database *db, const char *term, size_t len, cx_error *err);
cx_status cx_db_commit(cx_database *db, cx_error *err);
/* Writable handles: from now on (on = 1) note the docid of every document added, replaced or deleted through
 * this handle (by term: every document the term indexed), until turned off (0). */
cx_status cx_db_track_docids(cx_database *db, int on, cx_error *err);
/* The docids noted since tracking began or the last call (repeats possible), malloc'd (cx_free); clears them. */
cx_status cx_db_take_touched_docids(cx_database *db, uint32_t **out, size_t *count, cx_error *err);
/* The revision of a single database (its last commit). */
cx_status cx_db_get_revision(const cx_database *db, uint64_t *out, cx_error *err);
cx_status cx_db_begin_transaction(cx_database *db, int flushed, cx_error *err);
cx_status cx_db_commit_transaction(cx_database *db, cx_error *err);
cx_status cx_db_cancel_transaction(cx_database *db, cx_error *err);

/* Compacts `db` (one or several shards) into a new database at dest. */
cx_status cx_db_compact(const cx_database *db, const char *dest, size_t len, int multipass, cx_error *err);
/* Xapian's consistency check of the database at path; the report goes into *report. */
cx_status cx_db_check(const char *path, size_t len, uint64_t *errors, char **report, size_t *reportlen, cx_error *err);

/* ---- Documents --------------------------------------------------------- */

cx_status cx_document_new(cx_document **out, cx_error *err);
void cx_document_free(cx_document *doc);
cx_status cx_document_set_data(cx_document *doc, const char *data, size_t len, cx_error *err);
cx_status cx_document_get_data(const cx_document *doc, char **out, size_t *outlen, cx_error *err);
/* The whole document (terms, positions, values, data) as bytes, and back (Xapian's own format). */
cx_status cx_document_serialise(const cx_document *doc, char **out, size_t *outlen, cx_error *err);
cx_status cx_document_unserialise(const char *bytes, size_t len, cx_document **out, cx_error *err);
cx_status cx_document_add_term(cx_document *doc, const char *term, size_t len, uint32_t wdf, cx_error *err);
cx_status cx_document_add_boolean_term(cx_document *doc, const char *term, size_t len, cx_error *err);
cx_status cx_document_add_posting(cx_document *doc, const char *term, size_t len, uint32_t pos, uint32_t wdf, cx_error *err);
cx_status cx_document_add_value(cx_document *doc, unsigned slot, const char *value, size_t len, cx_error *err);
cx_status cx_document_get_value(const cx_document *doc, unsigned slot, char **out, size_t *outlen, cx_error *err);
cx_status cx_document_termlist(const cx_document *doc, cx_strlist **out, cx_error *err);

/* ---- Term generator ---------------------------------------------------- */

enum { CX_STEM_NONE = 0, CX_STEM_SOME = 1, CX_STEM_ALL = 2, CX_STEM_ALL_Z = 3, CX_STEM_SOME_FULL_POS = 4 };
enum { CX_TG_FLAG_SPELLING = 128, CX_TG_FLAG_CJK_NGRAM = 2048 };

cx_status cx_termgen_new(cx_termgen **out, cx_error *err);
void cx_termgen_free(cx_termgen *tg);
/* language: a Snowball name ("english"), or "" / "none" for no stemming. */
cx_status cx_termgen_set_stemmer(cx_termgen *tg, const char *lang, size_t len, cx_error *err);
cx_status cx_termgen_set_stemming_strategy(cx_termgen *tg, int strategy, cx_error *err);
/* Stop words: `words` is a list of NUL-separated words of total length len. */
cx_status cx_termgen_set_stopper(cx_termgen *tg, const char *words, size_t len, int stop_all, cx_error *err);
/* Words (NUL-separated, lowercase) indexed without positions: their terms and counts as the strategy makes them,
 * and their spelling data, but no positions, and the words around them take adjacent positions (Xapian's
 * STOP_ALL with a stopper that counts them; so no other stopper). Queries drop their terms from phrases
 * (cx_qparser_set_positionless). */
cx_status cx_termgen_set_positionless(cx_termgen *tg, const char *words, size_t len, cx_error *err);
cx_status cx_termgen_set_flags(cx_termgen *tg, int flags, cx_error *err);
/* Adds flags to those already set (CX_TG_FLAG_CJK_NGRAM beside the spelling flag). */
cx_status cx_termgen_add_flags(cx_termgen *tg, int flags, cx_error *err);
/* Spelling data goes to db (which must be writable); the generator then holds a reference to it. */
cx_status cx_termgen_set_database(cx_termgen *tg, cx_database *db, cx_error *err);
/* Spelling data for db (writable), buffered instead: one count per distinct word, written to db by
   cx_termgen_flush_spelling (or when 200,000 words are buffered). Xapian's FLAG_SPELLING adds each word as it
   comes, and after every commit looks each one up again. Needs a stemmer and STEM_ALL or STEM_ALL_Z, which are
   then fixed. Words buffered when the generator is freed are lost: flush before committing. */
cx_status cx_termgen_buffer_spelling(cx_termgen *tg, cx_database *db, cx_error *err);
cx_status cx_termgen_flush_spelling(cx_termgen *tg, cx_error *err);
/* Terms go into doc until another document is set. The generator keeps no reference to doc's handle. */
cx_status cx_termgen_set_document(cx_termgen *tg, cx_document *doc, cx_error *err);
cx_status cx_termgen_index_text(cx_termgen *tg, const char *text, size_t len, uint32_t wdf_inc,
                                const char *prefix, size_t plen, cx_error *err);
cx_status cx_termgen_index_text_without_positions(cx_termgen *tg, const char *text, size_t len, uint32_t wdf_inc,
                                                  const char *prefix, size_t plen, cx_error *err);
cx_status cx_termgen_increase_termpos(cx_termgen *tg, uint32_t delta, cx_error *err);

/* Stems one word (lowercased by the caller). */
cx_status cx_stem_word(const char *lang, size_t langlen, const char *word, size_t len,
                       char **out, size_t *outlen, cx_error *err);

/* ---- Queries ----------------------------------------------------------- */

enum {
    CX_OP_AND = 0, CX_OP_OR = 1, CX_OP_AND_NOT = 2, CX_OP_XOR = 3, CX_OP_AND_MAYBE = 4,
    CX_OP_FILTER = 5, CX_OP_NEAR = 6, CX_OP_PHRASE = 7, CX_OP_SYNONYM = 13, CX_OP_MAX = 14
};

cx_status cx_query_term(const char *term, size_t len, uint32_t wqf, uint32_t pos, cx_query **out, cx_error *err);
cx_status cx_query_match_all(cx_query **out, cx_error *err);
cx_status cx_query_match_nothing(cx_query **out, cx_error *err);
/* Combines subqueries with op; window for NEAR/PHRASE (0: number of subqueries). */
cx_status cx_query_combine(int op, const cx_query *const *subs, size_t count, uint32_t window,
                           cx_query **out, cx_error *err);
/* Documents whose value in slot lies in [lo, hi] (bytes compared as strings). */
cx_status cx_query_value_range(unsigned slot, const char *lo, size_t lolen, const char *hi, size_t hilen,
                               cx_query **out, cx_error *err);
cx_status cx_query_scale(const cx_query *q, double factor, cx_query **out, cx_error *err);
cx_status cx_query_description(const cx_query *q, char **out, size_t *outlen, cx_error *err);
int cx_query_is_empty(const cx_query *q);
void cx_query_free(cx_query *q);

/* ---- Query parser ------------------------------------------------------ */

enum {
    CX_QP_BOOLEAN = 1, CX_QP_PHRASE = 2, CX_QP_LOVEHATE = 4, CX_QP_BOOLEAN_ANY_CASE = 8,
    CX_QP_WILDCARD = 16, CX_QP_PURE_NOT = 32, CX_QP_PARTIAL = 64, CX_QP_SPELLING_CORRECTION = 128,
    CX_QP_SYNONYM = 256, CX_QP_AUTO_SYNONYMS = 512, CX_QP_AUTO_MULTIWORD_SYNONYMS = 1024,
    CX_QP_CJK_NGRAM = 2048, CX_QP_DEFAULT = 7
};

cx_status cx_qparser_new(cx_qparser **out, cx_error *err);
void cx_qparser_free(cx_qparser *qp);
cx_status cx_qparser_set_stemmer(cx_qparser *qp, const char *lang, size_t len, cx_error *err);
cx_status cx_qparser_set_stemming_strategy(cx_qparser *qp, int strategy, cx_error *err);
cx_status cx_qparser_set_stopper(cx_qparser *qp, const char *words, size_t len, cx_error *err);
/* Terms (NUL-separated) the index holds no positions for (cx_termgen_set_positionless): parsed queries drop them
 * from their PHRASE and NEAR groups, narrowing each group's window by the words dropped. */
cx_status cx_qparser_set_positionless(cx_qparser *qp, const char *terms, size_t len, cx_error *err);
cx_status cx_qparser_set_default_op(cx_qparser *qp, int op, cx_error *err);
/* The parser keeps its own reference to the database (for spelling, synonyms, wildcards). */
cx_status cx_qparser_set_database(cx_qparser *qp, const cx_database *db, cx_error *err);
cx_status cx_qparser_add_prefix(cx_qparser *qp, const char *field, size_t flen, const char *prefix, size_t plen, cx_error *err);
/* exclusive: terms of the same field are ORed together (1) or ANDed (0). */
cx_status cx_qparser_add_boolean_prefix(cx_qparser *qp, const char *field, size_t flen, const char *prefix, size_t plen,
                                        int exclusive, cx_error *err);
/* `field:LO..HI` over a numeric value slot (sortable_serialise'd values). */
cx_status cx_qparser_add_number_range(cx_qparser *qp, unsigned slot, const char *field, size_t flen, cx_error *err);
/* `field:LO..HI` over integer terms: ORs the existing terms prefix+N, LO <= N <= HI, as a boolean filter. */
cx_status cx_qparser_add_integer_term_range(cx_qparser *qp, const char *field, size_t flen,
                                            const char *prefix, size_t plen, cx_error *err);
cx_status cx_qparser_parse(cx_qparser *qp, const char *query, size_t len, int flags,
                           const char *default_prefix, size_t dplen, cx_query **out, cx_error *err);
/* The corrected query string after parse with CX_QP_SPELLING_CORRECTION ("" if none). */
cx_status cx_qparser_corrected_query(const cx_qparser *qp, char **out, size_t *outlen, cx_error *err);
/* The terms of the last parsed query that were dropped as stop words. */
cx_status cx_qparser_stoplist(const cx_qparser *qp, cx_strlist **out, cx_error *err);

/* ---- Enquire and results ----------------------------------------------- */

cx_status cx_enquire_new(const cx_database *db, cx_enquire **out, cx_error *err);
void cx_enquire_free(cx_enquire *enq);   /* also frees its spies */
cx_status cx_enquire_set_query(cx_enquire *enq, const cx_query *q, cx_error *err);
cx_status cx_enquire_set_bm25(cx_enquire *enq, double k1, double k2, double k3, double b, double min_normlen, cx_error *err);
cx_status cx_enquire_set_bool_weight(cx_enquire *enq, cx_error *err);
/* Sort: by relevance (slot < 0), by value (then relevance if then_relevance). */
cx_status cx_enquire_set_sort(cx_enquire *enq, int slot, int reverse, int then_relevance, cx_error *err);
cx_status cx_enquire_set_collapse_key(cx_enquire *enq, int slot, unsigned max, cx_error *err);
cx_status cx_enquire_set_docid_order(cx_enquire *enq, int order, cx_error *err);
cx_status cx_enquire_get_mset(cx_enquire *enq, uint32_t first, uint32_t maxitems, uint32_t checkatleast,
                              cx_mset **out, cx_error *err);

void cx_mset_free(cx_mset *mset);
size_t cx_mset_size(const cx_mset *mset);
cx_status cx_mset_counts(const cx_mset *mset, uint32_t *lower, uint32_t *estimated, uint32_t *upper, cx_error *err);
cx_status cx_mset_item(const cx_mset *mset, size_t index, uint32_t *docid, uint32_t *rank,
                       double *weight, int *percent, cx_error *err);
cx_status cx_mset_document(const cx_mset *mset, size_t index, cx_document **out, cx_error *err);
cx_status cx_mset_termfreq(const cx_mset *mset, const char *term, size_t len, uint32_t *out, cx_error *err);
/* Xapian's snippet of text, highlighting the query's terms (stemmed with lang). */
cx_status cx_mset_snippet(const cx_mset *mset, const char *text, size_t len, size_t length,
                          const char *lang, size_t langlen,
                          const char *hi_start, size_t hslen, const char *hi_end, size_t helen,
                          const char *omit, size_t omitlen, int flags,
                          char **out, size_t *outlen, cx_error *err);

/* ---- Match spies and query expansion ------------------------------------ */

/* Counts the values of one slot over every document examined. */
cx_status cx_enquire_add_value_spy(cx_enquire *enq, unsigned slot, cx_spy **out, cx_error *err);
/* Counts every term starting with prefix over every document examined (multi-valued facets). */
cx_status cx_enquire_add_term_spy(cx_enquire *enq, const char *prefix, size_t len, cx_spy **out, cx_error *err);
/* Spy results: (value, count) pairs, most frequent first, valid after get_mset. */
cx_status cx_spy_values(const cx_spy *spy, cx_strlist **out, cx_error *err);
cx_status cx_spy_documents_seen(const cx_spy *spy, uint32_t *out, cx_error *err);
/* Top terms from the relevance set (docids) for query expansion, excluding terms of the query; only terms
 * starting with `prefix` (all terms if plen is 0). `scheme` is Xapian's expansion scheme ("trad" or "bo1"). */
cx_status cx_enquire_expand(cx_enquire *enq, const uint32_t *docids, size_t count, uint32_t maxterms,
                            const char *prefix, size_t plen, const char *scheme,
                            cx_strlist **out, double **weights, cx_error *err);

/* ---- Facets ------------------------------------------------------------- */

/* Keys. A facet slot holds a list of integer keys, each a varint (LEB128); what a key means is the caller's (see
 * DossierCore's Schema.FacetKind). The shim counts keys, each once per document, and hands back every counted key
 * with its count (two malloc'd arrays, cx_free each), in no particular order: the caller names, sorts and cuts them. */
/* Counts the keys of `slot` over every document examined, each once per document. Local databases only. */
cx_status cx_enquire_add_facet_spy(cx_enquire *enq, unsigned slot, cx_spy **out, cx_error *err);
/* Every key and its count from a facet spy, or from a value spy over a key-list slot (remote shards: the stock
 * spy counts whole values, split here). */
cx_status cx_spy_key_counts(const cx_spy *spy, uint64_t **keys, uint32_t **counts, size_t *n, cx_error *err);

/* An upper bound on the number of documents the enquire's query matches, from its terms' frequencies in the
 * enquire's database (an AND matches no more than its rarest part, an OR no more than all its parts; a part it cannot
 * bound, such as a value range or a wildcard, counts every document): cheap, read before matching, to tell a query of
 * few matches from one of many. */
cx_status cx_enquire_matches_upper_bound(cx_enquire *enq, uint64_t *bound, cx_error *err);

#define CX_NO_SLOT 0xFFFFFFFFu
/* What cx_enquire_get_mset_counting does: rank the page (first, maxitems; the best only, no exact count) and
 * count every match, on `threads` other threads over disjoint docid ranges of the local databases at `paths`
 * (the enquire's database, opened again: each thread has its own handles), or with threads == 0 on the calling
 * thread after the page, with the enquire's own handles. With a facet slot, the keys of every match are counted
 * too (CX_NO_SLOT: the number of matches only). */
typedef struct cx_counting_request {
    uint32_t first, maxitems;
    const char *const *paths;
    const size_t *path_lengths;
    size_t npaths;
    unsigned slot;
    unsigned threads;
} cx_counting_request;
/* The page, every counted key and its count (malloc'd arrays, cx_free each; none without a slot), the number of
 * matches and how they were counted. */
typedef struct cx_counting_result {
    cx_mset *page;
    uint64_t *keys;
    uint32_t *counts;
    size_t nkeys;
    uint32_t matches;
    unsigned how;
} cx_counting_result;
cx_status cx_enquire_get_mset_counting(cx_enquire *enq, const cx_counting_request *request,
                                       cx_counting_result *result, cx_error *err);
/* Set in result->how: the facets came from the shards' facet columns (below); every thread found its matches
 * from the term postings alone, without Xapian's matcher (queries made only of terms, AND, FILTER, OR, SYNONYM,
 * MAX, AND_NOT, AND_MAYBE, SCALE_WEIGHT, match-all). */
#define CX_COUNTED_FROM_COLUMNS 1u
#define CX_COUNTED_FROM_POSTINGS 2u

/* A facet column is a file in a shard's folder holding the values of one slot of every document, laid out for
 * counting (offsets, then bytes) and read through a map: get_mset_counting reads facets from the columns when
 * every path is a single database (a shard) with a column made from it as it is now (same uuid and revision),
 * and sets CX_COUNTED_FROM_COLUMNS in how; otherwise it reads the value slot. A column is a cache: a stale one is ignored. */
#define CX_FACET_COLUMN "dossier-facets"
/* Writes the column of slot `slot` of the single database at `shard` (temporary file, fsync, rename). */
cx_status cx_facet_column_write(const char *shard, size_t len, unsigned slot, cx_error *err);
/* Writes the column of `shard` from its column at revision `base_revision` (the revision before the commits
 * that changed the documents `docids`, in any order; see cx_db_take_touched_docids) and the values of those
 * documents; from every value (as cx_facet_column_write) when the column is not at that revision. */
cx_status cx_facet_column_update(const char *shard, size_t len, unsigned slot, uint64_t base_revision,
                                 const uint32_t *docids, size_t count, cx_error *err);
/* Compares the column of `shard` with the values of `slot`: *fresh = 0 when there is no column made from the
 * shard as it is now (nothing compared); else 1, and *mismatched = the number of documents whose keys differ. */
cx_status cx_facet_column_verify(const char *shard, size_t len, unsigned slot, int *fresh, uint32_t *mismatched,
                                 cx_error *err);
/* *fresh = 1 when `shard` has a column of `slot` made from it as it is now, else 0. */
cx_status cx_facet_column_fresh(const char *shard, size_t len, unsigned slot, int *fresh, cx_error *err);

/* ---- String lists ------------------------------------------------------ */

size_t cx_strlist_size(const cx_strlist *list);
/* Borrowed pointer to item i (valid until the list is freed). */
const char *cx_strlist_get(const cx_strlist *list, size_t i, size_t *len, uint64_t *count);
void cx_strlist_free(cx_strlist *list);

/* ---- Values ------------------------------------------------------------ */

/* Writes sortable_serialise(value) into buf (at least 18 bytes); returns its length. */
size_t cx_sortable_serialise(double value, char *buf);
double cx_sortable_unserialise(const char *buf, size_t len);

/* ---- Compressed document data ------------------------------------------ */

/* Zstandard (libzstd) with a dictionary: short texts that share words, names and structure with the dictionary
 * compress to about a third of what Xapian's own zlib makes of them (it compresses each item alone). The
 * dictionary (up to CX_ZDICT_MAX bytes: trained by cx_zdict_train, or any sample text) is copied. One codec per
 * thread. */
#define CX_ZDICT_MAX 131072
typedef struct cx_zcodec cx_zcodec;
cx_status cx_zcodec_new(const char *dictionary, size_t len, cx_zcodec **out, cx_error *err);
void cx_zcodec_free(cx_zcodec *codec);
/* Compresses (in, len) into a malloc'd buffer (cx_free). */
cx_status cx_zcodec_compress(cx_zcodec *codec, const char *in, size_t len, char **out, size_t *outlen, cx_error *err);
/* Decompresses (in, len), which must give exactly `size` bytes (CX_ERR_CORRUPT otherwise), into a malloc'd
 * buffer (cx_free). */
cx_status cx_zcodec_decompress(cx_zcodec *codec, const char *in, size_t len, size_t size, char **out,
                               cx_error *err);
/* A dictionary of at most `capacity` bytes trained on `count` samples (their bytes one after another in
 * `samples`, their sizes in `sizes`); CX_ERR_INVALID_ARGUMENT when the samples are too few or too small. */
cx_status cx_zdict_train(const char *samples, const size_t *sizes, size_t count, size_t capacity,
                         char **out, size_t *outlen, cx_error *err);

#ifdef __cplusplus
}
#endif

#endif /* CXAPIAN_H */
