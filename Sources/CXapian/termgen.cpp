// The term generator, and stemming a word.

#include "internal.h"

extern "C" cx_status cx_termgen_new(cx_termgen **out, cx_error *err) { CX_GUARD(*out = new cx_termgen();) }
extern "C" void cx_termgen_free(cx_termgen *tg) { delete tg; }
extern "C" cx_status cx_termgen_set_stemmer(cx_termgen *tg, const char *lang, size_t len, cx_error *err) {
    CX_REQUIRE(!tg->spelling_db, "the stemmer of a term generator buffering spelling data cannot change");
    CX_GUARD(std::string name = stem_language(lang, len);
             CachedStem *stem = name.empty() ? nullptr : new CachedStem(name);
             tg->tg.set_stemmer(stem ? Xapian::Stem(stem) : Xapian::Stem());
             tg->stem = stem;)
}
extern "C" cx_status cx_termgen_set_stemming_strategy(cx_termgen *tg, int strategy, cx_error *err) {
    CX_REQUIRE(strategy >= 0 && strategy <= 4, "unknown stemming strategy");
    CX_REQUIRE(!tg->spelling_db, "the stemming strategy of a term generator buffering spelling data cannot change");
    CX_GUARD(tg->tg.set_stemming_strategy(static_cast<Xapian::TermGenerator::stem_strategy>(strategy));
             tg->strategy = strategy;)
}
extern "C" cx_status cx_termgen_set_stopper(cx_termgen *tg, const char *words, size_t len, int stop_all,
                                            cx_error *err) {
    CX_REQUIRE(!tg->positionless, "a term generator with positionless words has no other stopper");
    CX_GUARD(tg->stopper = make_stopper(words, len); tg->tg.set_stopper(tg->stopper.get());
             tg->tg.set_stopper_strategy(stop_all ? Xapian::TermGenerator::STOP_ALL : Xapian::TermGenerator::STOP_STEMMED);)
}
extern "C" cx_status cx_termgen_set_positionless(cx_termgen *tg, const char *words, size_t len, cx_error *err) {
    CX_REQUIRE(!tg->stopper, "a term generator with a stopper has no positionless words");
    CX_GUARD(auto stopper = std::make_unique<CountingStopper>();
             for (auto &word : nul_split(words, len)) stopper->words.insert(std::move(word));
             tg->positionless = std::move(stopper);
             tg->tg.set_stopper(tg->positionless.get());
             tg->tg.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);)
}
extern "C" cx_status cx_termgen_set_flags(cx_termgen *tg, int flags, cx_error *err) {
    CX_GUARD(tg->tg.set_flags(static_cast<Xapian::TermGenerator::flags>(flags)); tg->flags = flags;)
}
extern "C" cx_status cx_termgen_add_flags(cx_termgen *tg, int flags, cx_error *err) {
    CX_GUARD(tg->tg.set_flags(static_cast<Xapian::TermGenerator::flags>(tg->flags | flags)); tg->flags |= flags;)
}
extern "C" cx_status cx_termgen_set_database(cx_termgen *tg, cx_database *db, cx_error *err) {
    CX_GUARD(tg->tg.set_database(writer(db)); tg->db = std::make_unique<Xapian::WritableDatabase>(writer(db));)
}
extern "C" cx_status cx_termgen_set_document(cx_termgen *tg, cx_document *doc, cx_error *err) {
    CX_GUARD(tg->tg.set_document(doc->doc);)
}
extern "C" cx_status cx_termgen_buffer_spelling(cx_termgen *tg, cx_database *db, cx_error *err) {
    CX_REQUIRE(tg->stem && (tg->strategy == CX_STEM_ALL || tg->strategy == CX_STEM_ALL_Z),
               "buffered spelling data needs a stemmer and the STEM_ALL or STEM_ALL_Z strategy");
    CX_GUARD(tg->spelling_db = std::make_unique<Xapian::WritableDatabase>(writer(db));)
}

namespace {
/// Distinct words buffered before they are written (~80 bytes each).
constexpr size_t spelling_buffer_limit = 200000;

void flush_spelling(cx_termgen *tg) {
    for (auto it = tg->spelling.begin(); it != tg->spelling.end(); it = tg->spelling.erase(it))
        tg->spelling_db->add_spelling(it->first, it->second);
}
}  // namespace

extern "C" cx_status cx_termgen_flush_spelling(cx_termgen *tg, cx_error *err) {
    CX_GUARD(if (tg->spelling_db) flush_spelling(tg);)
}

