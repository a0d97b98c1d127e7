import Foundation
import Testing
@testable import DossierCore
import Xapian

/// The bundled corpus and tagging data, read from the repository.
enum Bundled {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = root.appendingPathComponent("Corpus")
    static let lines: [String] = try! String(contentsOf: corpus.appendingPathComponent("china-belgium.txt"), encoding: .utf8)
        .split(separator: "\n").map(String.init)
    static let tagger = Indexer.loadTagger(corpus: corpus, warn: { _ in })
    static func tags(_ paragraph: Int) -> Tags { tagger.tag(lines[paragraph - 1]) }
}

func names(_ tags: Tags, _ kind: EntityKind) -> Set<String> {
    Set(tags.entities.filter { $0.kind == kind }.map(\.name))
}

@Suite struct TaggerTests {
    @Test func foundingOfRelations() {
        let t = Bundled.tags(1)
        #expect(t.topic == "Diplomatic relations")
        #expect(t.years == [1971])
        #expect(t.dates.map(\.description) == ["1971-10-25"])
        #expect(names(t, .place) == ["China", "Belgium"])
    }

    @Test func highLevelVisitsWithImplicitYears() {
        let t = Bundled.tags(3)
        #expect(t.topic == "High-level exchanges")
        #expect(t.years == [2020, 2021, 2023, 2024])
        // "In May 2021, … In December, …" → 2021-12; "In January 2024 … In March, … In June, …"
        #expect(t.dates.map(\.description) == ["2020-04", "2021-05", "2021-12", "2023-02", "2024-01", "2024-03", "2024-06"])
        #expect(names(t, .person).isSuperset(of: ["Xi Jinping", "King Philippe", "Wang Yi", "Sophie Wilmes", "Li Keqiang", "Alexander De Croo", "Zhang Guoqing", "Ding Xuexiang"]))
        #expect(names(t, .organization).isSuperset(of: ["Munich Security Conference", "Nuclear Energy Summit", "European Union"]))
        #expect(names(t, .place).contains("Brussels"))
    }

    @Test func amountsAreNotYears() {
        let t = Bundled.tags(4)
        #expect(t.topic == "Trade" && t.section == "Bilateral trade")
        #expect(t.years == [2024])
        #expect(t.dates.map(\.description) == ["2024-01", "2024-09"])
        #expect(!t.entities.contains { $0.name == "US" })
        let local = Bundled.tags(11)
        #expect(local.topic == "Local cooperation")
        #expect(local.years.isEmpty)  // "32 pairs"
        #expect(Bundled.tags(6).years == [1979, 2017, 2021])  // "20 meetings", "17th" are not years
        for amount in ["$2014", "US$2014", "US$ 2014", "€1500 was paid", "RMB2014", "No. 2014",
                       "#2014", "2014% more", "2014 tourists came", "1999 companies"] {
            #expect(Bundled.tagger.tag("In May, \(amount) was noted.").years.isEmpty, "\(amount)")
        }
        for year in ["In 2014 trade grew.", "Since US 2014 figures...", "The 2014 visit.", "By 2014, exports rose."] {
            #expect(Bundled.tagger.tag(year).years == [2014], "\(year)")
        }
    }

