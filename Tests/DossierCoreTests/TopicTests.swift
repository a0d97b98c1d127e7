import Testing
@testable import DossierCore

/// Plain-text structure, sections and the topic vocabulary (issue 29): made-up texts in the shapes of real
/// relations articles copied from web pages.
@Suite struct StructureTests {
    func split(_ text: String) -> [Paragraph] { Paragraphs.split(text, markdown: false) }

    @Test func headingLinesGiveTheirSectionAndAreNotPassages() {
        let ps = split("""
        Ruritania and Freedonia have had relations since 1920.
        Trade
        Freedonia exports timber to Ruritania, and imports cheese and wine from it.
        State visits
        The King of Ruritania visited Freedonia in 1999, and the President returned the visit in 2001.
        """)
        #expect(ps.map(\.line) == [1, 3, 5])
        #expect(ps.map(\.section) == [nil, "Trade", "State visits"])
    }

    @Test func aOneLineSentenceStaysAPassage() {
        let ps = split("""
        The embassy closed in 2012.
        Relations were restored in 2015, when both countries reopened their embassies and named ambassadors.
        """)
        #expect(ps.count == 2 && ps.allSatisfy { $0.section == nil })
        // a title-like line with nothing after it, or with a shorter line after it, stays too
        #expect(split("Ruritania and Freedonia\nShort line here.\n").count == 2)
        #expect(split("A paragraph of several words here.\nTrade\n").map(\.text) == ["A paragraph of several words here.", "Trade"])
        // a line with a finite verb is a sentence without its full stop, not a heading
        let embassy = split("""
        Ruritania has an embassy in Freedonia
        Freedonia has an embassy in Ruritania and consulates in two other cities, and the two trade a great deal.
        """)
        #expect(embassy.count == 2 && embassy.allSatisfy { $0.section == nil })
        #expect(split("Trade and investment\nBoth countries signed a trade agreement in 2015, and exports doubled since then.\n").first?.section
                == "Trade and investment")
        #expect(split("May 2015 elections\nBoth countries sent observers to the elections, and their reports agreed on every point.\n").first?.section
                == "May 2015 elections")
    }

    @Test func numberedAndCapitalHeadings() {
        let ps = split("""
        2 Economy
        2.1 Trade
        Exports of timber doubled between 2001 and 2005, as tariffs on wood were cut.
        2.2 Investment
        Freedonian firms invested 2 billion dollars in Ruritanian ports.
        BILATERAL TREATIES
        Twelve treaties are in force between the two countries, the oldest from 1921.
        """)
        #expect(ps.map(\.section) == ["2 Economy > 2.1 Trade", "2 Economy > 2.2 Investment", "BILATERAL TREATIES"])
        // a year or a figure first is not a section number
        #expect(split("2008 was a good year\nTrade grew by a third in 2008, and investment by a half.\n").count == 2)
    }

    @Test func headingsInARowNestAndAListIsNotHeadings() {
        let ps = split("""
        Bilateral relations
        Africa
        Freedonia has an embassy in Lagos and a consulate in Accra, and sends aid to Chad.
        Americas
        Freedonia has embassies in Mexico City and Lima, opened in 1990.
        """)
        #expect(ps.map(\.section) == ["Bilateral relations > Africa", "Bilateral relations > Americas"])
        // title-like lines in a longer row are a list: its items stay passages (the last one heads the text)
        let list = split("Member of:\nAsean\nCommonwealth\nUnited Nations\nWorld Bank\nInterpol\nFreedonia joined these bodies between 1960 and 1990, one by one.\n")
        #expect(list.map(\.text).contains("Commonwealth") && list.map(\.text).contains("United Nations"))
        // after a lead-in ending with a colon, the last item too is an item: the text below is in the lead-in's section
        let short = split("""
        Foreign support
        Freedonia receives support from donor programs of:
        World Bank
        Interpol
        Between 1991 and 2003 the bank invested 1.2 billion euros in projects in Freedonia.
        """)
        #expect(short.map(\.text).contains("Interpol"))
        #expect(short.last?.section == "Foreign support")
        // an acronym is an item too; a longer line in capitals is a heading, which ends the list
        let acronyms = split("""
        Foreign support
        Freedonia receives support from:
        USAID
        World Bank
        Between 1991 and 2003 the bank invested 1.2 billion euros in projects in Freedonia.
        Freedonia has signed these agreements:
        Trade Agreement
        Visa Agreement
        CULTURE
        Music
        Freedonian bands have toured Ruritania every summer since 1995, to full halls.
        """)
        #expect(acronyms.map(\.text).contains("USAID") && acronyms[3].section == "Foreign support")
        #expect(acronyms.last?.section == "CULTURE > Music")
    }

    @Test func crossReferenceLinesAreDropped() {
        let ps = split("""
        Europe
        See Freedonia–Ruritania relations
        Freedonia has an embassy in Ruritania's capital, opened in 1990.
        See Freedonia–Sylvania relations In 1918, Freedonia was the first to recognise Sylvania.
        See Freedonia–Ostland relations In 1918, the two restored ties
        Main article: Freedonian foreign policy
        See the treaty's text.
        """)
        // the bare pointer is neither a heading nor a passage; a paragraph that starts with one, and a sentence, stay
        #expect(ps.map(\.section) == ["Europe", "Europe", "Europe", "Europe"])
        #expect(ps.map(\.text) == ["Freedonia has an embassy in Ruritania's capital, opened in 1990.",
                                    "See Freedonia–Sylvania relations In 1918, Freedonia was the first to recognise Sylvania.",
                                    "See Freedonia–Ostland relations In 1918, the two restored ties",
                                    "See the treaty's text."])
    }

    @Test func imageFileNamesAreDropped() {
        let ps = split("Map_of_Freedonia_(1861).jpg\nFile:Flag of Ruritania.svg\nFreedonia lies north of Ruritania.\n")
        #expect(ps.map(\.text) == ["Freedonia lies north of Ruritania."])
    }

    @Test func markdownHeadingsGiveAPath() {
        let ps = Paragraphs.split("# Relations\n\n## Trade\n\nExports rose.\n\n# Culture\n\nA fair.\n", markdown: true)
        #expect(ps.map(\.section) == ["Relations > Trade", "Culture"])
    }
}

