import Foundation
import Testing

@testable import DossierCLI

@Suite struct JSONTests {
    @Test(arguments: ["plain text", "", "Liège — “quoted” café", "a \"quote\" and a \\ backslash", "tab\there\nnewline\r",
                      "\u{01}\u{1F}", "line\u{2028}separator\u{2029}", "\u{E2}\u{80}", "emoji 🐼 and 中文"])
    func stringsRoundTrip(_ text: String) throws {
        let encoded = JSON.string(text).text
        let decoded = try JSONSerialization.jsonObject(with: Data("[\(encoded)]".utf8)) as? [String]
        #expect(decoded == [text])
        // what JavaScript cannot take raw is escaped
        #expect(!encoded.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" })
        #expect(JSON.needsEscape(text) == text.unicodeScalars.contains {
            $0.value < 0x20 || $0 == "\"" || $0 == "\\" || $0 == "\u{2028}" || $0 == "\u{2029}"
        })
    }
}
