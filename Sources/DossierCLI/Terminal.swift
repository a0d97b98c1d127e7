#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif

/// Where output goes and how it looks: colour only on a terminal, never when piped or with NO_COLOR.
package enum Terminal {
    package static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }
    package static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }

    /// Whether output is coloured: stdout is a terminal, `NO_COLOR` is unset or empty, `TERM` is not `dumb`. Read
    /// once (every styled piece of text asks; building the environment's dictionary each time cost an answer of
    /// `dossier ask` ~2 ms).
    package static let useColor: Bool = {
        if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return stdoutIsTTY
    }()

    package static func bold(_ s: String) -> String { useColor ? "\u{1B}[1m\(s)\u{1B}[22m" : s }
    package static func dim(_ s: String) -> String { useColor ? "\u{1B}[2m\(s)\u{1B}[22m" : s }
    package static func accent(_ s: String) -> String { useColor ? "\u{1B}[36m\(s)\u{1B}[39m" : s }
    package static var boldOpen: String { useColor ? "\u{1B}[1;33m" : "" }
    package static var boldClose: String { useColor ? "\u{1B}[22;39m" : "" }

    /// One line on stderr.
    package static func error(_ line: String) {
        write(line + "\n", to: 2)
    }

    package static func output(_ text: String) {
        write(text + "\n", to: 1)
    }

    /// All of `text` to file descriptor `fd` (1 stdout, 2 stderr); stops quietly when it is closed.
    package static func write(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n > 0 {
                    offset += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}

/// A progress bar on stderr, redrawn at most ten times a second; silent when stderr is not a terminal.
package final class ProgressBar {
    private let enabled: Bool
    private var lastDraw = Date.distantPast
    private var drawn = false
    private let label: String

    package init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled && Terminal.stderrIsTTY
    }

    package func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        Terminal.write("\r\(label) \(bar) \(done)/\(total) files", to: 2)
        drawn = true
    }

    package func finish() {
        guard enabled, drawn else { return }
        Terminal.write("\r\u{1B}[K", to: 2)
    }
}
