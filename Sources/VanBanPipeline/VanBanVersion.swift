/// The program's version, printed by `vanban --version` and part of every batch fingerprint.
public enum VanBanVersion {
    public static let string = "0.9.0"
}
