import Foundation

/// Serves `Schemas/openapi.json` with the payload JSON Schema embedded as `components.schemas.Payload`,
/// so an integrator has the whole contract in one document.
enum OpenAPIDocument {
    /// The OpenAPI document built into the binary (`EmbeddedSchemas`, generated from `Schemas/`): a server
    /// whose resources lack `Schemas/` still serves it whole.
    ///
    /// `Payload` is an open object here, pointing to the exact JSON Schema (`GET /v1/schema`): client
    /// generators (openapi-python-client) drop every operation whose body uses that schema's refinements
    /// (constraint-only `anyOf` branches, `not`, `null` in enums), and the service checks payloads itself,
    /// answering 422 with every JSON path. `payloadSchema`, when given, is embedded instead (validators).
    static func build(payloadSchema: [UInt8]? = nil) -> [UInt8] {
        let data = Data(EmbeddedSchemas.openAPI.utf8)
        guard var doc = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return Array(data) }
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
        addServiceErrors(&doc)
        return Array((try? JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys, .withoutEscapingSlashes])) ?? data)
    }

    /// Every operation answers 404 and 405 (and every POST 415) as problems; the responses are in the document.
    static func addServiceErrors(_ doc: inout [String: Any]) {
        guard var paths = doc["paths"] as? [String: Any] else { return }
        for (path, value) in paths {
            guard var item = value as? [String: Any] else { continue }
            for method in ["get", "post", "put", "delete", "patch"] {
                guard var operation = item[method] as? [String: Any] else { continue }
                var r = operation["responses"] as? [String: Any] ?? [:]
                if r["404"] == nil { r["404"] = ["$ref": "#/components/responses/NotFound"] }
                r["405"] = ["$ref": "#/components/responses/MethodNotAllowed"]
                if method == "post" { r["415"] = ["$ref": "#/components/responses/UnsupportedMediaType"] }
                operation["responses"] = r
                item[method] = operation
            }
            paths[path] = item
        }
        doc["paths"] = paths
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
