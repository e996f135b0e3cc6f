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
        addServiceErrors(&doc)
        return Array((try? JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys, .withoutEscapingSlashes])) ?? data)
    }

    /// The errors every operation can answer, whatever the source document says: 404 (unknown path),
    /// 405 with `Allow` (known path, other method), and for POST bodies 415 (not application/json).
    /// Problem entries may name a batch document (`document: {index, id}`).
    static func addServiceErrors(_ doc: inout [String: Any]) {
        func problem(_ description: String, headers: [String: Any]? = nil) -> [String: Any] {
            var r: [String: Any] = ["description": description,
                                    "content": ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]]]
            if let headers { r["headers"] = headers }
            return r
        }
        var components = doc["components"] as? [String: Any] ?? [:]
        var responses = components["responses"] as? [String: Any] ?? [:]
        responses["NotFound"] = responses["NotFound"] ?? problem("No such endpoint (or, for payloads, an unknown layout).")
        responses["MethodNotAllowed"] = problem("The path exists but does not answer this method; `Allow` lists those it does.",
                                                headers: ["Allow": ["schema": ["type": "string"], "description": "Methods the path answers, e.g. POST"]])
        responses["UnsupportedMediaType"] = problem("The body must be sent as `Content-Type: application/json` (a charset, if given, must be UTF-8 or UTF-16); the body may be UTF-8 (with or without a byte order mark) or UTF-16 with a byte order mark.")
        components["responses"] = responses
        if var schemas = components["schemas"] as? [String: Any], var problemSchema = schemas["Problem"] as? [String: Any],
           var properties = problemSchema["properties"] as? [String: Any], var errors = properties["errors"] as? [String: Any],
           var items = errors["items"] as? [String: Any], var itemProperties = items["properties"] as? [String: Any] {
            itemProperties["document"] = ["type": "object", "description": "The batch document at fault: its index in `documents` and its id.",
                                          "properties": ["index": ["type": "integer"], "id": ["type": "string"]], "required": ["index", "id"]]
            items["properties"] = itemProperties; errors["items"] = items; properties["errors"] = errors
            problemSchema["properties"] = properties; schemas["Problem"] = problemSchema; components["schemas"] = schemas
        }
        doc["components"] = components
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