    /// Dutch and German months spelled as English ones, written in lower case: "op 3 april 2018" is a day.
    @Test func monthsSpelledAsInEnglish() {
        #expect(Bundled.tagger.tag("Premier Mark Rutte bezocht China op 3 april 2018 en in december 2019.").dates.map(\.description)
                == ["2018-04-03", "2019-12"])
        #expect(Bundled.tagger.tag("Sinds september 2017 verblijven er twee panda's.").dates.map(\.description) == ["2017-09"])
    }

    /// A chronology's line opens with its date and a colon, in any language: a date, not a label.
    @Test func aDatedLineIsNoLabel() {
        for (line, date) in [("Le 27 janvier 1964 : établissement des relations diplomatiques.", "1964-01-27"),
                             ("Op 18 mei 1972: volledige diplomatieke betrekkingen.", "1972-05-18"),
                             ("On 18 May 1972: full diplomatic relations.", "1972-05-18")] {
            let t = Bundled.tagger.tag(line)
            #expect(t.dates.map(\.description) == [date] && t.section == nil, "\(line): \(t.dates) \(t.section ?? "")")
        }
        #expect(Bundled.tagger.tag("Trade: exports grew in 2014.").section == "Trade")
    }

    @Test func rangesAreExpanded() {
        let t = Bundled.tags(7)
        #expect(t.topic == "Culture")
        #expect(t.years == [2015, 2016, 2017, 2018, 2019, 2020, 2023, 2024])
        #expect(names(t, .place).isSuperset(of: ["Brussels", "Antwerp", "Liège", "Namur"]))
    }

    @Test func pandasWithSameYear() {
        let t = Bundled.tags(10)
        #expect(t.topic == "Environment and energy" && t.section == "China-Belgium cooperation on giant pandas")
        #expect(t.dates.map(\.description) == ["2013-09", "2014-02", "2014-03", "2016-06", "2016-09", "2019-08"])
        #expect(names(t, .person).isSuperset(of: ["Li Keqiang", "Elio Di Rupo", "Xi Jinping", "Peng Liyuan", "King Philippe", "Queen Mathilde"]))
        #expect(names(t, .organization).contains("Pairi Daiza"))
    }

    @Test func visitsUseTheGazetteerAndTitles() {
        let t = Bundled.tags(2)
        #expect(t.topic == "High-level exchanges")
        #expect(names(t, .person).isSuperset(of: ["Charles Michel", "Elio Di Rupo", "Guy Verhofstadt", "Yves Leterme", "Princess Astrid"]))
        #expect(t.dates.contains(EventDate(year: 2008, month: 10)))  // "the 7th Asia-Europe Meeting in October"
        #expect(!t.years.contains(17) && !t.years.contains(12))
    }

    @Test func consulates() {
        #expect(Bundled.tags(12).topics.contains("Consular affairs and migration"))
        #expect(names(Bundled.tags(12), .place).isSuperset(of: ["Shanghai", "Guangzhou", "Hong Kong"]))
    }

    @Test func noJunkEntities() {
        let junk: Set<String> = ["In April", "The Chinese", "Among them", "President", "Prime Minister", "March", "April",
                                 "In December", "Chinese", "King", "Belgian Prime Minister", "Crown Prince", "US"]
        for n in 1...12 {
            let found = Set(Bundled.tags(n).entities.map(\.name))
            #expect(found.isDisjoint(with: junk), "paragraph \(n): \(found.intersection(junk))")
        }
    }

    @Test func rulesFindNamesWithoutGazetteer() {
        let tagger = Tagger()
        let t = tagger.tag("In May 2019, President Emmanuel Macron met Chancellor Angela Merkel in Aachen and Strasbourg. The Ministry of Foreign Affairs of Ruritania issued a statement.")
        #expect(names(t, .person).isSuperset(of: ["Emmanuel Macron", "Angela Merkel"]))
        #expect(names(t, .place).isSuperset(of: ["Aachen", "Strasbourg"]))
        #expect(names(t, .organization).contains("Ministry of Foreign Affairs of Ruritania"))
        #expect(t.topic == "High-level exchanges")
    }

    @Test func dateRules() {
        let tagger = Tagger()
        let cases: [(String, [Int], [String])] = [
            ("From 2016 to 2019, four parades were held.", [2016, 2017, 2018, 2019], ["2016"]),
            ("Between 2001 and 2003 trade doubled.", [2001, 2002, 2003], ["2001"]),
            ("The treaty (1902–1909) expired.", Array(1902...1909), ["1902"]),
            ("He visited on 14 March 1879. In May of the same year he left.", [1879], ["1879-03-14", "1879-05"]),
            ("In June 2010 they met. In the following months, 1,500 people came; exports reached US$2014 million.", [2010], ["2010-06"]),
            ("Revenue grew 2015% and 2016 tons were shipped.", [], []),
            // ordinal days, in English and French; with a year, or the year named before
            ("On the 1st of April 2015 he landed; on April 2nd, 2015 he met the premier.", [2015], ["2015-04-01", "2015-04-02"]),
            ("Le 1er avril 2015, il est arrivé. Il est reparti le 1er juin.", [2015], ["2015-04-01", "2015-06-01"]),
            ("In the 21st century, the 4th round opened on 14th March 2019.", [2019], ["2019-03-14"]),
            // counts of units and of people by their role are no years; a year before a role is
            ("The farm covers 1200 hectare and 1800 troops guard it, since the 1989 protesters left.", [1989], ["1989"]),
        ]
        for (text, years, dates) in cases {
            let t = tagger.tag(text)
            #expect(t.years == years, "\(text)")
            #expect(t.dates.map(\.description) == dates, "\(text)")
        }
    }

    @Test func labelsHeadingsAndLexicon() {
        let tagger = Tagger()
        let labelled = tagger.tag("Culture: a festival was held.")
        #expect(labelled.topic == "Culture" && labelled.section == "Culture")
        let headed = tagger.tag("The consulate issued visas.", section: "Consular work")
        #expect(headed.section == "Consular work" && headed.topic == "Consular affairs and migration")
        #expect(tagger.tag("The consulate general issued visas.").topic == "Consular affairs and migration")
        #expect(tagger.tag("Nothing to see here.").topics == [TopicLexicon.fallback])
    }

    /// The lexicon skips words whose first two bytes start no keyword; keywords that cannot be screened that
    /// way (one letter, a non-ASCII start) switch the screen off, and every kind of keyword still matches.
    @Test func lexiconKeywordsOfEveryShape() {
        let screened = TopicLexicon(parsing: "Giant pandas\tpanda*\nTrade\ttrade | sister cit* | goods\n")
        #expect(screened.infer(["two", "pandas", "and", "one", "panda"]).first == "Giant pandas")
        #expect(screened.infer(["trade", "in", "goods", "pandas"]).first == "Trade")
        #expect(screened.infer(["sister", "cities"]).first == "Trade")
        #expect(screened.infer(["sister", "act"]).isEmpty)
        #expect(screened.infer(["pa", "tr", "x"]).isEmpty)
        for text in ["Letters\tx | panda*\n", "Cafés\tcafé* | panda*\n", "Pandas\t熊猫 | panda*\n"] {
            let lexicon = TopicLexicon(parsing: text)
            let topic = String(text.split(separator: "\t")[0])
            #expect(lexicon.infer(["some", "pandas"]).first == (text.contains("panda*") ? topic : nil), "\(text)")
        }
        #expect(TopicLexicon(parsing: "Letters\tx | y\n").infer(["a", "x"]) == ["Letters"])
        #expect(TopicLexicon(parsing: "Alpha\ta* | zebra\n").infer(["apple"]) == ["Alpha"])
        #expect(TopicLexicon(parsing: "Cafés\tcafé*\n").infer(["cafeteria", "cafés"]) == ["Cafés"])
        #expect(TopicLexicon(parsing: "Pandas\tzoo* | 熊猫\n").infer(["the", "熊猫"]) == ["Pandas"])
        #expect(TopicLexicon(parsing: "Pandas\tzoo* | 熊猫\n").infer(["zoos"]) == ["Pandas"])
    }

    @Test func foldingMatchesAccents() {
        #expect(TextFolding.fold("Liège") == "liege")
        #expect(TextFolding.fold("LIÈGE") == "liege")
        // the ASCII fast path agrees with String's own lowercasing, on every ASCII character and on slices
        let ascii = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        #expect(TextFolding.fold(ascii) == ascii.lowercased())
        let text = "Prime Minister DE CROO visited Liège"
        for token in Tokenizer.tokenize(text) {
            #expect(token.folded == String(token.text).lowercased().replacingOccurrences(of: "è", with: "e"))
        }
        #expect(TextFolding.key("  Zürich   Straße ") == "zurich strasse")
    }

    /// The ASCII fast path of `key` agrees with its definition (folded, split on whitespace, joined by one space).
    @Test func keysFromBytesMatchTheDefinition() {
        let alphabet = Array(" \t\n\r\u{0B}\u{0C}\u{1C}\u{1F}aB.-")
        var generator = SystemRandomNumberGenerator()
        var cases = ["", " ", "xi jinping", "Xi  Jinping", " xi", "xi ", "\r\n", "a\r\nb", "Charles\tMichel", "Liège  x"]
        for _ in 0..<2_000 {
            cases.append(String((0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for text in cases {
            let expected = TextFolding.fold(text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            #expect(TextFolding.key(text) == expected, "\(Array(text.utf8))")
        }
    }
}

@Suite struct ParagraphTests {
    @Test func linesOrBlocks() {
        #expect(Paragraphs.split("a\nb\nc\n", markdown: false).map(\.text) == ["a", "b", "c"])
        #expect(Paragraphs.split("a\nb\n\nc\n", markdown: false).map(\.text) == ["a b", "c"])
        // lines that meet between CJK characters join without a space (a word wrapped over two lines stays one)
        #expect(Paragraphs.split("中比贸易伙\n伴关系，\n不断深化。Belgium\nand 中国\n\nx\n", markdown: false).map(\.text)
                == ["中比贸易伙伴关系，不断深化。Belgium and 中国", "x"])
        let md = Paragraphs.split("# Trade\n\nExports rose.\n\n## Culture\nA fair.\n", markdown: true)
        #expect(md.map(\.text) == ["Exports rose.", "A fair."])
        #expect(md.map(\.section) == ["Trade", "Trade > Culture"])
        #expect(md.map(\.line) == [3, 6])
    }

    @Test func decodingRepairs() {
        // UTF-8 (é) with a bad byte: repaired; without any character of two bytes it would be read as Windows-1252
        let (text, warnings) = CorpusReader.decode([0xEF, 0xBB, 0xBF] + Array("oné\r\ntwo\0three\r\n".utf8) + [0xFF, 0x0A], name: "x.txt")
        #expect(text == "oné\ntwo three\n\u{FFFD}\n")
        #expect(warnings.count == 2)
        #expect(warnings.contains { $0.message.contains("line 3") })
    }

    @Test func matcherKeepsIDs() {
        let (outcomes, removed) = PassageMatcher.match(old: ["a", "b", "c"], new: ["new", "a", "B", "c"])
        #expect(outcomes == [.added, .unchanged(old: 0), .changed(old: 1), .unchanged(old: 2)])
        #expect(removed.isEmpty)
        let (o2, r2) = PassageMatcher.match(old: ["a", "b", "c"], new: ["a", "c"])
        #expect(o2 == [.unchanged(old: 0), .unchanged(old: 2)])
        #expect(r2 == [1])
    }
}

@Suite struct RecordCodecTests {
    /// A tagged record of `text`, with a section and a title.
    static func record(_ text: String) -> PassageRecord {
        PassageRecord(id: "abc", file: "dir/é.md", paragraph: 3,
                      source: Paragraph(text: text, section: "Visits", line: 7, id: nil, title: "Titre"),
                      tags: Tagger().tag(text), hash: "h")
    }

    @Test func roundTripAndDamage() throws {
        var record = Self.record("Premier Li Keqiang visited Liège on 3 May 2015. Trade grew in 2016–2018.")
        record.paragraph = 300
        let bytes = record.encoded()
        let back = try PassageRecord.decode(bytes)
        #expect(back == record)
        #expect(!back.events.isEmpty && back.title == "Titre" && back.years == record.years)
        // cut short or unknown: a clear error, never a crash
        for n in [0, 1, 5, bytes.count / 2, bytes.count - 1] {
            #expect(throws: DossierError.self) { try PassageRecord.decode(Array(bytes.prefix(n))) }
        }
        #expect(throws: DossierError.self) { try PassageRecord.decode([9] + bytes.dropFirst()) }
    }

    /// What readers of events decode: every field they use as stored, the others skipped and left empty, and damage
    /// as clear an error as with every field.
    @Test func eventFieldsOnly() throws {
        var record = Self.record("President Xi Jinping paid a state visit to Belgium in March 2014. Trade grew in 2016.")
        record.page = 4
        let bytes = record.encoded()
        let lean = try RecordCodec.decode(bytes, fields: .events)
        #expect(!record.codedEvents.isEmpty && !record.entities.isEmpty && !record.years.isEmpty && !record.events.isEmpty)
        #expect(lean.id == record.id && lean.file == record.file && lean.paragraph == record.paragraph && lean.line == record.line)
        #expect(lean.page == 4 && lean.text == record.text && lean.codedEvents == record.codedEvents && lean.language == record.language)
        #expect(lean.topics.isEmpty && lean.section == nil && lean.title == nil && lean.years.isEmpty && lean.dates.isEmpty)
        #expect(lean.entities.isEmpty && lean.events.isEmpty && lean.hash.isEmpty)
        for n in [0, 1, 5, bytes.count / 2, bytes.count - 1] {
            #expect(throws: DossierError.self) { try RecordCodec.decode(Array(bytes.prefix(n)), fields: .events) }
        }
    }

    /// Layout 2: compressed with the index's dictionary, found by its id among those of several indexes;
    /// layout 1 still read; damage and an unknown dictionary give a clear error.
    @Test func compressedRecordsOfSeveralIndexes() throws {
        let tagger = Tagger()
        func record(_ n: Int) -> PassageRecord {
            let text = "Premier Li Keqiang visited Antwerp on 3 May \(2000 + n % 20) to discuss trade number \(n)."
            return PassageRecord(id: "id\(n)", file: "f\(n % 7).txt", paragraph: n, source: Paragraph(text: text, section: nil, line: n, id: nil, title: nil),
                                 tags: tagger.tag(text), hash: "h\(n)")
        }
        let records = (0..<300).map(record)
        let a = try #require(RecordDictionary(bytes: try DictionaryCodec.train(samples: records.map { $0.encoded() }, capacity: 8192)))
        let b = try #require(RecordDictionary(bytes: Array("Another index, another dictionary: Brussels, Beijing.".utf8)))
        #expect(a.id != b.id)
        let writerA = try RecordWriter(a), writerB = try RecordWriter(b), plain = try RecordWriter(nil)
        let reader = RecordReader(databases: [])
        let both = RecordReader(dictionaries: [a, b])
        for r in records.prefix(50) {
            let packedA = try writerA.encode(r), packedB = try writerB.encode(r)
            #expect(packedA.first == RecordCodec.compressedFormat && packedA.count * 2 < r.encoded().count)
            #expect(try both.decode(packedA) == r && (try both.decode(packedB)) == r)
            #expect(try writerA.decode(packedA) == r)
            #expect(try plain.encode(r) == r.encoded() && (try reader.decode(r.encoded())) == r)
            // a reader without the dictionary, a writer with another one, damage: errors
            #expect(throws: DossierError.self) { try reader.decode(packedA) }
            #expect(throws: DossierError.self) { try writerB.decode(packedA) }
            for n in [1, 5, 7, packedA.count - 1] {
                #expect(throws: DossierError.self) { try both.decode(Array(packedA.prefix(n))) }
            }
        }
    }
}

@Suite struct UpdateJournalTests {
    /// Every kind of change survives encoding; a truncated or altered journal is refused, not half replayed.
    @Test func roundTripAndDamage() throws {
        var journal = UpdateJournal(shards: ["shard-g1-0", "shard-g1-1"])
        journal.changes[0] = [.add(document: [1, 2, 3]), .replace(uniqueTerm: "Qabc", document: Array("doc".utf8)),
                              .replaceDocid(7, document: []), .delete(uniqueTerm: "Qgone")]
        journal.changes[1] = [.deleteDocid(9), .metadata(key: "dossier:stats", value: "a.txt\t1\t2\t3\nb\\tc.txt\t4\t5\t6")]
        let bytes = journal.encoded()
        let back = try #require(UpdateJournal.decode(bytes))
        #expect(back.shards == journal.shards)
        #expect(back.changes == journal.changes)
        #expect(UpdateJournal.decode(Array(bytes.dropLast())) == nil)
        #expect(UpdateJournal.decode(Array(bytes.prefix(30))) == nil)
        var altered = bytes
        altered[40] ^= 0x01
        #expect(UpdateJournal.decode(altered) == nil)
        #expect(UpdateJournal.decode([]) == nil)
    }
}
