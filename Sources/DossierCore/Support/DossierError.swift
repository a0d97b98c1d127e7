import Xapian

/// A failure the user can cause or fix, with one clear line to show and an exit status.
public struct DossierError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Another process is updating the index.
        case locked
        /// No index where one was expected.
        case indexMissing
        /// The index exists but cannot be read (damaged or not a Dossier index).
        case indexDamaged
        /// The corpus folder or file cannot be used.
        case corpus
        /// The query cannot be understood.
        case query
        /// Bad arguments.
        case usage
        /// Anything else (disk full, permissions, …).
        case other
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// Text from the user shown in a message: control characters (newlines, tabs) as spaces, at most 80
    /// characters, so that an error stays one line.
    public static func quoted(_ text: String) -> String {
        let clean = oneLine(text)
        return clean.count > 80 ? String(clean.prefix(79)) + "…" : clean
    }

    /// `text` with control characters (newlines, tabs) as spaces.
    public static func oneLine(_ text: String) -> String {
        let breaksLine = { (c: Character) in c.isNewline || c.unicodeScalars.contains { $0.properties.generalCategory == .control } }
        guard text.contains(where: breaksLine) else { return text }
        return String(text.map { breaksLine($0) ? " " : $0 })
    }

    /// 2 for usage and query errors, 1 for runtime errors.
    public var exitCode: Int32 {
        switch kind {
        case .usage, .query: 2
        default: 1
        }
    }

    /// Turns a Xapian error into a user-facing one, naming the index path.
    public static func from(_ error: XapianError, index: String) -> DossierError {
        // the disk, not the index: say so, and that nothing was lost
        if error.message.contains("No space left on device") {
            return DossierError(.other, "disk full while writing the index at \(index); the index is as it was before this run (free some space and run again)")
        }
        if error.message.contains("Read-only file system") {
            return DossierError(.other, "cannot write the index at \(index): read-only file system; the index is as it was")
        }
        switch error.code {
        case .locked:
            return DossierError(.locked, "index is being updated by another process: \(index) (wait for it, or pass --wait)")
        case .notFound:
            return DossierError(.indexMissing, "no index at \(index): build it with `dossier index --index \(index)`")
        case .corrupt:
            return DossierError(.indexDamaged, "index at \(index) is damaged (\(error.message)); rebuild it with `dossier index --rebuild`")
        case .opening:
            return DossierError(.indexDamaged, "cannot open index at \(index): \(error.message)")
        case .querySyntax:
            return DossierError(.query, "cannot parse query: \(quoted(error.message))")
        default:
            return DossierError(.other, "\(index): \(error.type): \(error.message)")
        }
    }
}