@Suite struct TopicTests {
    let tagger = Tagger()

    @Test func labelsAreShortNounPhrases() {
        #expect(tagger.tag("Bilateral trade: exports rose by a tenth.").section == "Bilateral trade")
        #expect(tagger.tag("Giant pandas: two pandas arrived.").section == "Giant pandas")
        for sentence in [
            "Freedonia's first Prime Minister also said: we shall be friends.",
            "Refugees by country of origin are: 200 from Ruritania.",
            "December 2008: the border was closed.",
            "Among them: the King of Ruritania.",
            "The leaders who visited Freedonia in recent years include: the King.",
            "MAIN RELIGIONS | Majority: Christian",
        ] {
            #expect(tagger.tag(sentence).section == nil, "\(sentence)")
        }
    }

    @Test func aHeadingThatNamesATopicGivesIt() {
        let words = "Ruritania and Freedonia signed an agreement in 2004."
        #expect(tagger.tag(words, section: "State visits").topic == "High-level exchanges")
        #expect(tagger.tag(words, section: "Bilateral trade").topic == "Trade")
        #expect(tagger.tag(words, section: "Military and security").topic == "Military and security")
        // "History" names no topic: the passage's words decide
        let history = tagger.tag("The two countries fought a war over the border in 1932, and signed a ceasefire in 1935.", section: "History")
        #expect(history.section == "History" && history.topic == "Conflicts and disputes")
        // only the innermost heading counts: "Bilateral relations > Freedonia" names none
        #expect(tagger.tag("Freedonia sent doctors and medical supplies to fight the epidemic.",
                           section: "Disputes > Freedonia").topic == "Health")
    }

    @Test func passagesGetOneToThreeTopicsFromTheVocabulary() {
        let many = tagger.tag("In 2010 the two countries signed a free trade agreement cutting tariffs on exports, "
            + "opened an embassy in each capital, and agreed on visas for students at their universities.")
        #expect(many.topics.first == "Trade")
        #expect((1...3).contains(many.topics.count) && Set(many.topics).count == many.topics.count)
        #expect(many.topics.contains("Education") || many.topics.contains("Consular affairs and migration")
                || many.topics.contains("Diplomatic relations"))
        let vocabulary = Set(TopicLexicon.builtIn.vocabulary)
        for text in [
            "Freedonia sent 2 million dollars of humanitarian aid after the earthquake.",
            "Ruritania extradited two drug traffickers to Freedonia.",
            "The two countries voted together at the United Nations General Assembly.",
            "Refugees from Ruritania settled in Freedonia; the diaspora numbers 50,000.",
            "Sister cities: Fredville and Rurburg were twinned in 1988.",
            "The mountains are high and the rivers long.",
        ] {
            let t = tagger.tag(text)
            #expect(t.topics.allSatisfy(vocabulary.contains), "\(text): \(t.topics)")
        }
        #expect(tagger.tag("The mountains are high and the rivers long.").topics == ["General"])
        #expect(tagger.tag("Ruritania extradited two drug traffickers to Freedonia.").topic == "Law enforcement and justice")
        #expect(tagger.tag("Freedonia sent 2 million dollars of humanitarian aid after the earthquake.").topic == "Development aid")
    }

    @Test func evidenceNamesTheKeywordsThatScored() {
        let tagger = Tagger()
        let text = "Exports of goods rose after the state visit."
        let evidence = tagger.topicEvidence(text)
        // the same scores as tagging: the first topic is the one the passage gets
        #expect(evidence.first?.topic == tagger.tag(text).topic)
        let trade = evidence.first { $0.topic == "Trade" }
        #expect(trade?.keywords.contains("export*^2") == true && trade?.keywords.contains("goods") == true)
        #expect(evidence.contains { $0.topic == "High-level exchanges" && $0.keywords.contains("state visit^2") })
    }

    @Test func internationalOrganizationsAreActorsAndMultilateralWork() {
        let tagger = Tagger()
        // the words of an organization's name are not the passage's subject; naming it is multilateral work
        let text = "Both countries are members of the Asia-Pacific Economic Cooperation and the World Trade Organization."
        #expect(tagger.tag(text).topics == ["Multilateral cooperation"])
        let evidence = tagger.topicEvidence(text)
        #expect(evidence.first?.topic == "Multilateral cooperation" && !evidence.contains { $0.topic == "Economic cooperation" })
        #expect(evidence.first?.keywords.contains("2 international organizations named^2") == true)
    }

    @Test func anOfficesPortfolioIsNotTheSubject() {
        let tagger = Tagger()
        // the titles say who travelled; the passage is about the visit
        for text in ["Ruritania's Foreign Affairs and Trade Minister arrived in Freedonia for a three-day visit.",
                     "The Minister for Foreign Affairs and Trade of Ruritania arrived in Freedonia for a three-day visit.",
                     "Ruritanian Trade & Industry Minister Jan Kowal visited Freedonia."] {
            #expect(tagger.tag(text).topics == ["High-level exchanges"], "\(text)")
        }
        // a portfolio in lower case is not a title but words about trade
        #expect(tagger.tag("The two ministers of trade met to discuss tariffs on exports.").topic == "Trade")
        // an office after an international organization's name does not reach back into it
        let nato = "The NATO Secretary General discussed the border tensions with both defence ministers."
        #expect(tagger.tag(nato).topics.contains("Conflicts and disputes"))
        // the words the lexicon reads: an office after an organization's name of several words leaves that name whole;
        // a participle before an office is no portfolio; nor is a heading in capitals one
        func words(_ text: String) -> [String] {
            let tokens = Tokenizer.tokenize(text)
            let folded = tokens.map(\.lookupForm)
            return Tagger.topicWords(tokens, folded: folded, mentions: tagger.entityTagger.tag(tokens, folded: folded)).words
        }
        let apec = words("Asia-Pacific Economic Cooperation Secretary spoke.")
        #expect(apec.count == 3 && apec.first?.hasPrefix("#") == true && Array(apec.dropFirst()) == ["secretary", "spoke"], "\(apec)")
        #expect(words("Visiting Foreign Minister Wang Yi met his counterpart.").prefix(2) == ["visiting", "minister"])
        #expect(!words("The Minister for the Environment of Ruritania met them.").contains("environment"))
        #expect(words("FREE TRADE AGREEMENT AS TRADE MINISTER VISITS").filter { $0 == "trade" }.count == 2)
        // an organization counts once as an actor, not also as its own keyword ("nato")
        let evidence = tagger.topicEvidence("Ruritania joined NATO in 2004.")
        #expect(evidence.first { $0.topic == "Multilateral cooperation" }?.score == 2)
    }

    @Test func theVocabularyIsTheContract() {
        #expect(TopicLexicon.builtIn.vocabulary == [
            "Diplomatic relations", "High-level exchanges", "Trade", "Investment", "Economic cooperation",
            "Development aid", "Military and security", "Conflicts and disputes", "Consular affairs and migration",
            "Multilateral cooperation", "Culture", "Education", "Science and technology", "Transportation", "Tourism",
            "Health", "Environment and energy", "Agriculture and fisheries", "Local cooperation", "Human rights",
            "Law enforcement and justice", "General",
        ])
        #expect(TopicLexicon.builtIn.problems.isEmpty)
    }

    /// Every passage of the bundled corpus: sections are its own labels, topics come from the vocabulary.
    @Test func theBundledCorpus() throws {
        let text = Bundled.lines.joined(separator: "\n")
        let passages = Paragraphs.split(text, markdown: false)
        let expected: [(topic: String, section: String?)] = [
            ("Diplomatic relations", nil), ("High-level exchanges", nil), ("High-level exchanges", nil),
            ("Trade", "Bilateral trade"), ("Investment", "Mutual investment"),
            ("Science and technology", "Science and technology"), ("Culture", "Culture"), ("Education", "Education"),
            ("Transportation", "Transportation"), ("Environment and energy", "China-Belgium cooperation on giant pandas"),
            ("Local cooperation", "Local cooperation"), ("Consular affairs and migration", nil),
        ]
        try #require(passages.count == expected.count)
        let vocabulary = Set(Bundled.tagger.lexicon.vocabulary)
        for (n, (passage, want)) in zip(passages, expected).enumerated() {
            let t = Bundled.tagger.tag(passage.text, section: passage.section)
            #expect(t.topic == want.topic && t.section == want.section, "paragraph \(n + 1): \(t.topics) \(t.section ?? "-")")
            #expect(t.topics.allSatisfy(vocabulary.contains) && t.topics.count <= 3)
        }
    }

    @Test func aUsersFileAddsKeywordsAndTopics() {
        let lexicon = TopicLexicon.withUserFile("Environment and energy\tpanda*^2\nSpace race\trocket*^3\n")
        #expect(lexicon.problems.isEmpty)
        let tagger = Tagger(lexicon: lexicon)
        #expect(tagger.tag("Two giant pandas arrived at the park.").topic == "Environment and energy")
        #expect(tagger.tag("Both launched rockets.").topic == "Space race")
        #expect(lexicon.vocabulary.suffix(2) == ["Space race", "General"])
        #expect(TopicLexicon.withUserFile("Trade\tfoo^x\n").problems.count == 1)
    }
}
