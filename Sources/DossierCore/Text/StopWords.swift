/// Stop words: dropped from queries (not from the index, so phrases still match them).
///
/// English: the Snowball project's list (the companion of the English stemmer), plus the few extra forms NLTK's
/// list has, dropped from every query. Other languages: python-stop-words' lists (`Data/query-stopwords.tsv`,
/// written by `Tools/languages/generate.py`), dropped from questions and descriptions only (they hold a few nouns,
/// "etat", "debut", that a keyword query means). A query made only of stop words is searched as written.
public enum StopWords {
    /// The stop words of a query parsed for `language` (an ISO 639-1 code).
    public static func forQuery(_ language: String) -> Set<String> {
        language == "en" || language == "zh" ? english : others[language] ?? []
    }

    /// Folded stop words of the other languages.
    static let others: [String: Set<String>] = Dictionary(
        lists(PackageResources.query_stopwords_tsv).map { ($0.language, Set($0.words)) }, uniquingKeysWith: { a, _ in a })

    /// The lists of a stop-word file that `Tools/languages/generate.py` writes: `language<TAB>word|word|…` lines,
    /// `#` comments.
    static func lists(_ file: [UInt8]) -> [(language: String, words: [String])] {
        String(decoding: file, as: UTF8.self).tableRows().compactMap { f in
            guard f.count == 2, !f[0].isEmpty, !f[1].isEmpty else { return nil }
            return (String(f[0]), f[1].words(separatedBy: UInt8(ascii: "|")).map(String.init))
        }
    }

    /// English auxiliaries and forms of "be" and "have" that make a clause finite: a line with one is a sentence, not
    /// a title (`Paragraphs`), and text before a colon with one is no label (`Tagger.clauseWords`).
    static let auxiliaries: Set<String> = ["is", "are", "was", "were", "has", "have", "had", "will", "would", "shall",
                                           "should", "can", "could", "may", "might", "must", "does", "did"]

    public static let english: Set<String> = [
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
        "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
        "they", "them", "their", "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these",
        "those", "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do",
        "does", "did", "doing", "would", "should", "could", "ought", "i'm", "you're", "he's", "she's", "it's",
        "we're", "they're", "i've", "you've", "we've", "they've", "i'd", "you'd", "he'd", "she'd", "we'd",
        "they'd", "i'll", "you'll", "he'll", "she'll", "we'll", "they'll", "isn't", "aren't", "wasn't",
        "weren't", "hasn't", "haven't", "hadn't", "doesn't", "don't", "didn't", "won't", "wouldn't", "shan't",
        "shouldn't", "can't", "cannot", "couldn't", "mustn't", "let's", "that's", "who's", "what's", "here's",
        "there's", "when's", "where's", "why's", "how's", "a", "an", "the", "and", "but", "if", "or", "because",
        "as", "until", "while", "of", "at", "by", "for", "with", "about", "against", "between", "into", "through",
        "during", "before", "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off",
        "over", "under", "again", "further", "then", "once", "here", "there", "when", "where", "why", "how",
        "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only",
        "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don", "now",
    ]
}
