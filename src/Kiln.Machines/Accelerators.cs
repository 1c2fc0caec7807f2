namespace Kiln.Machines;

/// <summary>Which of QEMU's accelerators to use: KVM where the host lets Kiln open /dev/kvm, TCG (emulation) otherwise.</summary>
public static class Accelerators
{
    public const string Kvm = "kvm";
    public const string Tcg = "tcg";

    /// <summary><paramref name="configured"/> is "auto", "kvm" or "tcg"; "auto" picks KVM only when /dev/kvm can really be opened.</summary>
    public static string Choose(string configured) => configured switch
    {
        "kvm" => Kvm,
        "tcg" => Tcg,
        "auto" => KvmUsable() ? Kvm : Tcg,
        _ => throw new ArgumentException($"unknown machine accelerator '{configured}': use auto, kvm or tcg", nameof(configured)),
    };

    private static bool KvmUsable()
    {
        try
        {
            using var device = new FileStream("/dev/kvm", FileMode.Open, FileAccess.ReadWrite);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Absent in containers and on hosts without virtualisation; present but not ours without the kvm group.
            return false;
        }
    }
}
