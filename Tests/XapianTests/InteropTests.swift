import Foundation
import Testing
@testable import Xapian

@Suite struct InteropTests {
    func run(_ tool: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func xapianToolsReadOurDatabase() throws {
        for tool in ["/usr/bin/xapian-delve", "/usr/bin/quest"] {
            try #require(access(tool, X_OK) == 0, "\(tool) is missing: install Debian's xapian-tools (.ci/run does)")
        }
        let path = try makeDatabase(sample)
        let delve = try run("xapian-delve", [path])
        #expect(delve.contains("number of documents = 4"))
        let quest = try run("quest", ["-d", path, "king philippe"])
        #expect(quest.contains("MSet:"))
        #expect(quest.contains("King Philippe"))
    }
}
