import Foundation
import Testing
@testable import Xapian

@Suite struct LeakTests {
    @Test func handlesAreFreed() throws {
        let before = Database.liveHandlesOnThisThread
        do {
            let db = try Database(path: try makeDatabase(sample))
            let enquire = try Enquire(db)
            try enquire.setQuery(try QueryParser().parse("belgium"))
            let spy = try enquire.addTermCountSpy(prefix: "Y")
            let mset = try enquire.mset()
            _ = try mset.document(0).data()
            _ = try spy.counts()
            #expect(Database.liveHandlesOnThisThread > before)
        }
        #expect(Database.liveHandlesOnThisThread == before)
    }
}
