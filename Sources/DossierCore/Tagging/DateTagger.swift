/// A date at year, month or day precision, written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
public struct EventDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int?
    public let day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = month == nil ? nil : day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-").map { Int($0) }
        guard (1...3).contains(parts.count), parts.allSatisfy({ $0 != nil }), let y = parts[0] else { return nil }
        year = y
        month = parts.count > 1 ? parts[1] : nil
        day = parts.count > 2 ? parts[2] : nil
        if let m = month, !(1...12).contains(m) { return nil }
        if let d = day, !(1...31).contains(d) { return nil }
    }

    /// Whether the date is in the calendar: a day its month has (2016-02-29, not 2016-02-30 or 2015-02-29).
    public var exists: Bool {
        guard let month, let day else { return true }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    public var description: String {
        var s = String(year)
        if let month { s += "-" + (month < 10 ? "0" : "") + String(month) }
        if let day { s += "-" + (day < 10 ? "0" : "") + String(day) }
        return s
    }

    /// yyyymmdd with 00 for an unknown month or day: sorts year-only dates before dated ones of that year.
    public var sortKey: Int { year * 10000 + (month ?? 0) * 100 + (day ?? 0) }

    public static func < (a: EventDate, b: EventDate) -> Bool { a.sortKey < b.sortKey }

    public init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = EventDate(s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad date \(s)"))
        }
        self = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A dated event: a date and the sentence of the passage it comes from.
public struct DatedEvent: Sendable, Hashable, Codable {
    public let date: EventDate
    /// Index of the sentence in the passage.
    public let sentence: Int
}

/// Finds the years and dated events of a passage, by rules over its tokens:
/// years (ranges expanded), "Month D, YYYY", "D Month YYYY", "Month YYYY", months whose year is carried from
/// earlier in the passage ("In May 2021, …. In December, …" → 2021-12; "In March of the same year").
/// Amounts, counts, ordinals and percentages are never years.
/// A date as written in a passage, and the token it starts at.
public struct DateMention: Sendable, Equatable {
    public let date: EventDate
    public let token: Int
}

public enum DateTagger {
    public struct Result: Sendable, Equatable {
        public var years: [Int] = []
        public var events: [DatedEvent] = []
        /// Every date as found, with the token it starts at (one per mention: a date written twice is here twice),
        /// in the order of the text: the event coder dates each verb by the nearest.
        public var mentions: [DateMention] = []
        /// Distinct dates, in order.
        public var dates: [EventDate] {
            Array(Set(events.map(\.date))).sorted()
        }
    }

    static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12,
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
        "oct": 10, "nov": 11, "dec": 12,
    ]
    /// Words before a bare month that make it a date ("In December", "since May").
    static let monthLeads: Set<String> = [
        "in", "since", "by", "until", "till", "from", "to", "of", "on", "early", "late", "mid", "end", "during",
        "before", "after", "through", "and", "or", "last", "next", "this", "between", "beginning", "throughout",
    ]
    /// Words after a number that make it a count, not a year.
    static let countWords: Set<String> = [
        "people", "persons", "pairs", "pair", "meetings", "students", "tons", "tonnes", "units", "km", "kilometres",
        "kilometers", "miles", "yuan", "dollars", "euros", "times", "members", "projects", "companies", "visitors",
        "tourists", "flights", "containers", "teu", "mw", "kg", "cars", "vehicles", "cases", "deaths", "items",
        "copies", "participants", "delegates", "enterprises", "delegations", "agreements", "hectares", "metres",
        "meters", "feet", "years", "days", "hours", "minutes", "percent", "per",
        "hectare", "tonne", "ton", "metre", "meter", "kilometre", "kilometer", "mile", "acre", "acres", "barrels",
    ]
    /// Words before a number that make it a modifier, as a year is ("the 1989 protesters", "their 2015 students").
    static let determiners: Set<String> = ["the", "a", "an", "its", "their", "his", "her", "this", "that", "our"]
    static let currency: Set<String> = ["$", "us$", "€", "£", "¥", "rmb", "usd", "eur", "cny", "hk$", "us", "gbp", "jpy"]
    static let rangeWords: Set<String> = ["to", "through", "until", "till", "-", "–", "—", "and"]

    public static func isYear(_ tokens: [Token], _ i: Int) -> Int? {
        let t = tokens[i]
        guard t.kind == .number, t.text.count == 4, let value = Int(t.text), (1000...2199).contains(value) else { return nil }
        if i > 0 {
            // an amount or a number: "$2014", "US$ 2014", "RMB2014", "No. 2014", "#2014"
            let p = tokens[i - 1]
            let previous = TextFolding.lower(p.text)
            if currency.contains(previous) && (p.kind == .punctuation || !p.spaceBefore || !t.spaceBefore) { return nil }
            if previous == "no" || previous == "number" || previous == "#" { return nil }
            if previous == ".", i > 1, TextFolding.lower(tokens[i - 2].text) == "no" { return nil }
        }
        if i + 1 < tokens.count {
            let n = tokens[i + 1]
            if n.kind == .punctuation && n.text == "%" { return nil }
            if n.kind == .word && countWords.contains(TextFolding.lower(n.text)) && n.spaceBefore { return nil }
            if n.kind == .word && (n.text == "billion" || n.text == "million" || n.text == "thousand") { return nil }
            // people counted by their role, from the event tables' role words: "1800 troops", "1500 students" (not
            // after a determiner: "the 1989 protesters" is a year's)
            if n.kind == .word, n.spaceBefore, n.text.utf8.last == UInt8(ascii: "s"), let b = n.text.utf8.first, b >= 0x61 && b <= 0x7A,
               !(i > 0 && determiners.contains(TextFolding.lower(tokens[i - 1].text))), EventTables.sector(of: n.text) != nil {
                return nil
            }
        }
        return value
    }

    static func month(_ t: Token) -> Int? {
        // a screen before the dictionary: at most 9 bytes, and an ASCII first letter of a month name
        guard t.isCapitalized, t.text.utf8.count <= 9, let first = t.text.utf8.first else { return nil }
        switch first {
        case UInt8(ascii: "J"), UInt8(ascii: "F"), UInt8(ascii: "M"), UInt8(ascii: "A"), UInt8(ascii: "S"),
             UInt8(ascii: "O"), UInt8(ascii: "N"), UInt8(ascii: "D"), 0x80...:
            return months[TextFolding.lower(t.text)]
        default:
            return nil
        }
    }

    static func day(_ t: Token) -> Int? {
        if t.kind == .word { return ordinalDay(t) }
        guard t.kind == .number, t.text.count <= 2, let d = Int(t.text), (1...31).contains(d) else { return nil }
        return d
    }

    /// A day written as an ordinal, one word for the tokenizer: "1st", "22nd", "3rd", "14th"; French "1er", "1re".
    /// Read from the text's bytes: this runs for every capitalized word that is no month, so nothing is copied
    /// before the first byte says it is a number.
    static func ordinalDay(_ t: Token) -> Int? {
        let u = t.text.utf8
        guard (3...4).contains(u.count), let first = u.first, first >= 0x30 && first <= 0x39 else { return nil }
        var d = 0, digits = 0
        for b in u.prefix(while: { $0 >= 0x30 && $0 <= 0x39 }) {
            d = d * 10 + Int(b - 0x30)
            digits += 1
        }
        guard digits <= 2, u.count - digits == 2, (1...31).contains(d) else { return nil }
        return ordinalSuffixes.contains(TextFolding.lower(t.text.dropFirst(digits))) ? d : nil
    }
    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th", "er", "re"]

    /// Whether a token may start a date: a number, a capitalized word (a month) or an ordinal day ("1st of April").
    static func mayStartDate(_ t: Token) -> Bool {
        if t.kind == .number { return true }
        guard t.kind == .word, let b = t.text.utf8.first else { return false }  // the text read once
        if b >= 0x30 && b <= 0x39 { return true }
        return b < 0x80 ? b >= 0x41 && b <= 0x5A : t.isCapitalized
    }

    public static func tag(_ tokens: [Token], sentences: [Sentence]) -> Result {
        var result = Result()
        var years = Set<Int>()
        var seen = Set<DatedEvent>()
        var context: Int?  // the last year named
        var at = 0  // the token the date being matched starts at
        func add(_ date: EventDate, _ sentence: Int) {
            result.mentions.append(DateMention(date: date, token: at))
            years.insert(date.year)
            let e = DatedEvent(date: date, sentence: sentence)
            if seen.insert(e).inserted { result.events.append(e) }
        }
        for (s, sentence) in sentences.enumerated() {
            var i = sentence.tokens.lowerBound
            let end = sentence.tokens.upperBound
            func word(_ k: Int) -> String? {
                k >= sentence.tokens.lowerBound && k < end ? TextFolding.lower(tokens[k].text) : nil
            }
            while i < end {
                at = i
                // Chinese: 2014年3月, 1971年10月25日, 同年9月 (a number before 年 or 月)
                if tokens[i].kind == .number, let (date, length) = chineseDate(tokens, i, end, context: context) {
                    add(date, s)
                    context = date.year
                    i += length
                    continue
                }
                // a date starts at a number or a capitalized word (a month): skip the rest without copying them
                guard mayStartDate(tokens[i]) else {
                    i += 1
                    continue
                }
                let t = tokens[i]
                if let m = month(t) {
                    // Month D, YYYY
                    if i + 1 < end, let d = day(tokens[i + 1]) {
                        var k = i + 2
                        if k < end, tokens[k].isPunctuation(",") { k += 1 }
                        if k < end, let y = isYear(tokens, k) {
                            add(EventDate(year: y, month: m, day: d), s)
                            context = y
                            i = k + 1
                            continue
                        }
                        if isMonthLead(word(i - 1)), let y = context {
                            add(EventDate(year: y, month: m, day: d), s)
                            i += 2
                            continue
                        }
                    }
                    // Month YYYY, Month of YYYY
                    var k = i + 1
                    if word(k) == "of" { k += 1 }
                    if k < end, let y = isYear(tokens, k) {
                        add(EventDate(year: y, month: m), s)
                        context = y
                        i = k + 1
                        continue
                    }
                    // Month of the same year / of that year / of the following year
                    if word(i + 1) == "of", word(i + 2) == "the" || word(i + 2) == "that",
                       let which = word(i + 3), word(i + 4) == "year", let y = context {
                        let year = (which == "following" || which == "next") ? y + 1 : (which == "previous" ? y - 1 : y)
                        add(EventDate(year: year, month: m), s)
                        context = year
                        i += 5
                        continue
                    }
                    // Month to Month YYYY: the year comes after the second month
                    if let r = word(i + 1), rangeWords.contains(r), i + 2 < end, let m2 = month(tokens[i + 2]) {
                        var k2 = i + 3
                        if word(k2) == "of" { k2 += 1 }
                        if k2 < end, let y = isYear(tokens, k2) {
                            add(EventDate(year: y, month: m), s)
                            add(EventDate(year: y, month: m2), s)
                            context = y
                            i = k2 + 1
                            continue
                        }
                    }
                    // A bare month after "In", "since", …: the year is carried from before
                    if isMonthLead(word(i - 1)) || (i > 0 && tokens[i - 1].isPunctuation(",") && isListOfDates(tokens, i)), let y = context,
                       !(m == 5 && !(word(i - 1).map(monthLeads.contains) ?? false)) {
                        add(EventDate(year: y, month: m), s)
                    }
                    i += 1
                    continue
                }
                // D Month YYYY ("25 octobre 1971", "1er avril 2015", "the 1st of April 2015" too)
                let monthAt = t.kind == .word && word(i + 1) == "of" ? i + 2 : i + 1
                if let d = day(t), monthAt < end, let m = month(tokens[monthAt]) ?? foreignMonth(tokens[monthAt]) {
                    if monthAt + 1 < end, let y = isYear(tokens, monthAt + 1) {
                        add(EventDate(year: y, month: m, day: d), s)
                        context = y
                        i = monthAt + 2
                        continue
                    }
                    if let y = context {
                        add(EventDate(year: y, month: m, day: d), s)
                        i = monthAt + 1
                        continue
                    }
                }
                if let y = isYear(tokens, i) {
                    // Ranges: from YYYY to YYYY, between YYYY and YYYY, YYYY-YYYY
                    if let r = word(i + 1), rangeWords.contains(r), i + 2 < end, let y2 = isYear(tokens, i + 2), y2 > y, y2 - y <= 100 {
                        let lead = word(i - 1)
                        let isRange = r != "and" || lead == "between"
                        if isRange {
                            for year in y...y2 { years.insert(year) }
                            add(EventDate(year: y), s)
                            context = y2
                            i += 3
                            continue
                        }
                    }
                    // "maart 2014", "octobre 1971": a month of another language before the year
                    if i > 0, tokens[i - 1].kind == .word, let m = foreignMonth(tokens[i - 1]) {
                        add(EventDate(year: y, month: m), s)
                    } else {
                        add(EventDate(year: y), s)
                    }
                    context = y
                }
                i += 1
            }
        }
        result.years = years.sorted()
        return result
    }

    /// The months' names in French, Dutch, German, Spanish, Italian and Portuguese (folded), from the Unicode CLDR
    /// (`Data/months.tsv`, written by `Tools/dates/generate.py`). Lower case in most of those languages, so they are
    /// taken only beside a day and a year ("25 octobre 1971") or before a year ("maart 2014").
    /// Keyed by the names as written (each in lower case and capitalized, with and without its accents), so that a
    /// word is looked up as it stands, without folding it: this runs beside every year.
    static let foreignMonths: [String: Int] = {
        var months: [String: Int] = [:]
        for line in String(decoding: PackageResources.months_tsv, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count >= 4, let m = Int(fields[1]) else { continue }
            for name in [fields[0]] + fields[3].split(separator: ",") {
                months[String(name)] = m
                months[name.prefix(1).uppercased() + name.dropFirst()] = m
            }
        }
        return months
    }()

    static func foreignMonth(_ t: Token) -> Int? {
        guard t.kind == .word, (3...12).contains(t.text.utf8.count) else { return nil }
        return foreignMonths[t.text]
    }

    /// Version of the date rules: part of `Tagger.dataHash`, so a change re-tags the index (2: Chinese dates; 3:
    /// months in French, Dutch, German, Spanish, Italian, Portuguese; 4: and those spelled as in English, "april"; 5: ordinal days, "1st of April", "1er avril").
    static let dataVersion = "dates-5"

    /// A Chinese date at the number `i` and the tokens it takes: `2014` `年` (a year), then `3` `月` (a month),
    /// then `25` `日` or `号` (a day); or a month whose year was named before (`9` `月`, and `同年` "the same year",
    /// `次年` or `翌年` "the next year", `上年` "the year before" just before it). Each character is a token.
    static func chineseDate(_ tokens: [Token], _ i: Int, _ end: Int, context: Int?) -> (EventDate, Int)? {
        // most numbers are followed by a space, punctuation or a Latin word: answered on a byte
        guard i + 1 < end, !tokens[i + 1].spaceBefore, tokens[i + 1].kind == .word,
              let lead = tokens[i + 1].text.utf8.first, lead == 0xE5 || lead == 0xE6 else { return nil }
        func value(_ k: Int, _ units: [String], _ range: ClosedRange<Int>) -> Int? {
            guard k + 1 < end, tokens[k].kind == .number, tokens[k + 1].kind == .word, !tokens[k + 1].spaceBefore,
                  units.contains(tokens[k + 1].text), let n = Int(tokens[k].text), range.contains(n) else { return nil }
            return n
        }
        if let year = value(i, ["年"], 1000...2999) {
            guard let m = value(i + 2, ["月"], 1...12) else { return (EventDate(year: year), 2) }
            if let d = value(i + 4, ["日", "号"], 1...31) { return (EventDate(year: year, month: m, day: d), 6) }
            return (EventDate(year: year, month: m), 4)
        }
        guard let m = value(i, ["月"], 1...12), let context else { return nil }
        var year = context
        if i >= 2, tokens[i - 1].text == "年" {
            switch tokens[i - 2].text {
            case "次", "翌": year += 1
            case "上", "去": year -= 1
            default: break  // 同年, 当年: the same year
            }
        }
        if let d = value(i + 2, ["日", "号"], 1...31) { return (EventDate(year: year, month: m, day: d), 4) }
        return (EventDate(year: year, month: m), 2)
    }

    static func isMonthLead(_ word: String?) -> Bool {
        guard let word else { return false }
        return monthLeads.contains(word)
    }

    /// ", June 2007, August 2008": a month in a comma list of dates.
    static func isListOfDates(_ tokens: [Token], _ i: Int) -> Bool {
        i >= 3 && (tokens[i - 2].isNumber || month(tokens[i - 2]) != nil)
    }
}
