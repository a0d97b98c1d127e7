import Foundation
import Testing
@testable import Xapian

@Suite struct ProcessorsTests {
    /// The body runs once, on a new thread that starts away from the caller's core and is then free to move: it
    /// may run on every core the caller may (the placement itself is the scheduler's to honour; BENCHMARKS.md
    /// measures what it changes).
    @Test func aThreadStartedElsewhereRunsItsBodyOnceOnAThreadFreeToMove() throws {
        let callerCores = try #require(Processors.allowed)
        let seen = Observed()
        let done = DispatchSemaphore(value: 0)
        let caller = pthread_self()
        let started = Processors.startThreadElsewhere {
            seen.record(onCaller: pthread_equal(pthread_self(), caller) != 0, cores: Processors.allowed)
            done.signal()
        }
        #expect(started)
        #expect(done.wait(timeout: .now() + 10) == .success)
        let runs = seen.runs
        #expect(runs.count == 1)
        #expect(runs.first?.onCaller == false)
        #expect(runs.first?.cores == callerCores)
    }
}

private final class Observed: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [(onCaller: Bool, cores: Int?)] = []
    func record(onCaller: Bool, cores: Int?) {
        lock.lock()
        recorded.append((onCaller, cores))
        lock.unlock()
    }
    var runs: [(onCaller: Bool, cores: Int?)] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }
}
