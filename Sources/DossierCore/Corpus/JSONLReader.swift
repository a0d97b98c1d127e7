#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif

/// Reads a JSON Lines collection (BEIR's `corpus.jsonl`): one document per line, `{"_id", "title", "text"}`.
/// `_id` becomes the passage id; title and text are both searched. Blank lines are ignored; a malformed line is
/// reported with its number and skipped.
public enum JSONLReader {
    public static let fileExtension = "jsonl"

    public static func isJSONL(_ path: String) -> Bool {
        path.lowercased().hasSuffix("." + fileExtension)
    }

    /// The documents of `text` as paragraphs (with `id` and `title` set), and one warning per bad line.
    public static func paragraphs(_ text: String, file: String) -> (paragraphs: [Paragraph], warnings: [Warning]) {
        var result: [Paragraph] = []
        var warnings: [Warning] = []
        var seen = Set<String>()
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            let problem: String
            switch parse(line) {
            case let .success(doc):
                guard seen.insert(doc.id).inserted else {
                    problem = "duplicate _id \"\(doc.id)\", line skipped"
                    break
                }
                result.append(Paragraph(text: doc.text, section: nil, line: lineNumber, id: doc.id, title: doc.title))
                continue
            case let .failure(message):
                problem = message
            }
            warnings.append(Warning(file: file, message: "line \(lineNumber): \(problem)"))
        }
        return (result, warnings)
    }

    struct Document {
        let id: String
        let title: String?
        let text: String
    }

    enum Outcome {
        case success(Document)
        case failure(String)
    }

    /// The fields Dossier reads from a line; anything else in it is ignored, and a field of another type reads as
    /// missing.
    private struct Fields: Decodable {
        var id: String?
        var title: String?
        var text: String?

        private enum Key: String, CodingKey { case _id, id, title, text, contents }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            func identifier(_ key: Key) -> String? {
                if let s = try? c.decode(String.self, forKey: key) { return s }
                if let n = try? c.decode(Int64.self, forKey: key) { return String(n) }
                if let d = try? c.decode(Double.self, forKey: key), d.isFinite { return String(d) }
                return nil
            }
            id = c.contains(._id) ? identifier(._id) : identifier(.id)
            title = try? c.decode(String.self, forKey: .title)
            text = (try? c.decode(String.self, forKey: .text)) ?? (try? c.decode(String.self, forKey: .contents))
        }
    }

    static func parse(_ line: Substring) -> Outcome {
        let fields: Fields
        do {
            fields = try JSONDecoder().decode(Fields.self, from: Data(line.utf8))
        } catch DecodingError.typeMismatch {
            return .failure("not a JSON object, line skipped")
        } catch {
            return .failure("not valid JSON, line skipped")
        }
        guard let id = fields.id else { return .failure("no \"_id\", line skipped") }
        let cleanID = id.trimming(" \t")
        guard !cleanID.isEmpty, cleanID.utf8.count <= 200, !cleanID.contains(where: { $0.isNewline }) else {
            return .failure("\"_id\" must be 1 to 200 bytes on one line, line skipped")
        }
        let title = fields.title.map { collapse($0) }
        let text = collapse(fields.text ?? "")
        guard !text.isEmpty || !(title ?? "").isEmpty else { return .failure("no \"text\" or \"title\", line skipped") }
        return .success(Document(id: cleanID, title: title?.isEmpty == true ? nil : title, text: text))
    }

    /// Line breaks and runs of spaces become single spaces (passage text is one line).
    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
