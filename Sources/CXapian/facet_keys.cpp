// Facet keys counted by name: the lists search shows.

#include "internal.h"

// One (name, count) list per kind of key into out[0..2], most frequent first, then by key; with a limit, the
// first `limit` and those tied with the last of them (the caller orders ties by name). Names of years are their
// digits, others come from the metadata entry names_prefix + key.
void facet_lists(const KeyCounter &counts, const Xapian::Database &db, const std::string &names_prefix,
                        uint32_t limit, cx_strlist **out) {
    std::vector<std::pair<uint64_t, uint64_t>> keys[3];
    counts.each([&](uint64_t key, Xapian::doccount n) {
        if ((key & 3) < 3) keys[key & 3].emplace_back(key, n);
    });
    std::unique_ptr<cx_strlist> lists[3];
    for (unsigned kind = 0; kind < 3; ++kind) {
        auto &items = keys[kind];
        sort_by_count(items);
        if (limit > 0 && items.size() > limit) {
            size_t cut = limit;
            while (cut < items.size() && items[cut].second == items[limit - 1].second) ++cut;
            items.resize(cut);
        }
        lists[kind] = std::make_unique<cx_strlist>();
        for (const auto &item : items) {
            std::string name = kind == 0 ? std::to_string(item.first >> 2)
                                         : db.get_metadata(names_prefix + std::to_string(item.first));
            if (!name.empty()) lists[kind]->items.emplace_back(std::move(name), item.second);
        }
    }
    for (unsigned kind = 0; kind < 3; ++kind) out[kind] = lists[kind].release();
}
