import CXapian

/// Calls `body` with the UTF-8 bytes of `string` as (pointer, length), the shim's string convention.
@inline(__always)
func withBytes<R>(_ string: String, _ body: (UnsafePointer<CChar>?, Int) -> R) -> R {
    var string = string
    return string.withUTF8 { buffer in
        buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress, $0.count) }
    }
}

/// Calls `body` with raw bytes as (pointer, length).
@inline(__always)
func withBytes<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>?, Int) -> R) -> R {
    bytes.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress, $0.count) }
    }
}

/// Takes ownership of a malloc'd string from the shim, decodes it as UTF-8 (repairing bad bytes) and frees it.
func takeString(_ pointer: UnsafeMutablePointer<CChar>?, _ length: Int) -> String {
    guard let pointer else { return "" }
    defer { cx_free(pointer) }
    return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
        String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
    }
}

/// Takes ownership of malloc'd bytes from the shim and frees them.
func takeBytes(_ pointer: UnsafeMutablePointer<CChar>?, _ length: Int) -> [UInt8] {
    guard let pointer else { return [] }
    defer { cx_free(pointer) }
    return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
        Array(UnsafeBufferPointer(start: $0, count: length))
    }
}

/// Reads an owned string list from the shim into Swift values and frees it.
func takeList(_ list: OpaquePointer?) -> [(String, UInt64)] {
    guard let list else { return [] }
    defer { cx_strlist_free(list) }
    let size = cx_strlist_size(list)
    var items: [(String, UInt64)] = []
    items.reserveCapacity(size)
    for i in 0..<size {
        var length = 0
        var count: UInt64 = 0
        guard let p = cx_strlist_get(list, i, &length, &count) else { continue }
        let s = p.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
        items.append((s, count))
    }
    return items
}

/// Calls a shim function that returns an owned string through out-parameters.
func stringResult(
    _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, UnsafeMutablePointer<Int>, UnsafeMutablePointer<cx_error>) -> cx_status
) throws(XapianError) -> String {
    var out: UnsafeMutablePointer<CChar>?
    var length = 0
    try check { body(&out, &length, $0) }
    return takeString(out, length)
}

/// Calls a shim function that returns owned bytes through out-parameters.
func bytesResult(
    _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, UnsafeMutablePointer<Int>, UnsafeMutablePointer<cx_error>) -> cx_status
) throws(XapianError) -> [UInt8] {
    var out: UnsafeMutablePointer<CChar>?
    var length = 0
    try check { body(&out, &length, $0) }
    return takeBytes(out, length)
}

/// Calls a shim function that returns an owned array of docids through out-parameters.
func docidsResult(
    _ body: (UnsafeMutablePointer<UnsafeMutablePointer<UInt32>?>, UnsafeMutablePointer<Int>, UnsafeMutablePointer<cx_error>) -> cx_status
) throws(XapianError) -> [UInt32] {
    var out: UnsafeMutablePointer<UInt32>?
    var count = 0
    try check { body(&out, &count, $0) }
    defer { cx_free(out) }
    return Array(UnsafeBufferPointer(start: out, count: count))
}

/// Calls a shim function that returns an owned string list.
func listResult(_ body: (UnsafeMutablePointer<OpaquePointer?>, UnsafeMutablePointer<cx_error>) -> cx_status) throws(XapianError) -> [(String, UInt64)] {
    var list: OpaquePointer?
    try check { body(&list, $0) }
    return takeList(list)
}

/// Words joined by NUL, the shim's format for stop-word lists.
func nulJoined(_ words: some Sequence<String>) -> String {
    words.joined(separator: "\0")
}
