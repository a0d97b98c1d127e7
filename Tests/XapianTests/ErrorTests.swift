import Foundation
import Testing
@testable import Xapian

@Suite struct ErrorTests {
    @Test func secondWriterIsLocked() throws {
        let path = try makeDatabase(sample)
        let first = try WritableDatabase(path: path)
        #expect(throws: XapianError.self) { _ = try WritableDatabase(path: path) }
        do {
            _ = try WritableDatabase(path: path)
        } catch {
            #expect(error.code == .locked)
            #expect(error.type == "DatabaseLockError")
        }
        try first.close()
        // free again. Other tests of this process start child processes, and a child holds a copy of every
        // descriptor (Xapian's lock too) from fork until its exec closes them: allow it a moment.
        var reopened = false
        var attempts = 0
        while !reopened && attempts < 100 {
            attempts += 1
            if let again = try? WritableDatabase(path: path) {
                try again.close()
                reopened = true
            } else {
                usleep(10_000)
            }
        }
        #expect(reopened)
    }

    @Test func missingPathIsNotFound() {
        do {
            _ = try Database(path: temporaryPath("missing"))
            Issue.record("opened a missing database")
        } catch {
            #expect(error.code == .notFound)
        }
    }

    @Test func truncatedDatabaseIsCorrupt() throws {
        let path = try makeDatabase(sample)
        for table in ["postlist.glass", "docdata.glass", "termlist.glass"] {
            let file = path + "/" + table
            if let handle = FileHandle(forUpdatingAtPath: file) {
                try handle.truncate(atOffset: 100)
                try handle.close()
            }
        }
        var codes: [XapianError.Code] = []
        do {
            let db = try Database(path: path)
            _ = try search(db, "visited")
            _ = try db.document(1).data()
        } catch {
            codes.append((error as? XapianError)?.code ?? .other)
        }
        #expect(codes == [.corrupt])
    }

    @Test func badQuerySyntaxIsQueryError() throws {
        let qp = try QueryParser()
        for bad in ["foo AND", "NOT foo", "AND AND"] {
            do {
                _ = try qp.parse(bad)
                Issue.record("parsed \(bad)")
            } catch {
                #expect(error.code == .querySyntax)
            }
        }
        #expect(XapianError.Code.querySyntax ~= XapianError(code: .querySyntax, type: "QueryParserError", message: ""))
    }

    @Test func writingToReadOnlyHandleIsRejected() throws {
        let path = try makeDatabase(sample)
        let reader = try Database(path: path)
        try reader.close()
        #expect(throws: XapianError.self) { _ = try reader.document(1).data() }
    }

    @Test func termTooLongIsInvalidArgument() throws {
        let db = try WritableDatabase(path: temporaryPath())
        let doc = try Document()
        try doc.addTerm(String(repeating: "x", count: 300))
        do {
            try db.add(doc)
            try db.commit()
            Issue.record("accepted a 300-byte term")
        } catch {
            #expect(error.code == .invalidArgument)
        }
    }
}
