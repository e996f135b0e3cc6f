import Foundation

/// Counters for `GET /metrics` in the Prometheus text format.
final class ServiceMetrics: @unchecked Sendable {
    private let lock = NSLock()
    private var requests: [String: Int] = [:]          // "route|status" → count
    private var durationSum: [String: Double] = [:]
    private var durationCount: [String: Int] = [:]
    private var buckets: [String: [Int]] = [:]
    private var pages = 0
    private var renders = 0
    static let bounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    func record(route: String, status: Int, seconds: Double) {
        lock.lock(); defer { lock.unlock() }
        requests["\(route)|\(status)", default: 0] += 1
        durationSum[route, default: 0] += seconds
        durationCount[route, default: 0] += 1
        var b = buckets[route] ?? Array(repeating: 0, count: Self.bounds.count)
        for (i, bound) in Self.bounds.enumerated() where seconds <= bound { b[i] += 1 }
        buckets[route] = b
    }

    func rendered(pages n: Int) {
        lock.lock(); defer { lock.unlock() }
        pages += n
        renders += 1
    }

    func text(inFlight: Int, queued: Int) -> String {
        lock.lock(); defer { lock.unlock() }
        var out = "# HELP vanban_http_requests_total HTTP requests by route and status.\n# TYPE vanban_http_requests_total counter\n"
        for key in requests.keys.sorted() {
            let parts = key.split(separator: "|", maxSplits: 1)
            out += "vanban_http_requests_total{route=\"\(parts[0])\",status=\"\(parts[1])\"} \(requests[key]!)\n"
        }
        out += "# HELP vanban_http_request_duration_seconds Time to answer a request.\n# TYPE vanban_http_request_duration_seconds histogram\n"
        for route in durationCount.keys.sorted() {
            for (i, bound) in Self.bounds.enumerated() {
                out += "vanban_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"\(bound)\"} \(buckets[route]![i])\n"
            }
            out += "vanban_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"+Inf\"} \(durationCount[route]!)\n"
            out += "vanban_http_request_duration_seconds_sum{route=\"\(route)\"} \(durationSum[route]!)\n"
            out += "vanban_http_request_duration_seconds_count{route=\"\(route)\"} \(durationCount[route]!)\n"
        }
        out += "# HELP vanban_renders_in_flight Renders running now.\n# TYPE vanban_renders_in_flight gauge\nvanban_renders_in_flight \(inFlight)\n"
        out += "# HELP vanban_render_queue_length Requests waiting for a render slot.\n# TYPE vanban_render_queue_length gauge\nvanban_render_queue_length \(queued)\n"
        out += "# HELP vanban_renders_total Documents rendered.\n# TYPE vanban_renders_total counter\nvanban_renders_total \(renders)\n"
        out += "# HELP vanban_pages_rendered_total Pages rendered.\n# TYPE vanban_pages_rendered_total counter\nvanban_pages_rendered_total \(pages)\n"
        return out
    }
}
