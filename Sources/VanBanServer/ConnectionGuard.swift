import HTTPTypes
import Logging
import NIOCore
import NIOHTTPTypes

/// Read deadlines for one HTTP/1 connection, and the signal that its client went away.
///
/// - The request head must arrive in full within `headerTimeout` of the connection opening
///   (within `idleTimeout` of the previous response ending on a kept-alive connection).
/// - The request body must arrive in full within `bodyTimeout` of its head.
///
/// A client past either deadline (trickling headers or body) is disconnected, so slow clients can
/// neither hold file descriptors nor tie up the service. No deadline runs while a response is being
/// produced: renders have their own time limit. When the client closes its side or the connection
/// drops, `signal` cancels whatever render the connection's request registered with it.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let signal = ConnectionSignal()
    private let headerTimeout: TimeAmount
    private let bodyTimeout: TimeAmount
    private let idleTimeout: TimeAmount
    private let logger: Logger
    private var deadline: Scheduled<Void>?
    private var readingBody = false
    /// Requests whose response has not ended yet (HTTP/1 pipelining may stack them).
    private var open = 0

    init(headerTimeout: TimeAmount, bodyTimeout: TimeAmount, idleTimeout: TimeAmount, logger: Logger) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context, headerTimeout, "request headers") }
    }

    func handlerRemoved(context: ChannelHandlerContext) { disarm() }

    func channelActive(context: ChannelHandlerContext) {
        arm(context, headerTimeout, "request headers")
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        signal.close()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            open += 1
            readingBody = true
            arm(context, bodyTimeout, "request body")
        case .body:
            break
        case .end:
            readingBody = false
            disarm()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            open = max(0, open - 1)
            // Answered before its body was read (413, 415…): the body deadline keeps running.
            if open == 0 && !readingBody { arm(context, idleTimeout, "the next request") }
        }
        context.write(data, promise: promise)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed { signal.close() }
        context.fireUserInboundEventTriggered(event)
    }

    private func arm(_ context: ChannelHandlerContext, _ timeout: TimeAmount, _ what: String) {
        disarm()
        let logger = self.logger
        let loop = context.eventLoop.assumeIsolated()
        deadline = loop.scheduleTask(in: timeout) { [weak self] in
            guard let self else { return }
            self.deadline = nil
            logger.debug("closing a slow connection", metadata: ["waiting_for": .string(what)])
            self.signal.close()
            context.close(promise: nil)
        }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }
}
