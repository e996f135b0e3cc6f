import CoreMetrics
import Foundation
import Prometheus

/// The service's metrics, recorded through swift-metrics and exposed by swift-prometheus for `GET /metrics`
/// (text format 0.0.4). Series: `vanban_http_requests_total{route,status}`,
/// `vanban_http_request_duration_seconds{route}` (histogram), `vanban_renders_in_flight`,
/// `vanban_render_queue_length`, `vanban_renders_total`, `vanban_pages_rendered_total`.
///
/// Each service has its own registry (a process may run several in tests), so the global
/// `MetricsSystem` is never bootstrapped here.
final class ServiceMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let renders: CoreMetrics.Counter
    private let pages: CoreMetrics.Counter
    private let inFlight: CoreMetrics.Gauge
    private let queued: CoreMetrics.Gauge
    static let bounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = Self.bounds.map { .nanoseconds(Int64(($0 * 1e9).rounded())) }
        self.factory = factory
        renders = CoreMetrics.Counter(label: "vanban_renders_total", factory: factory)
        pages = CoreMetrics.Counter(label: "vanban_pages_rendered_total", factory: factory)
        inFlight = CoreMetrics.Gauge(label: "vanban_renders_in_flight", factory: factory)
        queued = CoreMetrics.Gauge(label: "vanban_render_queue_length", factory: factory)
        // Present from the start, as the hand-written exposition had them.
        renders.increment(by: 0)
        pages.increment(by: 0)
        inFlight.record(0)
        queued.record(0)
    }

    func record(route: String, status: Int, seconds: Double) {
        CoreMetrics.Counter(label: "vanban_http_requests_total", dimensions: [("route", route), ("status", String(status))], factory: factory)
            .increment()
        CoreMetrics.Timer(label: "vanban_http_request_duration_seconds", dimensions: [("route", route)], factory: factory)
            .recordNanoseconds(Int64((seconds * 1e9).rounded()))
    }

    func rendered(pages n: Int) {
        renders.increment()
        pages.increment(by: n)
    }

    /// The exposition text, with the render gate's gauges read now.
    func text(inFlight: Int, queued: Int) -> String {
        self.inFlight.record(inFlight)
        self.queued.record(queued)
        return registry.emitToString()
    }
}
