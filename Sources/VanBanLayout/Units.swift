/// Millimetres to points (PDF user space units).
@inline(__always) func mm(_ v: Double) -> Double { v * 72.0 / 25.4 }
