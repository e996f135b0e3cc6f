import VanBanModel

extension BatchInput {
    /// A batch document that names its own agency in one of `issuer.name` and `issuer.name_in_text`
    /// while the other still comes from the defaults would print two agencies: the letterhead one, the
    /// annex reference ("… của Sở …") and the summary the other. Refused rather than guessed, at the
    /// field taken from the defaults. nil when the two come from one place, or the document's value is
    /// the defaults' own (found by a fresh tester: a CSV row's `issuer.name` under defaults that gave
    /// `issuer.name_in_text`).
    static func mixedIssuer(defaults: JSONValue, own: JSONValue) -> Diagnostic? {
        func text(_ v: JSONValue?, _ key: String) -> String? {
            if case .string(let s)? = v?["issuer"]?[key] { return s }
            return nil
        }
        let defaultName = text(defaults, "name"), defaultInText = text(defaults, "name_in_text")
        let ownName = text(own, "name"), ownInText = text(own, "name_in_text")
        if let ownName, ownInText == nil, let defaultInText, ownName != defaultName {
            return Diagnostic(at: .root / "issuer" / "name_in_text",
                              Message("batch.issuer-mixed", "name_in_text", defaultInText, "name", ownName))
        }
        if let ownInText, ownName == nil, let defaultName, ownInText != defaultInText {
            return Diagnostic(at: .root / "issuer" / "name",
                              Message("batch.issuer-mixed", "name", defaultName, "name_in_text", ownInText))
        }
        return nil
    }
}
