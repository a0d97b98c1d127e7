/// Dossier's action names: finer than CAMEO where CAMEO has none (`state visit`, `phone call`), each a kind of a
/// broader action (`state visit` is a `visit`), so that `--action visit` finds every visit. These names are a
/// contract, like the topic vocabulary.
public enum EventActions {
    /// The broader action of each kind.
    public static let parents: [String: String] = [
        "state visit": "visit", "official visit": "visit", "working visit": "visit", "private visit": "visit",
        "phone call": "call", "video call": "call", "summit attendance": "meeting",
        "military cooperation": "cooperation",
        "economic cooperation": "cooperation", "judicial cooperation": "cooperation", "military aid": "aid",
        "economic aid": "aid", "humanitarian aid": "aid", "recognition": "diplomatic relations",
        "breaking relations": "sanctions", "expulsion": "coercion", "arrest": "coercion", "air strike": "assault",
    ]

    /// The action of a CAMEO code: the entry of its longest prefix.
    static let byCode: [String: String] = [
        "017": "symbolic act", "03": "commitment", "036": "invitation", "04": "consultation", "040": "meeting", "041": "call", "042": "visit",
        "043": "visit", "044": "meeting", "045": "mediation", "046": "talks", "05": "diplomatic relations",
        "050": "diplomatic relations", "051": "statement of support", "052": "statement of support",
        "053": "reconciliation", "054": "recognition", "055": "apology", "056": "pardon", "057": "signing",
        "06": "cooperation", "061": "economic cooperation", "062": "military cooperation", "063": "judicial cooperation",
        "064": "intelligence sharing", "07": "aid", "071": "economic aid", "072": "military aid", "073": "humanitarian aid",
        "074": "peacekeeping", "075": "asylum", "08": "concession", "09": "investigation", "10": "demand",
        "11": "criticism", "112": "accusation", "12": "rejection", "13": "threat", "14": "protest", "15": "mobilization",
        "16": "sanctions", "161": "breaking relations", "166": "expulsion", "17": "coercion", "173": "arrest",
        "174": "expulsion", "18": "assault", "19": "fighting", "195": "air strike", "20": "mass violence",
    ]

    /// The action of every CAMEO code Dossier codes: the entry of its longest prefix in `byCode`.
    static let baseAction: [String: String] = {
        var table: [String: String] = [:]
        for code in Array(EventTables.cameo.keys) + ["017"] {
            var prefix = code
            while !prefix.isEmpty {
                if let a = byCode[prefix] { table[code] = a; break }
                prefix.removeLast()
            }
        }
        return table
    }()

    /// The action of an event coded `cameo`, from the verb's base form, the words around it and the verb's own
    /// words (folded, in order: "paid a working visit").
    static func action(cameo: String, lemma: String, words: [String], phrase: [String]) -> String {
        let base = baseAction[cameo] ?? "event"
        if ["03", "04", "05"].contains(String(cameo.prefix(2))),
           words.contains(where: { ["letter", "letters", "message", "messages"].contains($0) }) {
            return "letter or message"
        }
        switch base {
        case "visit":
            for (a, b) in zip(phrase, phrase.dropFirst()) where b == "visit" && ["state", "official", "working", "private"].contains(a) {
                return a + " visit"
            }
        case "call":
            if words.contains("video") { return "video call" }
            if words.contains("phone") || words.contains("telephone") || words.contains("telephoned") || lemma == "phone" { return "phone call" }
        case "meeting", "consultation", "talks":
            if words.contains("summit") { return "summit attendance" }
            if base == "meeting", words.contains("talks") { return "talks" }
        default:
            break
        }
        return base
    }

    /// An action and every broader one: the terms a passage gets, so that a kind matches its parent.
    public static func withParents(_ action: String) -> [String] {
        var out = [action]
        var a = action
        while let p = parents[a], !out.contains(p) {
            out.append(p)
            a = p
        }
        return out
    }
}
