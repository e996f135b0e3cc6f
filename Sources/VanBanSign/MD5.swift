import Crypto

/// MD5 (RFC 1321), for the trailer `/ID` only.
///
/// The ID has to be deterministic (same input, same output bytes); MD5 is what the PDF specification
/// itself suggests for IDs. It is not used for anything that needs collision resistance. The digest is
/// swift-crypto's (BoringSSL's assembly on Linux), about 25× fewer instructions a byte than the
/// hand-written Swift one it replaced, with the same bytes out.
enum MD5 {
    static func digest(_ message: [UInt8]) -> [UInt8] {
        Array(Insecure.MD5.hash(data: message))
    }
}
