// Facet columns: written after a build, updated from the documents an update changed, checked.

#include "facet_column.h"

// Writes all of `data` at `offset` of `fd`, retrying short writes and interrupted calls.
static void write_fully(int fd, const void *data, size_t size, off_t offset, const std::string &path) {
    const char *p = static_cast<const char *>(data);
    while (size > 0) {
        ssize_t n = pwrite(fd, p, size, offset);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw std::runtime_error("cannot write " + path + ": " + std::strerror(n < 0 ? errno : EIO));
        p += n;
        size -= size_t(n);
        offset += n;
    }
}

// Builds a facet column document by document (in docid order), then writes it.
class ColumnBuilder {
  public:
    ColumnBuilder(const Xapian::Database &db, Xapian::valueno slot) : offsets_(size_t(db.get_lastdocid()) + 1, 0) {
        std::memcpy(header_.magic, column_magic, sizeof column_magic);
        header_.revision = db.get_revision();
        header_.slot = slot;
        header_.lastdocid = db.get_lastdocid();
        const std::string uuid = db.get_uuid();
        std::memcpy(header_.uuid, uuid.data(), std::min(uuid.size(), sizeof header_.uuid - 1));
    }

    // Starts document `did` (after every smaller one): the keys added next are its own.
    void start(Xapian::docid did) {
        for (; next_ <= did; ++next_) offsets_[next_ - 1] = uint32_t(count_);
    }
    // Adds a key of the current document: 2 bytes a key until one needs more, then 4 for all.
    void add(uint64_t key) {
        if (key >= UINT32_MAX) return;  // damage: no key is that large
        if (count_ == UINT32_MAX) throw std::runtime_error("facet column over 4 billion keys");
        if (key > UINT16_MAX) widen();
        if (wide_)
            wide_keys_.push_back(uint32_t(key));
        else
            narrow_keys_.push_back(uint16_t(key));
        header_.max_key = std::max(header_.max_key, uint32_t(key));
        ++count_;
    }
    void add_value(const std::string &value) {
        each_key(value, [this](uint64_t key) { add(key); });
    }
    // Copies the keys of documents first..last of `old` (none added yet of these or later ones), in bulk; false
    // (and nothing copied) when the old column's offsets for them are out of order or range: damage.
    bool copy(const FacetColumn &old, Xapian::docid first, Xapian::docid last) {
        if (first == 0 || first > last || last > old.lastdocid()) return false;
        const uint32_t from = old.offset(first - 1), to = old.offset(last);
        if (from > to || to > old.key_count() || count_ + (to - from) >= UINT32_MAX) return false;
        for (Xapian::docid did = first; did <= last; ++did)
            if (old.offset(did) < old.offset(did - 1)) return false;
        for (; next_ <= last; ++next_) offsets_[next_ - 1] = uint32_t(count_ + (old.offset(next_ - 1) - from));
        if (old.wide_keys() != nullptr) {
            widen();
            wide_keys_.insert(wide_keys_.end(), old.wide_keys() + from, old.wide_keys() + to);
        } else if (wide_) {
            wide_keys_.insert(wide_keys_.end(), old.narrow_keys() + from, old.narrow_keys() + to);
        } else {
            narrow_keys_.insert(narrow_keys_.end(), old.narrow_keys() + from, old.narrow_keys() + to);
        }
        header_.max_key = std::max(header_.max_key, old.max_key());
        count_ += to - from;
        return true;
    }

    // Writes the column into the shard's folder: a temporary file, synced, renamed into place.
    void write(const std::string &shard) {
        start(header_.lastdocid + 1);
        header_.keys = count_;
        header_.key_bytes = wide_ ? 4 : 2;
        const std::string path = shard + "/" CX_FACET_COLUMN, temporary = path + ".new";
        int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0) throw std::runtime_error("cannot create " + temporary + ": " + std::strerror(errno));
        try {
            off_t at = 0;
            write_fully(fd, &header_, sizeof header_, at, temporary);
            at += off_t(sizeof header_);
            write_fully(fd, offsets_.data(), offsets_.size() * sizeof(uint32_t), at, temporary);
            at += off_t(offsets_.size() * sizeof(uint32_t));
            if (wide_)
                write_fully(fd, wide_keys_.data(), wide_keys_.size() * sizeof(uint32_t), at, temporary);
            else
                write_fully(fd, narrow_keys_.data(), narrow_keys_.size() * sizeof(uint16_t), at, temporary);
            if (fsync(fd) != 0) throw std::runtime_error("cannot sync " + temporary + ": " + std::strerror(errno));
            // the written pages leave the page cache (see cache_in_large_pages)
            posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        } catch (...) {
            ::close(fd);
            unlink(temporary.c_str());
            throw;
        }
        ::close(fd);
        if (rename(temporary.c_str(), path.c_str()) != 0) {
            const int e = errno;
            unlink(temporary.c_str());
            throw std::runtime_error("cannot rename " + temporary + ": " + std::strerror(e));
        }
        cache_in_large_pages(path);
    }

    // Reads the column back into the page cache through a map advised for huge pages, so that the kernel caches
    // it in 2 MB folios where it can (Linux with large folios on the file system, e.g. ext4 since 6.16, and
    // transparent huge pages on "madvise" or "always"). Each search then maps the column with a few faults of
    // 2 MB instead of thousands of 4 KB pages, and unmaps it as fast: at 1M passages a search's two 16 MB
    // columns cost ~3 ms of faults and unmapping less (BENCHMARKS.md). Pages written by write() are cached in
    // small folios, hence the drop after fsync. Anywhere else this only reads the file once more.
    static void cache_in_large_pages(const std::string &path) {
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return;
        struct stat st;
        if (fstat(fd, &st) == 0 && st.st_size > 0) {
            const size_t size = size_t(st.st_size);
            void *m = mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
            if (m != MAP_FAILED) {
                madvise(m, size, MADV_HUGEPAGE);
                const volatile unsigned char *bytes = static_cast<const unsigned char *>(m);
                for (size_t at = 0; at < size; at += 4096) (void)bytes[at];
                munmap(m, size);
            }
        }
        ::close(fd);
    }

  private:
    void widen() {
        if (wide_) return;
        wide_keys_.assign(narrow_keys_.begin(), narrow_keys_.end());
        std::vector<uint16_t>().swap(narrow_keys_);
        wide_ = true;
    }

    ColumnHeader header_{};
    std::vector<uint32_t> offsets_;
    std::vector<uint16_t> narrow_keys_;
    std::vector<uint32_t> wide_keys_;
    bool wide_ = false;
    uint64_t count_ = 0;
    Xapian::docid next_ = 1;  // the first docid whose start is not yet known
};