namespace {
/// While alive, the stemmer counts the words it is given into the buffered spelling data: with STEM_ALL(_Z),
/// Xapian stems exactly the words of unprefixed text that FLAG_SPELLING would add, one call each.
struct SpellingCount {
    CachedStem *stem;
    SpellingCount(cx_termgen *tg, size_t plen) : stem(tg->spelling_db && plen == 0 ? tg->stem : nullptr) {
        if (stem) stem->words = &tg->spelling;
    }
    ~SpellingCount() { if (stem) stem->words = nullptr; }
};
}  // namespace

namespace {
/// Adds the positionless words the stopper counted during one index_text call, as that call would have added
/// them with the term generator's strategy, but without positions; and their spelling data (unprefixed text).
void add_positionless(cx_termgen *tg, const std::string &prefix, Xapian::termcount wdf_inc) {
    auto &seen = tg->positionless->seen;
    if (seen.empty()) return;
    Xapian::Document doc = tg->tg.get_document();
    for (const auto &kv : seen) {
        const std::string &word = kv.first;
        const Xapian::termcount wdf = kv.second * wdf_inc;
        const std::string stemmed = tg->stem ? tg->stem->stem_only(word) : word;
        if (!tg->stem || tg->strategy == CX_STEM_NONE) {
            doc.add_term(prefix + word, wdf);
        } else if (tg->strategy == CX_STEM_ALL) {
            doc.add_term(prefix + stemmed, wdf);
        } else if (tg->strategy == CX_STEM_ALL_Z) {
            doc.add_term("Z" + prefix + stemmed, wdf);
        } else {  // STEM_SOME and STEM_SOME_FULL_POS: the word, and its stem with Z
            doc.add_term(prefix + word, wdf);
            doc.add_term("Z" + prefix + stemmed, wdf);
        }
        if (prefix.empty()) {
            if (tg->spelling_db) {
                tg->spelling[word] += kv.second;
            } else if ((tg->flags & CX_TG_FLAG_SPELLING) && tg->db) {
                tg->db->add_spelling(word, kv.second);
            }
        }
    }
    seen.clear();
}
}  // namespace

/// Runs one of the term generator's index_text calls (`index`), counting spelling data while it runs, adding the
/// positionless words it left out, and writing the spelling buffer when it is full.
template <class Index>
static cx_status index_text(cx_termgen *tg, const char *prefix, size_t plen, uint32_t wdf_inc, cx_error *err,
                            Index index) {
    CX_GUARD(
        if (tg->positionless) tg->positionless->seen.clear();
        {
            SpellingCount counting(tg, plen);
            index();
        }
        if (tg->positionless) add_positionless(tg, str(prefix, plen), wdf_inc ? wdf_inc : 1);
        if (tg->spelling.size() >= spelling_buffer_limit) flush_spelling(tg);)
}

extern "C" cx_status cx_termgen_index_text(cx_termgen *tg, const char *text, size_t len, uint32_t wdf_inc,
                                           const char *prefix, size_t plen, cx_error *err) {
    return index_text(tg, prefix, plen, wdf_inc, err, [&] {
        tg->tg.index_text(Xapian::Utf8Iterator(text, len), wdf_inc ? wdf_inc : 1, str(prefix, plen));
    });
}
extern "C" cx_status cx_termgen_index_text_without_positions(cx_termgen *tg, const char *text, size_t len,
                                                             uint32_t wdf_inc, const char *prefix, size_t plen,
                                                             cx_error *err) {
    return index_text(tg, prefix, plen, wdf_inc, err, [&] {
        tg->tg.index_text_without_positions(Xapian::Utf8Iterator(text, len), wdf_inc ? wdf_inc : 1, str(prefix, plen));
    });
}
extern "C" cx_status cx_termgen_increase_termpos(cx_termgen *tg, uint32_t delta, cx_error *err) {
    CX_GUARD(tg->tg.increase_termpos(delta);)
}
extern "C" cx_status cx_stem_word(const char *lang, size_t langlen, const char *word, size_t len, char **out,
                                  size_t *outlen, cx_error *err) {
    CX_GUARD(
        // one stemmer per thread and language, not one per word (snippets stem every word of ten passages, each
        // passage in its language)
        thread_local std::unordered_map<std::string, Xapian::Stem> stemmers;
        const std::string name = stem_language(lang, langlen);
        auto found = stemmers.find(name);
        if (found == stemmers.end()) found = stemmers.emplace(name, make_stem(lang, langlen)).first;
        out_string(found->second(str(word, len)), out, outlen);)
}
