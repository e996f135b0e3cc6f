import Foundation

/// Serves `Schemas/openapi.json` with the payload JSON Schema embedded as `components.schemas.Payload`,
/// so an integrator has the whole contract in one document.
enum OpenAPIDocument {
    static func build(root: String, payloadSchema: [UInt8]?) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: root + "/Schemas/openapi.json"),
              var doc = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return Array("{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"VanBan\",\"version\":\"0\"},\"paths\":{}}".utf8)
        }
        if let payloadSchema, var schema = try? JSONSerialization.jsonObject(with: Data(payloadSchema)) as? [String: Any] {
            schema["$schema"] = nil
            schema["$id"] = nil
            var components = doc["components"] as? [String: Any] ?? [:]
            var schemas = components["schemas"] as? [String: Any] ?? [:]
            // Definitions inside the payload schema move next to it, with their references rewritten.
            if let defs = schema.removeValue(forKey: "$defs") as? [String: Any] {
                for (k, v) in defs { schemas["Payload_" + k] = rewrite(v) }
            }
            schemas["Payload"] = rewrite(schema)
            components["schemas"] = schemas
            doc["components"] = components
        }
        return Array((try? JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys, .withoutEscapingSlashes])) ?? data)
    }

    private static func rewrite(_ value: Any) -> Any {
        if let d = value as? [String: Any] {
            var out: [String: Any] = [:]
            for (k, v) in d {
                if k == "$ref", let ref = v as? String, ref.hasPrefix("#/$defs/") {
                    out[k] = "#/components/schemas/Payload_" + ref.dropFirst("#/$defs/".count)
                } else { out[k] = rewrite(v) }
            }
            return out
        }
        if let a = value as? [Any] { return a.map(rewrite) }
        return value
    }
}