// Writes the facet column of the shard at `shard` (values of `slot`) from every value of the slot.
static void write_facet_column(const std::string &shard, Xapian::valueno slot) {
    Xapian::Database db(shard);
    ColumnBuilder column(db, slot);
    for (Xapian::ValueIterator it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
        column.start(it.get_docid());
        column.add_value(*it);
    }
    column.write(shard);
}

// Writes the facet column of the shard at `shard` from its column at revision `base` and the values of the
// documents `changed` since (any order, repeats allowed) and of any document past the old column's last; from
// every value when there is no such column.
static void update_facet_column(const std::string &shard, Xapian::valueno slot, Xapian::rev base,
                                std::vector<Xapian::docid> changed) {
    Xapian::Database db(shard);
    FacetColumn old;
    const bool opened = old.open(shard + "/" CX_FACET_COLUMN, slot);
    if (opened && old.made_from(db)) return;  // no commit since: up to date
    if (!opened || old.revision() != base || old.uuid() != db.get_uuid()) {
        write_facet_column(shard, slot);
        return;
    }
    ColumnBuilder column(db, slot);
    const Xapian::docid last = db.get_lastdocid();
    // documents past the old column's end are new: read like the changed ones
    for (Xapian::docid did = old.lastdocid() + 1; did <= last; ++did) changed.push_back(did);
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    Xapian::docid copied = 0;  // documents up to this one are done
    bool sound = true;
    for (Xapian::docid did : changed) {
        if (did == 0 || did <= copied || did > last) continue;
        if (did > copied + 1) sound = sound && column.copy(old, copied + 1, did - 1);  // the unchanged run before it
        column.start(did);
        try {
            column.add_value(db.get_document(did).get_value(slot));
        } catch (const Xapian::DocNotFoundError &) {
            // deleted
        }
        copied = did;
    }
    if (copied < last) sound = sound && column.copy(old, copied + 1, last);
    if (sound)
        column.write(shard);
    else
        write_facet_column(shard, slot);  // the old column is damaged: from every value
}


extern "C" cx_status cx_facet_column_write(const char *shard, size_t len, unsigned slot, cx_error *err) {
    CX_GUARD(write_facet_column(str(shard, len), slot);)
}

extern "C" cx_status cx_facet_column_update(const char *shard, size_t len, unsigned slot, uint64_t base_revision,
                                            const uint32_t *docids, size_t count, cx_error *err) {
    CX_GUARD(update_facet_column(str(shard, len), slot, Xapian::rev(base_revision),
                                 std::vector<Xapian::docid>(docids, docids + count));)
}

extern "C" cx_status cx_facet_column_verify(const char *shard, size_t len, unsigned slot, int *fresh,
                                            uint32_t *mismatched, cx_error *err) {
    CX_GUARD(
        const std::string path = str(shard, len); Xapian::Database db(path); FacetColumn column;
        *fresh = column.open(path + "/" CX_FACET_COLUMN, slot) && column.made_from(db);
        *mismatched = 0;
        if (*fresh) {
            std::vector<uint32_t> expected, found;
            Xapian::ValueIterator it = db.valuestream_begin(slot);
            for (Xapian::docid did = 1; did <= column.lastdocid(); ++did) {
                expected.clear();
                found.clear();
                if (it != db.valuestream_end(slot) && it.get_docid() == did) {
                    each_key(*it, [&expected](uint64_t key) {
                        if (key < UINT32_MAX) expected.push_back(uint32_t(key));
                    });
                    ++it;
                }
                column.each_key(did, [&found](uint32_t key) { found.push_back(key); });
                if (found != expected) ++*mismatched;
            }
        })
}

extern "C" cx_status cx_facet_column_fresh(const char *shard, size_t len, unsigned slot, int *fresh, cx_error *err) {
        CX_GUARD(const std::string path = str(shard, len); FacetColumn column;
             *fresh = column.open(path + "/" CX_FACET_COLUMN, slot) && column.made_from(Xapian::Database(path));)
}
