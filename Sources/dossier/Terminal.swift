import Foundation

/// Where output goes and how it looks: colour only on a terminal, never when piped or with NO_COLOR.
enum Terminal {
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }

    static var useColor: Bool {
        let env = ProcessInfo.processInfo.environment
        if env["NO_COLOR"].map({ !$0.isEmpty }) ?? false { return false }
        if env["TERM"] == "dumb" { return false }
        return stdoutIsTTY
    }

    static func bold(_ s: String) -> String { useColor ? "\u{1B}[1m\(s)\u{1B}[22m" : s }
    static func dim(_ s: String) -> String { useColor ? "\u{1B}[2m\(s)\u{1B}[22m" : s }
    static func accent(_ s: String) -> String { useColor ? "\u{1B}[36m\(s)\u{1B}[39m" : s }
    static var boldOpen: String { useColor ? "\u{1B}[1;33m" : "" }
    static var boldClose: String { useColor ? "\u{1B}[22;39m" : "" }

    /// One line on stderr.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}

/// A progress bar on stderr, redrawn at most ten times a second; silent when stderr is not a terminal.
final class ProgressBar {
    private let enabled: Bool
    private var lastDraw = Date.distantPast
    private var drawn = false
    private let label: String

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled && Terminal.stderrIsTTY
    }

    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(done)/\(total) files".utf8))
        drawn = true
    }

    func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
