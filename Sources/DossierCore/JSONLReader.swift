import Foundation

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
                result.append(Paragraph(text: doc.text, heading: nil, line: lineNumber, id: doc.id, title: doc.title))
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

    static func parse(_ line: Substring) -> Outcome {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [])
        } catch {
            return .failure("not valid JSON, line skipped")
        }
        guard let fields = object as? [String: Any] else { return .failure("not a JSON object, line skipped") }
        let id: String
        switch fields["_id"] ?? fields["id"] {
        case let s as String: id = s
        case let n as NSNumber: id = n.stringValue
        default: return .failure("no \"_id\", line skipped")
        }
        let cleanID = id.trimming(" \t")
        guard !cleanID.isEmpty, cleanID.utf8.count <= 200, !cleanID.contains(where: { $0.isNewline }) else {
            return .failure("\"_id\" must be 1 to 200 bytes on one line, line skipped")
        }
        let title = (fields["title"] as? String).map { collapse($0) }
        let text = collapse((fields["text"] as? String) ?? (fields["contents"] as? String) ?? "")
        guard !text.isEmpty || !(title ?? "").isEmpty else { return .failure("no \"text\" or \"title\", line skipped") }
        return .success(Document(id: cleanID, title: title?.isEmpty == true ? nil : title, text: text))
    }

    /// Line breaks and runs of spaces become single spaces (passage text is one line).
    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
