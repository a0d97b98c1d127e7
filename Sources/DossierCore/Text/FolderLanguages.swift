/// Languages a user gives whole folders of the corpus (`languages.tsv` in the corpus folder), where detection from
/// the text (`LanguageDetector`) should not decide:
///
///     # folder <TAB> language (an ISO 639-1 code or its name)
///     ministere	fr
///     archives/nl	Dutch
///     .	en
///
/// A file takes the language of the deepest folder listed above it (`.` is the whole corpus); files in no listed
/// folder keep their detected languages. The language is the passage's facet and filter value and chooses its
/// stemmer. Changing the file retags the corpus, as changing `gazetteer.tsv` does.
public struct FolderLanguages: Sendable, Equatable {
    /// The file's name in the corpus folder.
    public static let fileName = "languages.tsv"

    /// Folder (relative to the corpus, no trailing `/`; "" for the whole corpus) → ISO 639-1 code.
    public private(set) var folders: [String: String] = [:]
    /// Problems found while reading (line number and message).
    public private(set) var problems: [(line: Int, message: String)] = []

    public init() {}

    public init(parsing text: String) {
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimming(" \t\r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: true).map { $0.trimming(" ") }
            guard fields.count == 2 else {
                problems.append((number + 1, "expected: folder<TAB>language"))
                continue
            }
            guard let code = LanguageDetector.code(fields[1]) else {
                problems.append((number + 1, "unknown language \"\(fields[1])\" (one of \(LanguageDetector.codes.joined(separator: ", ")))"))
                continue
            }
            var folder = fields[0]
            while folder.hasPrefix("./") { folder.removeFirst(2) }
            while folder.hasSuffix("/") { folder.removeLast() }
            folders[folder == "." ? "" : folder] = code
        }
    }

    public static func == (a: FolderLanguages, b: FolderLanguages) -> Bool { a.folders == b.folders }

    /// The language given to the file at `path` (relative to the corpus), or nil when its text decides.
    public func language(of path: String) -> String? {
        guard !folders.isEmpty else { return nil }
        var folder = Substring(path)
        while let slash = folder.lastIndex(of: "/") {
            folder = folder[..<slash]
            if let code = folders[String(folder)] { return code }
        }
        return folders[""]
    }

    /// A hash of the folders and their languages, stored in the index: when it changes, every passage is tagged
    /// again. Empty when no folder is given one (as in an index built before this file existed).
    public var hash: String {
        guard !folders.isEmpty else { return "" }
        return FNV1a.hash(folders.keys.sorted().map { "\($0)\t\(folders[$0]!)" }.joined(separator: "\n")).hex
    }
}
