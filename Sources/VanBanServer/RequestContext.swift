import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's core values plus the connection, through which
/// a route learns when its client goes away (see `ConnectionGuard`).
public struct VanBanRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// The signal of this request's connection; nil when the connection has no `ConnectionGuard`
    /// (in-process router tests).
    func connectionSignal() async -> ConnectionSignal? {
        let channel = self.channel
        return try? await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.handler(type: ConnectionGuard.self).signal
        }.get()
    }
}
