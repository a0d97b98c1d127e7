/// FNV-1a, 64 bits: fast, stable across runs and platforms (unlike `Hasher`), for change detection and ids.
public struct FNV1a: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(_ bytes: some Sequence<UInt8>) {
        var h = value
        for byte in bytes {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        value = h
    }

    public mutating func combine(_ string: String) {
        var s = string
        s.withUTF8 { combine($0) }
        combine(CollectionOfOne(0xFF))  // separator: ("ab","c") != ("a","bc")
    }

    /// 16 lowercase hex digits.
    public var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    public static func hash(_ parts: String...) -> FNV1a {
        var h = FNV1a()
        for p in parts { h.combine(p) }
        return h
    }
}
