/// The one coding key type the layout and document-type decoders use (`init(from:)` in LayoutSpec.swift
/// and DocumentType.swift). A key is a property's synthesized `CodingKeys` case by its name, so messages,
/// snake_case conversion and the unknown-key check see exactly the names they saw before (#14: one
/// `KeyedDecodingContainer` type instead of one per layout type, each costing a scan of the conformance
/// records at its first use).
struct LayoutKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    /// The key named as `key` (a synthesized `CodingKeys` case).
    init(_ key: some CodingKey) { stringValue = key.stringValue }
}
