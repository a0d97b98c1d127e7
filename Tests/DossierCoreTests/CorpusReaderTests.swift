import Foundation
import Testing

@testable import DossierCore
import Xapian

@Suite struct CorpusReaderTests {
    /// Text files are known by their extension in any case, as URL.pathExtension lowercased would have them.
    @Test(arguments: ["a.txt", "A.TXT", "notes.Md", "x.markdown", "set.JSONL", "two.dots.txt", "é.txt", "a.txt.bak", ".txt",
                      "notes", "a.", "a.tx", "a.txts", "a.mdx", "a.\u{212A}", "a.mar\u{212A}down", "ü.TxT"])
    func textExtensions(_ name: String) {
        #expect(CorpusReader.hasTextExtension(name) == CorpusReader.textExtensions.contains(CorpusReader.pathExtension(name)), "\(name)")
    }

    @Test func textExtensionsByName() {
        #expect(CorpusReader.hasTextExtension("A.TXT") && CorpusReader.hasTextExtension("b.Markdown"))
        #expect(!CorpusReader.hasTextExtension(".txt") && !CorpusReader.hasTextExtension("a.csv") && !CorpusReader.hasTextExtension("txt"))
    }
}

@Suite struct CoresTests {
    /// Foundation's count, within this process's affinity mask (which Foundation does not read: `taskset -c 0`).
    @Test func coresAreCountedAsFoundationCountsThemWithinTheAffinityMask() throws {
        let allowed = try #require(Processors.allowed)
        #expect(Cores.available == min(allowed, ProcessInfo.processInfo.activeProcessorCount))
        #expect(Cores.available >= 1)
    }
}
