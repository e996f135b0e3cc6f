import Foundation
import Hummingbird

/// The `Content-Type` a POST endpoint accepts; anything else is refused with 415 before the body is read,
/// so a web page cannot post a form or plain text to a local instance.
enum MediaType {
    /// Throws `Problem` 415 unless the request's media type is one of `accepted` (lower-case essences such
    /// as "application/json"). Parameters are allowed; a `charset` must be UTF-8 or UTF-16.
    static func require(_ request: Request, accepted: [String]) throws {
        let raw = request.headers[.contentType]
        let parts = (raw ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let essence = parts.first, accepted.contains(essence) else {
            throw Problem.unsupportedMediaType(raw, accepted: accepted)
        }
        for parameter in parts.dropFirst() where parameter.hasPrefix("charset=") {
            let charset = parameter.dropFirst("charset=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            // UTF-16 is read too (by its byte order mark or its zero bytes: `decodeJSONText`).
            guard ["utf-8", "utf8", "utf-16", "utf-16le", "utf-16be"].contains(charset) else { throw Problem.unsupportedMediaType(raw, accepted: accepted.map { $0 + "; charset=utf-8" }) }
        }
    }
}
