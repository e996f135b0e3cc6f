#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One variable of the process's environment, read with `getenv`: `ProcessInfo.environment` copies
/// every variable into a dictionary first (#14: a measurable part of a cold start).
public enum ProcessEnvironment {
    /// The value of `name`, nil when it is not set.
    public static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The values of `names` that are set.
    public static func values(_ names: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for n in names { if let v = value(n) { out[n] = v } }
        return out
    }
}
