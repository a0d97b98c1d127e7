// The choke point: every exception becomes a status and a message; general entry points; string lists.

#include "internal.h"

char *dup_bytes(const char *p, size_t n) {
    char *out = static_cast<char *>(std::malloc(n + 1));
    if (out == nullptr) return nullptr;
    if (n) std::memcpy(out, p, n);
    out[n] = '\0';
    return out;
}
char *dup_string(const std::string &s) { return dup_bytes(s.data(), s.size()); }

cx_status report(cx_error *err, cx_status code, const char *type, const std::string &message) {
    if (err != nullptr) {
        cx_error_clear(err);
        err->type = dup_bytes(type, std::strlen(type));
        err->message = dup_string(message);
    }
    return code;
}

// Called only from inside a catch block: rethrows the current exception and maps it,
// most specific class first. Every catch is by const reference.
cx_status translate(cx_error *err) noexcept {
    try {
        try {
            throw;
        } catch (const Xapian::DatabaseLockError &e) {
            return report(err, CX_ERR_LOCKED, e.get_type(), e.get_description());
        } catch (const Xapian::DatabaseNotFoundError &e) {
            return report(err, CX_ERR_NOT_FOUND, e.get_type(), e.get_description());
        } catch (const Xapian::DocNotFoundError &e) {
            return report(err, CX_ERR_NOT_FOUND, e.get_type(), e.get_description());
        } catch (const Xapian::DatabaseModifiedError &e) {
            return report(err, CX_ERR_MODIFIED, e.get_type(), e.get_description());
        } catch (const Xapian::DatabaseClosedError &e) {
            return report(err, CX_ERR_CLOSED, e.get_type(), e.get_description());
        } catch (const Xapian::DatabaseCorruptError &e) {
            return report(err, CX_ERR_CORRUPT, e.get_type(), e.get_description());
        } catch (const Xapian::DatabaseOpeningError &e) {  // also DatabaseVersionError, DatabaseNotFoundError
            return report(err, CX_ERR_OPENING, e.get_type(), e.get_description());
        } catch (const Xapian::DatabaseCreateError &e) {
            return report(err, CX_ERR_OPENING, e.get_type(), e.get_description());
        } catch (const Xapian::DatabaseError &e) {  // "EOF reading block", "inflate failed": damage
            return report(err, CX_ERR_CORRUPT, e.get_type(), e.get_description());
        } catch (const Xapian::QueryParserError &e) {
            return report(err, CX_ERR_QUERY, e.get_type(), e.get_description());
        } catch (const Xapian::WildcardError &e) {
            return report(err, CX_ERR_QUERY, e.get_type(), e.get_description());
        } catch (const Xapian::NetworkError &e) {
            return report(err, CX_ERR_NETWORK, e.get_type(), e.get_description());
        } catch (const Xapian::InvalidArgumentError &e) {
            return report(err, CX_ERR_INVALID_ARGUMENT, e.get_type(), e.get_description());
        } catch (const Xapian::InvalidOperationError &e) {
            return report(err, CX_ERR_INVALID_ARGUMENT, e.get_type(), e.get_description());
        } catch (const Xapian::RangeError &e) {
            return report(err, CX_ERR_INVALID_ARGUMENT, e.get_type(), e.get_description());
        } catch (const Xapian::Error &e) {
            return report(err, CX_ERR_OTHER, e.get_type(), e.get_description());
        } catch (const std::bad_alloc &) {
            return report(err, CX_ERR_MEMORY, "bad_alloc", "out of memory");
        } catch (const std::exception &e) {
            return report(err, CX_ERR_OTHER, "std::exception", e.what());
        } catch (...) {
            return report(err, CX_ERR_OTHER, "unknown", "unknown C++ exception");
        }
    } catch (...) {  // reporting itself failed (out of memory): the status still gets through
        return CX_ERR_MEMORY;
    }
}



// A malloc'd copy of `docids` (the caller frees it with cx_free), and their number.
void out_docids(const std::vector<uint32_t> &docids, uint32_t **out, size_t *count) {
    auto *buffer = static_cast<uint32_t *>(std::malloc(sizeof(uint32_t) * (docids.size() + 1)));
    if (buffer == nullptr) throw std::bad_alloc();
    std::copy(docids.begin(), docids.end(), buffer);
    *out = buffer;
    *count = docids.size();
}

void out_string(const std::string &s, char **out, size_t *outlen) {
    char *copy = dup_string(s);
    if (copy == nullptr) throw std::bad_alloc();
    *out = copy;
    if (outlen) *outlen = s.size();
}

Xapian::WritableDatabase &writer(cx_database *db) {
    if (!db->wdb) throw Xapian::InvalidOperationError("database was opened read-only");
    return *db->wdb;
}


// ---- General -------------------------------------------------------------------

extern "C" void cx_error_clear(cx_error *err) {
    if (err == nullptr) return;
    std::free(err->type);
    std::free(err->message);
    err->type = nullptr;
    err->message = nullptr;
}
extern "C" void cx_free(void *p) { std::free(p); }
extern "C" long cx_live_handles(void) { return live_handles.load(); }
extern "C" long cx_live_handles_this_thread(void) { return live_handles_here; }

extern "C" const char *cx_version_string(void) { return Xapian::version_string(); }

// ---- String lists --------------------------------------------------------------

extern "C" size_t cx_strlist_size(const cx_strlist *list) { return list->items.size(); }
extern "C" const char *cx_strlist_get(const cx_strlist *list, size_t i, size_t *len, uint64_t *count) {
    if (i >= list->items.size()) return nullptr;
    const auto &item = list->items[i];
    if (len) *len = item.first.size();
    if (count) *count = item.second;
    return item.first.data();
}
extern "C" void cx_strlist_free(cx_strlist *list) { delete list; }
