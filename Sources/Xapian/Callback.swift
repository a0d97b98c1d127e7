/// A Swift closure crossing the shim as the context pointer of a C callback.
final class Callback: Sendable {
    let body: @Sendable () -> Void

    init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
    }

    /// Calls the closure of a context passed retained, then releases it: for a callback called exactly once.
    static let callAndRelease: @convention(c) (UnsafeMutableRawPointer?) -> Void = { context in
        Unmanaged<Callback>.fromOpaque(context!).takeRetainedValue().body()
    }
}
