import CXapian

/// An error reported by Xapian, carried through the C shim as a code, Xapian's class name and its message.
///
/// Match on the code: `catch let error as XapianError where error.code == .locked`, or with `~=`:
/// `catch XapianError.Code.locked`.
public struct XapianError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in the categories Dossier acts on.
    public enum Code: Int32, Sendable, CaseIterable {
        /// Another process holds the database's write lock (`DatabaseLockError`).
        case locked = 1
        /// No database at that path (`DatabaseNotFoundError`), or no such document.
        case notFound = 2
        /// The database is damaged (`DatabaseCorruptError`, or a `DatabaseError` while reading).
        case corrupt = 3
        /// A reader fell too far behind a writer (`DatabaseModifiedError`): reopen and retry.
        case modified = 4
        /// The query could not be parsed (`QueryParserError`, `WildcardError`).
        case querySyntax = 5
        /// A bad argument or operation (`InvalidArgumentError`, `InvalidOperationError`, `RangeError`).
        case invalidArgument = 6
        /// The database could not be opened or created (`DatabaseOpeningError`, `DatabaseCreateError`).
        case opening = 7
        /// The database was closed (`DatabaseClosedError`).
        case closed = 8
        /// A remote backend failed (`NetworkError`).
        case network = 9
        /// Out of memory.
        case memory = 10
        /// Any other exception.
        case other = 11
    }

    public let code: Code
    /// Xapian's exception class, e.g. `DatabaseLockError`.
    public let type: String
    /// Xapian's message.
    public let message: String

    public init(code: Code, type: String, message: String) {
        self.code = code
        self.type = type
        self.message = message
    }

    public var description: String { "\(type): \(message)" }
}

/// Lets `catch XapianError.Code.locked { … }` read naturally.
public func ~= (code: XapianError.Code, error: any Error) -> Bool {
    (error as? XapianError)?.code == code
}

/// The one choke point from C statuses to Swift errors: runs `body` with an error
/// out-parameter and throws what the shim reported.
@inline(__always)
func check(_ body: (UnsafeMutablePointer<cx_error>) -> cx_status) throws(XapianError) {
    var err = cx_error(type: nil, message: nil)
    let status = body(&err)
    guard status != CX_OK else { return }
    defer { cx_error_clear(&err) }
    let type = err.type.map { String(cString: $0) } ?? "Error"
    let message = err.message.map { String(cString: $0) } ?? "no message"
    let code = XapianError.Code(rawValue: Int32(status.rawValue)) ?? .other
    throw XapianError(code: code, type: type, message: message)
}
