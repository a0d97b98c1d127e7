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

    /// The files Windows users keep: UTF-16 with its byte-order mark (Notepad's "Unicode"), and text in Windows'
    /// Western encoding (one byte for é, curly quotes at 0x92); UTF-8 with a bad byte keeps its good characters.
    @Test func windowsFilesAreReadAsTheyWereWritten() {
        let text = "Le 3 février 2019, l’échange.\r\nLigne 2"
        var utf16 = [UInt8]([0xFF, 0xFE])
        for unit in text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(CorpusReader.decode(utf16, name: "n.txt").text == "Le 3 février 2019, l’échange.\nLigne 2")
        var big = [UInt8]([0xFE, 0xFF])
        for unit in text.utf16 { big += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        #expect(CorpusReader.decode(big, name: "n.txt").text == CorpusReader.decode(utf16, name: "n.txt").text)
        let western: [UInt8] = Array("Le 3 f".utf8) + [0xE9] + Array("vrier 2019, l".utf8) + [0x92, 0xE9] + Array("change.".utf8)
        let read = CorpusReader.decode(western, name: "w.txt")
        #expect(read.text == "Le 3 février 2019, l’échange." && read.warnings.map(\.message) == ["not UTF-8; read as Windows-1252 (Western European)"])
        let mixed = CorpusReader.decode(Array("déjà\n".utf8) + [0xC3, 0x28], name: "m.txt")
        #expect(mixed.text == "déjà\n\u{FFFD}(" && mixed.warnings.first?.message.hasPrefix("line 2: invalid UTF-8") == true)
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
