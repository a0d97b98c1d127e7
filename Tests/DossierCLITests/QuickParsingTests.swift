import ArgumentParser
import DossierCore
import Testing
import TestSupport

@testable import dossier

/// `dossier search`'s quick parsing (SearchInvocation) gives what ArgumentParser gives, or leaves the arguments to it.
@Suite struct QuickParsingTests {
    /// What ArgumentParser makes of `dossier search ARGUMENTS`, or nil when it rejects them.
    func parsed(_ arguments: [String]) -> SearchInvocation? {
        guard let command = try? Dossier.parseAsRoot(["search"] + arguments) else { return nil }
        return (command as? Dossier.SearchCommand)?.invocation
    }

    @Test(arguments: [
        [], ["trade"], ["giant", "panda", "--json"], ["--json", "trade"], ["trade", "--index", "ix", "--index", "tcp://h:1"],
        ["--index=ix", "--limit", "3", "--offset=2", "--facets", "0", "--estimate-total", "pandas"],
        ["--year", "2014", "--year=2016", "--from", "1990", "--to=2000", "visit"],
        ["--topic", "culture", "--entity", "Li Keqiang", "--file", "sub/", "--corpus", "C", "--sort", "date"],
        ["\"state visit\"", "year:2013..2016", "OR", "king", "--sort=relevance", "--limit=0"],
        ["+5", "--limit", "+7"], ["a=b", "--entity=x=y"],
    ])
    func plainSearchesParseAsArgumentParserParsesThem(_ arguments: [String]) throws {
        let quick = try #require(SearchInvocation(quickParsing: arguments))
        #expect(quick == parsed(arguments))
    }

    @Test(arguments: [
        ["--help"], ["-h"], ["trade", "-china"], ["--", "trade"], ["--bogus", "x"], ["--limit", "-1"], ["--limit=-1"],
        ["--limit", "ten"], ["--year", "12345"], ["--from", "-5"], ["--sort", "-date"], ["--sort", "random"],
        ["--limit", "5", "--limit", "6"], ["--json", "--json"], ["--json=1"], ["--index"], ["--index="], ["--topic", "--json"],
        ["--version"], ["-j"],
    ])
    func otherArgumentsAreLeftToArgumentParser(_ arguments: [String]) {
        #expect(SearchInvocation(quickParsing: arguments) == nil)
    }

    /// `--sort -date`, as the usage writes it: a value, not an option.
    @Test func sortTakesMinusDateAsItsValue() throws {
        #expect(parsed(["embassy", "--sort", "-date"])?.request.sort == .dateDescending)
        #expect(parsed(["--sort", "-date", "embassy"])?.request.query == "embassy")
    }

    /// Random mixes of words, options and values, valid and not: whenever the quick parser accepts one,
    /// ArgumentParser accepts it too and reads the same search.
    @Test func randomArgumentsParseTheSameOrAreLeft() {
        let tokens = ["trade", "giant", "panda", "OR", "year:2014", "-x", "--", "--json", "--estimate-total", "--help",
                      "--index", "--index=a", "--year", "--year=1999", "--from", "--to=2020", "--topic", "--entity=Xi",
                      "--file", "--corpus", "--limit", "--limit=4", "--offset", "--facets=0", "--sort", "--sort=date",
                      "--bogus", "0", "7", "-3", "12000", "date", "-date", "relevance", "culture", "a/b", ""]
        var generator = SeededGenerator()
        print("randomArgumentsParseTheSameOrAreLeft: \(generator)")
        var quick = 0
        for _ in 0..<300 {
            let arguments = (0..<Int.random(in: 0...6, using: &generator)).map { _ in tokens.randomElement(using: &generator)! }
            guard let invocation = SearchInvocation(quickParsing: arguments) else { continue }
            quick += 1
            #expect(invocation == parsed(arguments), "\(arguments), \(generator)")
        }
        #expect(quick > 30)
    }
}
