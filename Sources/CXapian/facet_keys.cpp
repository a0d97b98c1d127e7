// Counted keys out to the caller, which names, sorts and cuts them (DossierCore's FacetNaming).

#include "internal.h"

void out_key_counts(const KeyCounter &counts, uint64_t **keys, uint32_t **tallies, size_t *n) {
    size_t total = 0;
    counts.each([&](uint64_t, Xapian::doccount) { ++total; });
    auto *k = static_cast<uint64_t *>(std::malloc(sizeof(uint64_t) * (total + 1)));
    auto *c = static_cast<uint32_t *>(std::malloc(sizeof(uint32_t) * (total + 1)));
    if (k == nullptr || c == nullptr) {
        std::free(k);
        std::free(c);
        throw std::bad_alloc();
    }
    size_t i = 0;
    counts.each([&](uint64_t key, Xapian::doccount count) {
        k[i] = key;
        c[i] = count;
        ++i;
    });
    *keys = k;
    *tallies = c;
    *n = total;
}
