import Foundation
import Testing
import TestSupport
import Xapian

@testable import DossierCore

/// Facet keys named, added up, sorted and cut (`FacetNaming`): years by their digits, topics and entities from the
/// index's metadata, limits keeping the values tied with the last kept, keys without a name left out.
@Suite struct FacetNamingTests {
    @Test func namesLimitsTiesAndMissingNames() throws {
        let path = Workspace(copyBundled: false).root.appendingPathComponent("names").path
        let db = try WritableDatabase(path: path)
        let big = 5_000_000
        for (key, name) in [(Schema.facetKey(0, .topic), "Trade"), (Schema.facetKey(1, .topic), "Culture"),
                            (Schema.facetKey(0, .entity), "person\tXi Jinping"), (Schema.facetKey(1, .entity), "place\tBelgium"),
                            (Schema.facetKey(big, .entity), "place\tAntwerp")] {
            try db.setMetadata(Schema.facetNamePrefix + String(key), name)  // entity 7 has no name: left out
        }
        try db.commit()
        try db.close()
        let names = try Database(path: path)
        var rng = SeededGenerator()  // the order the shim hands keys back in does not matter
        let counted: [KeyCount] = [
            (Schema.facetKey(2014, .year), 2), (Schema.facetKey(0, .year), 1), (Schema.facetKey(1999, .year), 1),
            (Schema.facetKey(2015, .year), 1), (Schema.facetKey(2024, .year), 1), (Schema.facetKey(0, .topic), 2),
            (Schema.facetKey(1, .topic), 1), (Schema.facetKey(0, .entity), 1), (Schema.facetKey(1, .entity), 2),
            (Schema.facetKey(big, .entity), 1), (Schema.facetKey(7, .entity), 1), (UInt64.max, 1),
        ].map { KeyCount(key: $0.0, count: $0.1) }.shuffled(using: &rng)
        func flat(_ f: Facets) -> [String] {
            [f.year.map { "\($0.value)=\($0.count)" }, f.topic.map { "\($0.value)=\($0.count)" },
             f.entity.map { "\($0.kind ?? "")/\($0.value)=\($0.count)" }].map { $0.joined(separator: ",") }
        }
        let all = ["2014=2,0=1,1999=1,2015=1,2024=1", "Trade=2,Culture=1", "place/Belgium=2,person/Xi Jinping=1,place/Antwerp=1"]
        #expect(flat(try FacetNaming(counted, names: names, limits: nil).facets(.init(all: 10))) == all)
        #expect(flat(try FacetNaming(counted, names: names, limits: .init(all: 10)).facets(.init(all: 10))) == all)
        #expect(flat(try FacetNaming(counted, names: names, limits: .init(all: 1)).facets(.init(all: 1))) == ["2014=2", "Trade=2", "place/Belgium=2"])
        // ties with the last kept are named, then ordered by name and cut
        #expect(flat(try FacetNaming(counted, names: names, limits: .init(all: 2)).facets(.init(all: 2))) == ["2014=2,0=1", "Trade=2,Culture=1", "place/Belgium=2,person/Xi Jinping=1"])
        // every year, and the entities of each kind apart (kinds known once named: every entity key is named)
        let perKind = FacetNaming.Limits(all: 1, year: 3, entityPerKind: 1)
        #expect(flat(try FacetNaming(counted, names: names, limits: perKind).facets(perKind)) == ["2014=2,0=1,1999=1", "Trade=2", "place/Belgium=2,person/Xi Jinping=1"])
        // groups of shards named apart add up by name
        let merged = FacetNaming.merged([try FacetNaming(counted, names: names, limits: nil), try FacetNaming(counted, names: names, limits: nil)])
        #expect(flat(merged.facets(.init(all: 1))) == ["2014=4", "Trade=4", "place/Belgium=4"])
    }
}
