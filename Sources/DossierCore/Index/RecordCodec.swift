#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
import Xapian

/// The stored form of a `PassageRecord` (a document's data): a compact binary layout, written and read by hand.
/// Foundation's JSON coders cost ~40 µs a passage to encode and made the data table a third larger.
///
/// Layout (format 6; 5 had no language, 4 no coded events, 3 no page either, and all are still read): a format byte, then the fields in declaration order; integers as LEB128 varints, strings as a varint
/// length and UTF-8 bytes, optional values after a presence byte, lists after a varint count.
///
/// Layout 2 wraps layout 1 compressed with the index's `RecordDictionary`: a format byte, the dictionary's id
/// (4 bytes, little-endian), the size of the layout-1 bytes (varint), then their zstd frame (without size, checksum
/// or dictionary id). Readers take both layouts, so an index written before layout 2 stays readable.
enum RecordCodec {
    /// Layout 1 until Dossier's layout 8; 3 since topics and section (layout 9); 4 since a PDF passage's page.
    static let format: UInt8 = 6
    static let formatWithoutLanguage: UInt8 = 5
    static let formatWithoutEvents: UInt8 = 4
    static let formatWithoutPage: UInt8 = 3
    static let compressedFormat: UInt8 = 2

    static func encode(_ r: PassageRecord) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(r.text.utf8.count + 256)
        out.append(format)
        put(r.id, &out)
        put(r.file, &out)
        put(r.paragraph, &out)
        put(r.line, &out)
        put(r.topics.count, &out)
        for t in r.topics { put(t, &out) }
        put(optional: r.section, &out)
        put(optional: r.title, &out)
        put(optional: r.page, &out)
        put(r.text, &out)
        put(r.years.count, &out)
        for y in r.years { put(y, &out) }
        put(r.dates.count, &out)
        for d in r.dates { put(d, &out) }
        put(r.entities.count, &out)
        for e in r.entities {
            out.append(e.kind == .person ? 0 : e.kind == .place ? 1 : 2)
            put(e.name, &out)
        }
        put(r.events.count, &out)
        for e in r.events {
            put(e.date, &out)
            put(e.start, &out)
            put(e.end, &out)
            put(e.entities.count, &out)
            for i in e.entities { put(i, &out) }
        }
        put(r.hash, &out)
        put(r.codedEvents.count, &out)
        for e in r.codedEvents { put(e, &out) }
        put(r.language, &out)
        return out
    }

    private static func put(_ e: CodedEvent, _ out: inout [UInt8]) {
        put(e.start, &out)
        put(e.end, &out)
        out.append(e.date == nil ? 0 : 1)
        if let d = e.date { put(d, &out) }
        put(e.action, &out)
        put(e.cameo, &out)
        for actors in [e.source, e.target] {
            put(actors.count, &out)
            for a in actors {
                put(a.name, &out)
                put(a.text, &out)
                out.append(a.kind == .person ? 0 : a.kind == .place ? 1 : 2)
                put(optional: a.country, &out)
                put(optional: a.sector, &out)
                put(optional: a.title, &out)
            }
        }
        put(optional: e.place, &out)
        put(e.amounts.count, &out)
        for a in e.amounts {
            put(String(a.value), &out)
            put(optional: a.currency, &out)
            put(optional: a.unit, &out)
            put(optional: a.period, &out)
            put(a.text, &out)
        }
        out.append(UInt8(CodedEvent.Status.allCases.firstIndex(of: e.status) ?? 0))
        put(e.verb, &out)
        put(e.object, &out)
    }

    /// Layout 2: `plain` (layout 1) compressed by `codec` over the dictionary `id`.
    static func compress(_ plain: [UInt8], codec: DictionaryCodec, id: UInt32) throws -> [UInt8] {
        var out: [UInt8] = [compressedFormat, UInt8(id & 0xFF), UInt8(id >> 8 & 0xFF), UInt8(id >> 16 & 0xFF), UInt8(id >> 24)]
        put(plain.count, &out)
        out += try codec.compress(plain)
        return out
    }

    /// The layout-1 bytes of a record in either layout; `codec(id)` gives the codec of a dictionary id, or nil.
    static func plain(_ bytes: [UInt8], codec: (UInt32) throws -> DictionaryCodec?) throws -> [UInt8] {
        guard bytes.first == compressedFormat else { return bytes }
        var reader = Reader(bytes: bytes)
        _ = try reader.byte()
        var id: UInt32 = 0
        for shift in stride(from: 0, to: 32, by: 8) { id |= UInt32(try reader.byte()) << UInt32(shift) }
        let size = try reader.int()
        guard size > 0, size <= 1 << 30 else { throw Reader.damaged }
        guard let codec = try codec(id) else {
            throw DossierError(.indexDamaged, "a passage is compressed with a dictionary the index does not hold; run `dossier index --rebuild`")
        }
        do {
            return try codec.decompress(bytes[reader.i...], size: size)
        } catch {
            throw Reader.damaged
        }
    }

    static func decode(_ bytes: [UInt8], fields: PassageRecord.Fields = .all) throws -> PassageRecord {
        var reader = Reader(bytes: bytes)
        let version = try reader.byte()
        guard version == format || version == formatWithoutLanguage || version == formatWithoutEvents || version == formatWithoutPage else {
            throw DossierError(.indexDamaged, "the index was written by another version of Dossier; run `dossier index --rebuild`")
        }
        let all = fields == .all
        let id = try reader.string(), file = try reader.string()
        let paragraph = try reader.int(), line = try reader.int()
        var topics: [String] = []
        for _ in 0..<(try reader.count()) {
            if all { topics.append(try reader.string()) } else { try reader.skipString() }
        }
        let section = try reader.byte() == 1 ? try reader.string(if: all) : nil
        let title = try reader.byte() == 1 ? try reader.string(if: all) : nil
        var page: Int?
        if version != formatWithoutPage, try reader.byte() == 1 { page = try reader.int() }
        let text = try reader.string()
        var years: [Int] = []
        for _ in 0..<(try reader.count()) {
            let year = try reader.int()
            if all { years.append(year) }
        }
        var dates: [EventDate] = []
        for _ in 0..<(try reader.count()) {
            let date = try reader.date()
            if all { dates.append(date) }
        }
        var entities: [Entity] = []
        for _ in 0..<(try reader.count()) {
            let k = try reader.byte()
            guard all else { try reader.skipString(); continue }
            entities.append(Entity(name: try reader.string(), kind: k == 0 ? .person : k == 1 ? .place : .organization))
        }
        var events: [PassageRecord.Event] = []
        for _ in 0..<(try reader.count()) {
            let date = try reader.date()
            let start = try reader.int(), end = try reader.int()
            var named: [Int] = []
            for _ in 0..<(try reader.count()) {
                let entity = try reader.int()
                if all { named.append(entity) }
            }
            if all { events.append(PassageRecord.Event(date: date, start: start, end: end, entities: named)) }
        }
        let hash = try reader.string(if: all) ?? ""
        var record = PassageRecord(id: id, file: file, paragraph: paragraph, line: line, topics: topics, section: section, title: title,
                                   text: text, years: years, dates: dates, entities: entities, events: events, hash: hash)
        record.page = page
        if version >= formatWithoutLanguage {
            for _ in 0..<(try reader.count()) { record.codedEvents.append(try reader.codedEvent()) }
        }
        if version == format { record.language = try reader.string() }
        return record
    }

    private static func put(_ value: Int, _ out: inout [UInt8]) {
        var v = UInt64(bitPattern: Int64(value))
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    /// A presence byte, then the value if there is one.
    private static func put(optional value: String?, _ out: inout [UInt8]) {
        out.append(value == nil ? 0 : 1)
        if let value { put(value, &out) }
    }

    private static func put(optional value: Int?, _ out: inout [UInt8]) {
        out.append(value == nil ? 0 : 1)
        if let value { put(value, &out) }
    }

    private static func put(_ s: String, _ out: inout [UInt8]) {
        put(s.utf8.count, &out)
        out.append(contentsOf: s.utf8)
    }

    private static func put(_ d: EventDate, _ out: inout [UInt8]) {
        put(d.year, &out)
        out.append(UInt8(d.month ?? 0))
        out.append(UInt8(d.day ?? 0))
    }

    struct Reader {
        let bytes: [UInt8]
        var i = 0

        mutating func byte() throws -> UInt8 {
            guard i < bytes.count else { throw Self.damaged }
            defer { i += 1 }
            return bytes[i]
        }

        mutating func int() throws -> Int {
            var v: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let b = try byte()
                guard shift < 64 else { throw Self.damaged }
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            return Int(Int64(bitPattern: v))
        }

        mutating func count() throws -> Int {
            let n = try int()
            guard n >= 0, n <= bytes.count - i else { throw Self.damaged }
            return n
        }

        mutating func string() throws -> String {
            let n = try count()
            defer { i += n }
            return String(decoding: bytes[i..<(i + n)], as: UTF8.self)
        }

        mutating func date() throws -> EventDate {
            let year = try int()
            let month = Int(try byte()), day = Int(try byte())
            return EventDate(year: year, month: month == 0 ? nil : month, day: day == 0 ? nil : day)
        }

        /// A string, or nil after skipping it when not `wanted`.
        mutating func string(if wanted: Bool) throws -> String? {
            guard wanted else {
                try skipString()
                return nil
            }
            return try string()
        }

        mutating func skipString() throws {
            i += try count()
        }

        mutating func optionalString() throws -> String? {
            try byte() == 1 ? try string() : nil
        }

        mutating func codedEvent() throws -> CodedEvent {
            let start = try int(), end = try int()
            let date = try byte() == 1 ? try self.date() : nil
            let action = try string(), cameo = try string()
            var sides: [[CodedEvent.Actor]] = []
            for _ in 0..<2 {
                var actors: [CodedEvent.Actor] = []
                for _ in 0..<(try count()) {
                    let name = try string(), text = try string()
                    let k = try byte()
                    actors.append(CodedEvent.Actor(name: name, text: text, kind: k == 0 ? .person : k == 1 ? .place : .organization,
                                                   country: try optionalString(), sector: try optionalString(), title: try optionalString()))
                }
                sides.append(actors)
            }
            let place = try optionalString()
            var amounts: [CodedEvent.Amount] = []
            for _ in 0..<(try count()) {
                let value = Double(try string()) ?? 0
                amounts.append(CodedEvent.Amount(value: value, currency: try optionalString(), unit: try optionalString(),
                                                 period: try optionalString(), text: try string()))
            }
            let s = Int(try byte())
            let status = s < CodedEvent.Status.allCases.count ? CodedEvent.Status.allCases[s] : .done
            var event = CodedEvent(start: start, end: end, date: date, action: action, cameo: cameo, source: sides[0], target: sides[1],
                                   place: place, amounts: amounts, status: status)
            event.verb = try string()
            event.object = try string()
            return event
        }

        static let damaged = DossierError(.indexDamaged, "a passage record in the index is damaged; rebuild with `dossier index --rebuild`")
    }
}
